// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { createBackup, parseBackup } from '@/utils/export';
import { loadFixture } from './load-fixture';

type Json = Record<string, unknown>;

/** A valid backup as plain JSON, built from the fixtures, for the tests to damage. */
async function validBackup(): Promise<Json> {
  const fixtures = ['kettle', 'rtl-cjk'].map(loadFixture);
  const created = await createBackup({
    articles: fixtures.map(({ meta, content }) => ({ meta, content })),
    highlights: fixtures.flatMap((f) => f.highlights),
    settings: { theme: 'sepia' },
  });
  if (!created.ok) throw new Error(JSON.stringify(created.error));
  return JSON.parse(created.value) as Json;
}

const articles = (file: Json) => file.articles as { meta: Json; content: Json }[];
const highlights = (file: Json) => file.highlights as Json[];

async function rejectionsOf(damage: (file: Json) => void) {
  const file = await validBackup();
  damage(file);
  const parsed = await parseBackup(JSON.stringify(file));
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.error));
  return parsed.value;
}

describe('parseBackup refuses what is not a Readmark backup', () => {
  it.each([
    ['plain text', 'hello', { code: 'backup-not-json' }],
    ['an empty file', '', { code: 'backup-cut-short' }],
    ['a JSON array', '[1, 2]', { code: 'backup-no-object' }],
    ['JSON null', 'null', { code: 'backup-no-object' }],
    ['another format', '{"format": "pocket-export", "version": 1}', { code: 'backup-wrong-format' }],
    [
      'no version',
      '{"format": "readmark-backup", "articles": [], "highlights": []}',
      { code: 'backup-bad-version' },
    ],
    [
      'a string version',
      '{"format": "readmark-backup", "version": "1", "articles": [], "highlights": []}',
      { code: 'backup-bad-version' },
    ],
    [
      'a newer version',
      '{"format": "readmark-backup", "version": 3, "articles": [], "highlights": []}',
      { code: 'backup-newer-version', data: { version: 3 } },
    ],
    [
      'articles not a list',
      '{"format": "readmark-backup", "version": 1, "articles": {}, "highlights": []}',
      { code: 'backup-not-list', data: { field: 'articles' } },
    ],
    [
      'highlights missing',
      '{"format": "readmark-backup", "version": 1, "articles": []}',
      { code: 'backup-not-list', data: { field: 'highlights' } },
    ],
    [
      'a truncated file',
      '{"format": "readmark-backup", "version": 1, "articles": [',
      { code: 'backup-cut-short' },
    ],
  ])('%s', async (_label, text, message) => {
    const parsed = await parseBackup(text);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.error).toMatchObject(message);
  });
});

describe('parseBackup rejects bad records with a reason and keeps the rest', () => {
  it.each<[string, (file: Json) => void, 'article' | 'highlight', number, RegExp]>([
    [
      'a record that is not an object',
      (f) => articles(f).splice(1, 0, null as never),
      'article',
      1,
      /^Invalid type: Expected Object/,
    ],
    ['a missing title', (f) => delete articles(f)[0]!.meta.title, 'article', 0, /^meta\.title: /],
    [
      'a number as a string',
      (f) => (articles(f)[1]!.meta.wordCount = '12'),
      'article',
      1,
      /^meta\.wordCount: /,
    ],
    ['favourite = 2', (f) => (articles(f)[0]!.meta.favourite = 2), 'article', 0, /^meta\.favourite: /],
    ['progress above 1', (f) => (articles(f)[0]!.meta.progress = 1.5), 'article', 0, /^meta\.progress: /],
    ['a date before 1970', (f) => (articles(f)[0]!.meta.savedAt = -5), 'article', 0, /^meta\.savedAt: /],
    ['no content', (f) => Reflect.deleteProperty(articles(f)[0]!, 'content'), 'article', 0, /^content: /],
    [
      'content of another article',
      (f) => (articles(f)[0]!.content.articleId = 'x'),
      'article',
      0,
      /content\.articleId differs/,
    ],
    [
      'an 11 MiB body',
      (f) => (articles(f)[0]!.content.contentHtml = 'a'.repeat(11 * 1024 * 1024)),
      'article',
      0,
      /contentHtml: larger than 10 MiB/,
    ],
    [
      'a 20,000-character title',
      (f) => (articles(f)[0]!.meta.title = 't'.repeat(20_000)),
      'article',
      0,
      /^meta\.title: longer than/,
    ],
    ['a tag that is an object', (f) => (articles(f)[0]!.meta.tags = [{}]), 'article', 0, /^meta\.tags\.0: /],
    ['an empty id', (f) => (articles(f)[0]!.meta.id = ''), 'article', 0, /^meta\.id: empty id/],
    [
      'a duplicate id',
      (f) => articles(f).push(structuredClone(articles(f)[0]!)),
      'article',
      2,
      /duplicate article id/,
    ],
    [
      'a duplicate canonical URL',
      (f) => {
        const [first, second] = articles(f);
        // Same origin too: a canonical on another origin than the article's own URL is not its key.
        second!.meta.url = first!.meta.url;
        second!.meta.canonicalUrl = first!.meta.canonicalUrl;
      },
      'article',
      1,
      /same canonical URL|canonical URL/,
    ],
    ['an unknown colour', (f) => (highlights(f)[0]!.color = 'red'), 'highlight', 0, /^color: /],
    [
      'a position ending before it starts',
      (f) => (highlights(f)[1]!.position = { type: 'TextPositionSelector', start: 9, end: 2 }),
      'highlight',
      1,
      /^position: position ends before/,
    ],
    [
      'a quote with no exact',
      (f) => delete (highlights(f)[2]!.quote as Json).exact,
      'highlight',
      2,
      /^quote\.exact: /,
    ],
    [
      'a highlight without its article',
      (f) => (highlights(f)[0]!.articleId = 'gone'),
      'highlight',
      0,
      /article "gone" is not in this backup/,
    ],
    [
      'a duplicate highlight id',
      (f) => (highlights(f)[1]!.id = highlights(f)[0]!.id),
      'highlight',
      1,
      /duplicate highlight id/,
    ],
    ['a note that is a number', (f) => (highlights(f)[0]!.note = 42), 'highlight', 0, /^note: /],
  ])('%s', async (_label, damage, kind, index, reason) => {
    const value = await rejectionsOf(damage);
    const [first, ...rest] = value.rejected;
    expect(first).toMatchObject({ kind, index });
    expect(first?.reason).toMatch(reason);
    // A rejected article takes its highlights with it, each listed with its own reason.
    for (const other of rest) expect(other.reason).toMatch(/is not in this backup/);
    if (kind === 'highlight') expect(rest).toEqual([]);
  });

  it('rejects the highlights of a rejected article, each with a reason', async () => {
    const value = await rejectionsOf((f) => (articles(f)[0]!.meta.url = 7));
    const kettleHighlights = loadFixture('kettle').highlights.length;
    expect(value.rejected).toHaveLength(1 + kettleHighlights);
    expect(
      value.rejected
        .filter((r) => r.kind === 'highlight')
        .every((r) => /is not in this backup/.test(r.reason)),
    ).toBe(true);
    expect(value.articles).toHaveLength(1);
  });

  it('keeps script payloads as the strings they are (the importer sanitises before storing)', async () => {
    const payload = '<script>alert(1)</script><img src=x onerror=alert(2)>';
    const value = await rejectionsOf((f) => (articles(f)[0]!.content.contentHtml = payload));
    expect(value.rejected).toEqual([]);
    expect(value.articles[0]?.content.contentHtml).toBe(payload);
  });
});

describe('parseBackup never pollutes prototypes', () => {
  const polluted = () => ({}) as Record<string, unknown>;

  it.each<[string, (file: Json) => string, RegExp | null]>([
    [
      '__proto__ in an article',
      (f) => inject(f, '"meta":{', '"__proto__":{"polluted":"yes"},'),
      /meta\.__proto__: forbidden key/,
    ],
    [
      '__proto__ in a removed block',
      (f) => {
        articles(f)[0]!.content.removed = [{ rule: 'r', label: 'l', sample: 's', html: 'h' }];
        return inject(f, '"removed":[{', '"__proto__":{"polluted":"yes"},');
      },
      /content\.removed\[0\]\.__proto__: forbidden key/,
    ],
    [
      'constructor.prototype in a highlight',
      (f) => {
        Reflect.set(highlights(f)[0]!, 'constructor', { prototype: { polluted: 'yes' } });
        return JSON.stringify(f);
      },
      /constructor: forbidden key/,
    ],
    [
      '__proto__ in settings',
      (f) => inject(f, '"settings":{', '"__proto__":{"polluted":"yes"},'),
      /settings\.__proto__: forbidden key/,
    ],
    ['__proto__ at the top level', (f) => inject(f, '{', '"__proto__":{"polluted":"yes"},'), null],
  ])('%s', async (_label, build, reason) => {
    const file = await validBackup();
    const parsed = await parseBackup(build(file));
    expect(polluted().polluted).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('polluted');
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.error));
    if (reason) expect(parsed.value.rejected.map((r) => r.reason).join('\n')).toMatch(reason);
    else expect(parsed.value.rejected).toEqual([]);
    for (const article of parsed.value.articles)
      expect(Object.getPrototypeOf(article.meta)).toBe(Object.prototype);
  });

  it('rejects settings nested absurdly deep', async () => {
    let deep: unknown = 1;
    for (let i = 0; i < 100; i++) deep = { a: deep };
    const value = await rejectionsOf((f) => (f.settings = deep as Json));
    expect(value.rejected).toEqual([
      { kind: 'settings', index: 0, reason: expect.stringMatching(/nested deeper than 64/) },
    ]);
    expect(value.settings).toEqual({});
  });
});

/** The file as JSON text with `extra` inserted after the first occurrence of `after` (JSON.stringify would drop __proto__). */
function inject(file: Json, after: string, extra: string): string {
  const text = JSON.stringify(file);
  const at = text.indexOf(after);
  if (at < 0) throw new Error(`no ${after}`);
  return text.slice(0, at + after.length) + extra + text.slice(at + after.length);
}
