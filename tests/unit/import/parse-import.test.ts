import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { type HtmlParser, mergeSameArticles, type ParsedImport, parseImportFile } from '@/utils/import';
import { importFixture } from '../../support/import-fixtures';

const linkedom: HtmlParser = (html) => parseHTML(html).document as unknown as Document;
// happy-dom's DOMParser stands in for the browser's (lower-cased attribute names, real HTML parsing).
const domParser: HtmlParser = (html) => new DOMParser().parseFromString(html, 'text/html');

function parse(name: string, parser: HtmlParser = linkedom): ParsedImport {
  const result = parseImportFile(importFixture(name), parser);
  if (!result.ok) throw new Error(JSON.stringify(result.error));
  return result.value;
}

const counts = ({ format, articles, highlights, notes, tags, skipped }: ParsedImport) => ({
  format,
  articles,
  highlights,
  notes,
  tags,
  skipped: skipped.length,
});

const byUrl = (parsed: ParsedImport, url: string) => {
  const item = parsed.items.find((i) => i.url === url);
  if (!item) throw new Error(`no item ${url}`);
  return item;
};

describe('parseImportFile: counts per import-formats.md on our fixtures', () => {
  it.each([
    ['pocket-2025', { format: 'pocket', articles: 5, highlights: 3, notes: 0, tags: 7, skipped: 2 }],
    ['ril_export.html', { format: 'pocket', articles: 3, highlights: 0, notes: 0, tags: 4, skipped: 1 }],
    ['omnivore', { format: 'omnivore', articles: 2, highlights: 5, notes: 2, tags: 6, skipped: 2 }],
    ['hypothesis.json', { format: 'hypothesis', articles: 2, highlights: 3, notes: 3, tags: 4, skipped: 1 }],
    [
      'obsidian-web-clipper-highlights-202502101200.json',
      { format: 'obsidian', articles: 2, highlights: 5, notes: 2, tags: 0, skipped: 1 },
    ],
    ['wallabag.json', { format: 'wallabag', articles: 2, highlights: 3, notes: 2, tags: 3, skipped: 1 }],
    [
      'instapaper-export.csv',
      { format: 'instapaper', articles: 3, highlights: 0, notes: 0, tags: 3, skipped: 2 },
    ],
    ['readwise-data.csv', { format: 'readwise', articles: 0, highlights: 0, notes: 0, tags: 0, skipped: 2 }],
    ['bookmarks.html', { format: 'netscape', articles: 3, highlights: 0, notes: 0, tags: 5, skipped: 3 }],
  ])('%s', (name, expected) => {
    expect(counts(parse(name))).toEqual(expected);
    // The browser's parser gives the same answer as linkedom's.
    expect(counts(parse(name, domParser))).toEqual(expected);
  });
});

describe('Pocket', () => {
  it('joins annotations to rows by URL and merges duplicate rows (tags unioned, archived kept)', () => {
    const parsed = parse('pocket-2025');
    const walking = byUrl(parsed, 'https://example.org/walking');
    expect(walking.tags).toEqual(['health', 'travel']);
    expect(walking.archived).toBe(true);
    expect(walking.savedAt).toBe(1714660000 * 1000);
    expect(walking.highlights.map((h) => h.quote)).toEqual([
      'Walking slows the mind\nuntil it can hear itself.',
      'Every route home is a little different at dusk.',
    ]);
    expect(walking.highlights[0]!.createdAt).toBe(1714665000 * 1000);
    expect(byUrl(parsed, 'https://example.net/sea').title).toBe('مقالة عن البحر والملح');
    expect(byUrl(parsed, 'http://example.com/quoted').title).toBe('A "quoted" title, with a comma');
    // The URL as saved is kept; the canonical URL (the library's dedupe key) drops tracking parameters.
    const harbour = byUrl(parsed, 'https://example.org/harbour?utm_source=pocket_saves');
    expect(harbour.canonicalUrl).toBe('https://example.org/harbour');
    expect(harbour.tags).toEqual(['travel', 'slow living']);
    expect(parsed.skipped.map((s) => s.reason)).toEqual([
      { code: 'skip-not-web-address', data: { scheme: 'javascript' } },
      { code: 'skip-no-url' },
    ]);
  });

  it('reads the legacy HTML: sections give the archive state', () => {
    const parsed = parse('ril_export.html', domParser);
    expect(byUrl(parsed, 'https://example.il/bread')).toMatchObject({
      title: 'לחם של שבת & ריח של בית',
      archived: true,
      tags: ['food'],
    });
    expect(byUrl(parsed, 'https://example.kr/kimchi').archived).toBe(false);
    expect(byUrl(parsed, 'https://example.org/tides')).toMatchObject({
      archived: true,
      savedAt: 1590000100000,
    });
  });
});

describe('Omnivore', () => {
  it('reads content, labels with commas, quotes with blank lines, labels and notes of highlights', () => {
    const parsed = parse('omnivore');
    const ledger = byUrl(parsed, 'https://fixtures.readmark.test/lighthouse-ledger');
    expect(ledger.archived).toBe(true);
    expect(ledger.tags).toEqual(['history', 'sea, and ships']);
    expect(ledger.html).toContain('green ledger');
    expect(ledger.highlights.map(({ quote, note, tags }) => ({ quote, note, tags }))).toEqual([
      {
        quote:
          'Nobody had asked him to keep it so carefully, but he believed that a record kept every single day becomes a kind of company.',
        note: 'This is why I keep a diary, too.',
        tags: ['habits', 'records'],
      },
      {
        quote:
          'The entries were short. A north wind, two trawlers, a ferry running late.\n\nSometimes only the word fog',
        note: '',
        tags: [],
      },
      { quote: 'The ledger was meant for ships, yet it remembers people.', note: 'The best line.', tags: [] },
      { quote: 'The keeper kept a cat called Admiral who slept on the logbook.', note: '', tags: [] },
    ]);
    const tea = byUrl(parsed, 'https://example.jp/tea');
    expect(tea).toMatchObject({
      archived: true,
      tags: ['日本', 'history', 'tea'],
      savedAt: Date.parse('2024-05-01T09:30:00Z'),
    });
    expect(tea.highlights[0]!.quote).toBe('若い葉は柔らかく、\n指先に少しだけ香りが残る。');
    expect(parsed.skipped).toMatchObject([
      { reason: { code: 'skip-no-url' }, title: 'Weekly letter from the allotment', highlights: 1 },
      { reason: { code: 'skip-not-web-address', data: { scheme: 'file' } } },
    ]);
  });
});

describe('Hypothesis', () => {
  it('keeps quote, context and position; page notes are notes, replies are not', () => {
    const parsed = parse('hypothesis.json');
    const bees = byUrl(parsed, 'https://example.org/bees');
    expect(bees.title).toBe('How bees share a map');
    expect(bees.highlights[0]).toMatchObject({
      quote: 'bees dance to tell\nthe hive where the flowers are',
      prefix: 'In the warm months the forager ',
      suffix: ', and how far away.',
      position: { start: 210, end: 267 },
      note: 'Compare with the wasp article.',
      tags: ['insects', 'biology'],
      createdAt: Date.parse('2025-02-01T09:15:30.123Z'),
    });
    expect(bees.pageNotes).toEqual(['A page note: the diagrams are excellent.']);
    expect(bees.tags).toEqual(['diagrams']);
    expect(JSON.stringify(parsed)).not.toContain('the wasp piece says the same');
    expect(byUrl(parsed, 'https://example.eg/nile').title).toBe('النيل: نهر يجري شمالاً');
    expect(parsed.skipped).toMatchObject([
      { reason: { code: 'skip-not-web-address', data: { scheme: 'urn' } }, highlights: 1 },
    ]);
  });
});

describe('Obsidian Web Clipper', () => {
  it('turns highlight HTML into plain quotes, keeps notes and merges pages with the same URL', () => {
    const parsed = parse('obsidian-web-clipper-highlights-202502101200.json', domParser);
    const rivers = byUrl(parsed, 'https://example.org/rivers');
    expect(rivers.highlights.map((h) => h.quote)).toEqual([
      'Rivers remember their old beds & return to them in a flood.',
      'The first part of a grouped highlight.\n\nThe second part, after a gap.',
      'An old highlight without a timestamp <still kept>',
      'Deltas are where rivers\ngive up their sand.',
    ]);
    expect(rivers.highlights[0]).toMatchObject({ note: 'Good line for the talk.', color: 'yellow' });
    expect(rivers.highlights[2]!.createdAt).toBeNull();
    expect(rivers.title).toBe('https://example.org/rivers');
  });
});

describe('wallabag', () => {
  it('reads flags as numbers or booleans, dates with +0100 offsets, content and annotations', () => {
    const parsed = parse('wallabag.json');
    const planing = byUrl(parsed, 'https://fixtures.readmark.test/planing');
    expect(planing).toMatchObject({
      archived: true,
      favourite: true,
      tags: ['craft', 'wood'],
      savedAt: Date.parse('2024-03-14T09:00:00Z'),
    });
    expect(planing.html).toContain('Reading the grain');
    expect(planing.highlights[1]!.quote).toBe(
      'A dull iron asks for force,\nand force is what makes a plane dig in.',
    );
    expect(planing.highlights[0]!.createdAt).toBe(Date.parse('2024-03-16T08:00:00Z'));
    expect(byUrl(parsed, 'https://example.il/soup')).toMatchObject({
      title: 'מרק עדשים לערב חורף',
      archived: false,
    });
  });
});

describe('Instapaper, Readwise, bookmarks', () => {
  it('Instapaper: folders give state (not tags), tags come from the JSON cell, Selection is no note', () => {
    const parsed = parse('instapaper-export.csv');
    expect(byUrl(parsed, 'https://example.org/bicycles').tags).toEqual(['transport', 'history, mechanical']);
    expect(byUrl(parsed, 'https://example.org/letters').archived).toBe(true);
    expect(byUrl(parsed, 'https://example.tw/night-market')).toMatchObject({
      favourite: true,
      title: '夜市的燈光',
    });
  });

  it('Readwise: each document is skipped with the reason and its highlight count', () => {
    expect(parse('readwise-data.csv').skipped).toMatchObject([
      { title: 'Small gardens', highlights: 2, reason: { code: 'skip-readwise-no-url' } },
      { title: '夜空の本', highlights: 1 },
    ]);
  });

  it('bookmarks: folders are not tags, descriptions are not notes, duplicates merge', () => {
    const parsed = parse('bookmarks.html', domParser);
    expect(byUrl(parsed, 'https://example.org/maps')).toMatchObject({
      title: 'Old maps & new roads',
      tags: ['maps', 'reference', 'history'],
      savedAt: 1680000000000,
    });
    expect(parsed.items.map((i) => i.title)).not.toContain('Recipes');
  });
});

describe('bad input: a clear error, never a partial result', () => {
  const fail = (bytes: Uint8Array) => {
    const result = parseImportFile(bytes, linkedom);
    expect(result.ok).toBe(false);
    return result.ok ? '' : result.error.code;
  };
  const text = (s: string) => new TextEncoder().encode(s);

  it('a truncated zip', () => {
    const zip = importFixture('omnivore');
    expect(fail(zip.slice(0, zip.length - 200))).toBe('import-zip-damaged');
  });

  it('truncated JSON', () => {
    const json = new TextDecoder().decode(importFixture('wallabag.json'));
    expect(fail(text(json.slice(0, 900)))).toBe('import-json-unreadable');
  });

  it('a CSV cut inside a quoted cell', () => {
    const csv = new TextDecoder().decode(importFixture('instapaper-export.csv'));
    expect(fail(text(csv.slice(0, csv.indexOf('熱氣') + 3)))).toBe('import-csv-damaged');
  });

  it('an empty file, an unknown CSV, an unrelated zip, unrelated JSON and HTML', () => {
    expect(fail(new Uint8Array())).toBe('import-empty');
    expect(fail(text('name,age\nAda,36\n'))).toBe('import-csv-unknown');
    expect(fail(importFixture('pocket-2025/annotations'))).toBe('import-zip-unknown');
    expect(fail(text('{"hello": "world"}'))).toBe('import-json-unknown');
    expect(fail(text('<html><body><p>Hi</p></body></html>'))).toBe('import-html-unknown');
  });

  it('detects from content: a Pocket CSV part on its own is still Pocket', () => {
    const result = parseImportFile(importFixture('pocket-2025/part_000000.csv'), linkedom);
    expect(result.ok && counts(result.value)).toMatchObject({ format: 'pocket', articles: 4, skipped: 1 });
  });
});

describe('duplicate URLs', () => {
  const csv = (rows: string[]) =>
    new TextEncoder().encode(['URL,Title,Selection,Folder,Timestamp,Tags', ...rows].join('\n'));
  const rows = [
    'https://example.org/tide?utm_source=feed,Tide tables,,Unread,1700000000,[]',
    'https://example.org/tide/,Tide tables again,,Archive,1700000100,[]',
    'https://example.org/tide?utm_source=feed,Tide tables,,Unread,1700000200,[]',
  ];

  it('counts as import-formats.md does: only identical URL strings merge', () => {
    const result = parseImportFile(csv(rows), linkedom);
    if (!result.ok) throw new Error(JSON.stringify(result.error));
    expect(result.value.articles).toBe(2);
    expect(result.value.skipped).toEqual([]);
  });

  it('merges what the library stores as one article (tracking parameter, trailing slash)', () => {
    const result = parseImportFile(csv(rows), linkedom);
    if (!result.ok) throw new Error(JSON.stringify(result.error));
    const merged = mergeSameArticles(result.value);
    expect(merged.articles).toBe(1);
    expect(merged.items[0]).toMatchObject({ canonicalUrl: 'https://example.org/tide', archived: true });
    // The file itself is not changed by merging.
    expect(result.value.articles).toBe(2);
  });
});
