// @vitest-environment jsdom
import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, test } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { DEFAULT_COLOR_NAMES, type Highlight } from '@/utils/model';
import { exportArticleFile, exportArticlesZip } from '@/utils/services';
import { openDb, type ReadmarkDb, readArticlesForExport } from '@/utils/storage';
import { generateLibrary } from '../../fixtures/export/generate-library';

async function library(articles: number, highlights: number) {
  const db = openDb(`t-${crypto.randomUUID()}`);
  const lib = generateLibrary({ articles, highlights, bodyMin: 100, bodyMax: 300, seed: 51 });
  lib.articles[0]!.meta.title = 'Same title';
  lib.articles[1]!.meta.title = 'Same title';
  lib.articles[0]!.content.contentHtml +=
    '<p>Tail <img src="x" onerror="alert(1)"><script>alert(2)</script></p>';
  await db.articles.bulkPut(lib.articles.map((a) => a.meta));
  await db.contents.bulkPut(lib.articles.map((a) => a.content));
  await db.highlights.bulkPut(lib.highlights);
  return { db, lib };
}

const unzip = (bytes: Uint8Array) =>
  Object.fromEntries(Object.entries(unzipSync(bytes)).map(([name, data]) => [name, strFromU8(data)]));

describe('exportArticlesZip', () => {
  test('zips the chosen articles as Markdown, one uniquely named file each, with their highlights', async () => {
    const { db, lib } = await library(12, 40);
    await db.settings.put({ key: 'colorNames', value: { ...DEFAULT_COLOR_NAMES, pink: 'Frage' } });
    const ids = [lib.articles[0]!.meta.id, lib.articles[1]!.meta.id, lib.articles[5]!.meta.id, 'gone'];
    const seen: [number, number][] = [];
    const zip = await exportArticlesZip(db, ids, 'markdown', { onProgress: (d, t) => seen.push([d, t]) });
    if (!zip.ok) throw new Error(JSON.stringify(zip.error));
    const files = unzip(zip.value);
    expect(Object.keys(files)).toHaveLength(3);
    expect(files['Same title.md']).toBeDefined();
    expect(files['Same title (2).md']).toBeDefined();
    const first = files['Same title.md']!;
    const front = parseYaml(first.split('---\n')[1]!) as { url: string };
    expect(front.url).toBe(lib.articles[0]!.meta.url);
    const pink = lib.highlights.find((h) => h.articleId === lib.articles[5]!.meta.id && h.color === 'pink');
    if (pink) expect(Object.values(files).join()).toContain('Frage');
    expect(seen.at(-1)).toEqual([8, 8]);
  });

  test('HTML files are sanitised again and carry the CSP meta, no script', async () => {
    const { db, lib } = await library(3, 5);
    const zip = await exportArticlesZip(db, [lib.articles[0]!.meta.id], 'html');
    if (!zip.ok) throw new Error(JSON.stringify(zip.error));
    const html = unzip(zip.value)['Same title.html']!;
    expect(html).toContain('http-equiv="Content-Security-Policy"');
    expect(html).not.toMatch(/<script|onerror/i);
    expect(html).toContain('Tail');
  });

  test('cancels with nothing partial', async () => {
    const { db, lib } = await library(250, 0);
    const controller = new AbortController();
    const zip = await exportArticlesZip(
      db,
      lib.articles.map((a) => a.meta.id),
      'markdown',
      { signal: controller.signal, onProgress: () => controller.abort() },
    );
    expect(zip).toEqual({ ok: false, error: { code: 'cancelled' } });
  });
});

describe('exportArticleFile', () => {
  test('one article as Markdown and as HTML, named after its title, with its highlights', async () => {
    const { db, lib } = await library(2, 0);
    const id = lib.articles[0]!.meta.id;
    const text = lib.articles[0]!.content.textContent;
    const highlight = (n: number): Highlight => ({
      id: `h${n}`,
      articleId: id,
      color: 'green',
      note: `note ${n}`,
      quote: { type: 'TextQuoteSelector', exact: text.slice(n * 10, n * 10 + 8), prefix: '', suffix: '' },
      position: { type: 'TextPositionSelector', start: n * 10, end: n * 10 + 8 },
      createdAt: 100 - n,
      updatedAt: 100,
    });
    await db.highlights.bulkPut([highlight(1), highlight(2)]);
    const md = await exportArticleFile(db, id, 'markdown');
    expect(md).toMatchObject({
      ok: true,
      value: { name: 'Same title.md', type: expect.stringMatching(/markdown/) },
    });
    if (md.ok) expect(md.value.data).toMatch(/note 1[\s\S]*note 2/); // reading order, not creation order
    const html = await exportArticleFile(db, id, 'html');
    expect(html).toMatchObject({ ok: true, value: { name: 'Same title.html' } });
    expect(await exportArticleFile(db, 'gone', 'html')).toMatchObject({ ok: false });
  });

  test('readArticlesForExport leaves out missing ids and keeps the order asked for', async () => {
    const { db, lib } = await library(5, 10);
    const ids = [lib.articles[3]!.meta.id, 'gone', lib.articles[1]!.meta.id];
    const got: string[] = [];
    await readArticlesForExport(
      db as ReadmarkDb,
      ids,
      (articles) => got.push(...articles.map((a) => a.meta.id)),
      {
        chunk: 2,
      },
    );
    expect(got).toEqual([ids[0], ids[2]]);
  });
});
