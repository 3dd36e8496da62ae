// @vitest-environment node
import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { safeFileName, toMarkdownZip, toZip } from '@/utils/export';
import { loadFixture } from './load-fixture';

describe('safeFileName', () => {
  it.each([
    ['a/b\\c:d*e?f"g<h>i|j', 'a b c d e f g h i j'],
    ['...hidden', 'hidden'],
    ['  .  spaced . ', 'spaced'],
    ['ends with dots...', 'ends with dots'],
    ['CON', '_CON'],
    ['lpt1.final', '_lpt1.final'],
    ['Console', 'Console'],
    ['line\nbreak\ttab\u0000nul', 'line break tab nul'],
    ['静かな読書 القراءة 🌙 cafe\u0301', '静かな読書 القراءة 🌙 café'],
    ['', 'Untitled'],
    ['///', 'Untitled'],
    // Bidi controls would make "invoice<RLO>fdp.exe" read as "invoiceexe.pdf": they go.
    ['invoice\u202efdp.exe', 'invoicefdp.exe'],
    ['\u202a\u202b\u202c\u202d\u2066\u2067\u2068\u2069\u200e\u200f\u061cplain', 'plain'],
    ['\u202e\u2067', 'Untitled'],
  ])('%j → %j', (title, name) => {
    expect(safeFileName(title)).toBe(name);
  });

  it('caps the length without splitting an emoji', () => {
    const name = safeFileName('🌙'.repeat(300));
    expect(Array.from(name)).toHaveLength(120);
    expect(name).toBe('🌙'.repeat(120));
  });
});

describe('toZip', () => {
  it('zips files that unzip to the same bytes, with unique safe names', async () => {
    const zipped = await toZip([
      { name: 'Title.md', data: 'one' },
      { name: 'Title.md', data: 'two' },
      { name: 'title.md', data: 'three' },
      { name: 'a:b.md', data: 'four' },
      { name: '../../etc/passwd', data: new Uint8Array([1, 2, 3]) },
      { name: 'notes/静か.md', data: '静か 🌙' },
    ]);
    if (!zipped.ok) throw new Error(JSON.stringify(zipped.error));
    const files = unzipSync(zipped.value);
    expect(Object.keys(files)).toEqual([
      'Title.md',
      'Title (2).md',
      'title (3).md',
      'a b.md',
      'etc/passwd',
      'notes/静か.md',
    ]);
    expect(strFromU8(files['Title (2).md']!)).toBe('two');
    expect([...files['etc/passwd']!]).toEqual([1, 2, 3]);
    expect(strFromU8(files['notes/静か.md']!)).toBe('静か 🌙');
  });

  it('is reproducible byte for byte', async () => {
    const a = await toZip([{ name: 'a.txt', data: 'same' }]);
    await new Promise((resolve) => setTimeout(resolve, 5));
    const b = await toZip([{ name: 'a.txt', data: 'same' }]);
    expect(a).toEqual(b);
  });

  it('returns nothing partial when cancelled', async () => {
    const controller = new AbortController();
    const files = Array.from({ length: 1000 }, (_, i) => ({ name: `f${i}.txt`, data: `file ${i}` }));
    const zipped = await toZip(files, { signal: controller.signal, onProgress: () => controller.abort() });
    expect(zipped).toEqual({ ok: false, error: { code: 'cancelled' } });
  });
});

describe('toMarkdownZip', () => {
  it('writes one Markdown file per article, named after its title, de-duplicated', async () => {
    const kettle = loadFixture('kettle');
    const hostile = loadFixture('hostile');
    const progress: number[] = [];
    const zipped = await toMarkdownZip([kettle, kettle, hostile], {
      onProgress: (done, total) => progress.push(done / total),
    });
    if (!zipped.ok) throw new Error(JSON.stringify(zipped.error));
    const files = unzipSync(zipped.value);
    expect(Object.keys(files)).toEqual([
      'Why kettles sing before they boil.md',
      'Why kettles sing before they boil (2).md',
      `${safeFileName(hostile.meta.title)}.md`,
    ]);
    expect(strFromU8(files['Why kettles sing before they boil.md']!)).toContain('## Highlights');
    expect(progress.at(-1)).toBe(1);
  });
});
