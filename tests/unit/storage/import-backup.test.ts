// @vitest-environment node
import { isDeepStrictEqual } from 'node:util';
import { describe, expect, test } from 'vitest';
import { type ImportPolicy, parseBackup, planImport } from '@/utils/export';
import type { Highlight } from '@/utils/model';
import { makeBackup } from '@/utils/services';
import {
  applyImportPlan,
  type ImportWrites,
  type LibraryPageVisitor,
  openDb,
  type ReadmarkDb,
  readCanonicalUrlIndex,
  readLibraryInPages,
  saveSearchIndex,
} from '@/utils/storage';
import { generateLibrary, type Library } from '../../fixtures/export/generate-library';

// The round trip checks storage fidelity, so bodies pass through unchanged here; that the
// sanitiser is applied to every body is checked below with a marking function.
const identity = (html: string) => html;
const freshDb = () => openDb(`t-${crypto.randomUUID()}`);

/** Every record of every table, ordered by key: what "the library" is, byte for byte. */
async function snapshot(db: ReadmarkDb) {
  return {
    articles: await db.articles.toArray(),
    contents: await db.contents.toArray(),
    highlights: await db.highlights.toArray(),
    settings: await db.settings.toArray(),
  };
}

/** Keys of the records that differ between two snapshots (missing, extra or changed). */
function differences(a: Awaited<ReturnType<typeof snapshot>>, b: Awaited<ReturnType<typeof snapshot>>) {
  const out: string[] = [];
  for (const table of ['articles', 'contents', 'highlights', 'settings'] as const) {
    const key = (record: object) => Object.values(record)[0] as string;
    const before = new Map<string, unknown>(a[table].map((r) => [key(r), r]));
    const after = new Map<string, unknown>(b[table].map((r) => [key(r), r]));
    for (const id of new Set([...before.keys(), ...after.keys()]))
      if (!isDeepStrictEqual(before.get(id), after.get(id))) out.push(`${table}/${id}`);
  }
  return out;
}

async function seed(db: ReadmarkDb, library: Library, settings: Record<string, unknown> = {}) {
  await db.articles.bulkPut(library.articles.map((a) => a.meta));
  await db.contents.bulkPut(library.articles.map((a) => a.content));
  await db.highlights.bulkPut(library.highlights);
  await db.settings.bulkPut(Object.entries(settings).map(([key, value]) => ({ key, value })));
}

/** Backup text of `db` (through storage, as the options page does it). */
async function backupOf(db: ReadmarkDb) {
  const backup = await makeBackup(db);
  if (!backup.ok) throw new Error(JSON.stringify(backup.error));
  return backup.value.file.text();
}

/** Reads the library a page at a time as a backup does, keeping what it is handed. */
function collectPages() {
  const seen = { articles: 0, highlights: 0, settings: {} as Record<string, unknown> };
  const visitor: LibraryPageVisitor = {
    settings: (settings) => {
      seen.settings = settings;
    },
    articles: (page) => {
      seen.articles += page.length;
    },
    highlights: (page) => {
      seen.highlights += page.length;
    },
  };
  return { seen, visitor };
}

async function restore(db: ReadmarkDb, text: string, policy: ImportPolicy = 'skip') {
  const parsed = await parseBackup(text);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.error));
  const plan = planImport(parsed.value, await readCanonicalUrlIndex(db), policy);
  const putSettings = Object.entries(parsed.value.settings).map(([key, value]) => ({ key, value }));
  return {
    parsed: parsed.value,
    applied: await applyImportPlan(db, { ...plan, putSettings }, { sanitise: identity }),
  };
}

/**
 * Records in the round trip: enough for several read pages (200 records) and write chunks (500)
 * of each table. The 10,000 of issue 6 is a size, not a different path: `ROUND_TRIP_RECORDS=10000`
 * runs it (`npm run bench:export` times the backup at that size).
 */
const RECORDS = Number(process.env.ROUND_TRIP_RECORDS ?? 1_200);
const count = RECORDS.toLocaleString('en');

describe('round trip through storage', () => {
  test(`${count} articles and ${count} highlights come back with 0 differences`, {
    timeout: 300_000,
  }, async () => {
    const library = generateLibrary({ articles: RECORDS, highlights: RECORDS, bodyMin: 200, bodyMax: 3_000 });
    const settings = {
      colorNames: { yellow: '重要', green: 'فكرة', blue: 'Définition', pink: '❓', purple: 'ציטוט' },
    };
    const source = freshDb();
    await seed(source, library, settings);
    const before = await snapshot(source);

    const started = performance.now();
    const text = await backupOf(source);
    const target = freshDb(); // the wiped library
    const { parsed, applied } = await restore(target, text);
    const seconds = (performance.now() - started) / 1000;
    console.info(
      `round trip through storage, ${count} articles + ${count} highlights: ${seconds.toFixed(1)} s, ${(text.length / 1e6).toFixed(1)} M chars`,
    );

    expect(parsed.rejected).toEqual([]);
    expect(applied).toMatchObject({
      ok: true,
      value: { articles: RECORDS, highlights: RECORDS, settings: 1 },
    });
    const after = await snapshot(target);
    expect(after.articles).toHaveLength(RECORDS);
    expect(after.highlights).toHaveLength(RECORDS);
    expect(differences(before, after)).toEqual([]);
    // The generated library really holds the characters the test is about, and they were stored.
    const stored = JSON.stringify(after.contents.slice(0, 50));
    for (const sample of ['静か', 'القراءة', 'ספר', '👩‍👩‍👧', 'nai\u0308ve', '\\ud800'])
      expect(stored).toContain(sample);
  });

  test('reading for a backup reports progress to the total and can be cancelled', async () => {
    const db = freshDb();
    await seed(db, generateLibrary({ articles: 1200, highlights: 800, bodyMin: 20, bodyMax: 40, seed: 5 }));
    const seen: number[] = [];
    const pages = collectPages();
    const read = await readLibraryInPages(db, pages.visitor, {
      onProgress: (done, total) => seen.push(done / total),
    });
    expect(read.ok && read.value.articles).toBe(1200);
    expect(pages.seen).toMatchObject({ articles: 1200, highlights: 800 });
    expect(seen.at(-1)).toBe(1);
    expect(seen.length).toBeGreaterThan(2);
    const controller = new AbortController();
    const cancelled = await readLibraryInPages(db, collectPages().visitor, {
      signal: controller.signal,
      onProgress: () => controller.abort(),
    });
    expect(cancelled).toEqual({ ok: false, error: { code: 'cancelled' } });
  });
});

test('the saved search index is left out of backups (derived, tens of MB); real settings go in', async () => {
  const db = freshDb();
  await seed(db, generateLibrary({ articles: 3, highlights: 1, bodyMin: 20, bodyMax: 40, seed: 9 }), {
    colorNames: { yellow: 'a', green: 'b', blue: 'c', pink: 'd', purple: 'e' },
  });
  await saveSearchIndex(db, JSON.stringify({ big: 'x'.repeat(2_000_000) }));
  const pages = collectPages();
  const read = await readLibraryInPages(db, pages.visitor);
  if (!read.ok) throw new Error(JSON.stringify(read.error));
  expect(Object.keys(pages.seen.settings)).toEqual(['colorNames']);
});

describe('duplicates against an existing library', () => {
  // The library has articles 0-3; the backup has 2-5, with article 2 retitled and highlighted.
  const all = generateLibrary({ articles: 6, highlights: 0, bodyMin: 50, bodyMax: 100, seed: 11 });
  const backupLibrary: Library = {
    articles: all.articles.slice(2).map((a, i) =>
      i === 0
        ? {
            ...a,
            meta: { ...a.meta, id: 'backup-2', title: 'From the backup' },
            content: { ...a.content, articleId: 'backup-2' },
          }
        : a,
    ),
    highlights: [highlightOn('backup-2', 'hb'), highlightOn(all.articles[4]!.meta.id, 'h4')],
  };
  const libraryHighlight = highlightOn(all.articles[2]!.meta.id, 'hl');

  async function setUp(policy: ImportPolicy) {
    const source = freshDb();
    await seed(source, backupLibrary);
    const text = await backupOf(source);
    const db = freshDb();
    await seed(db, { articles: all.articles.slice(0, 4), highlights: [libraryHighlight] });
    const { applied } = await restore(db, text, policy);
    if (!applied.ok) throw new Error(JSON.stringify(applied.error));
    return db;
  }

  test('skip keeps the library article and its highlights, adds the new ones', async () => {
    const db = await setUp('skip');
    expect(await db.articles.count()).toBe(6);
    expect((await db.articles.get(all.articles[2]!.meta.id))?.title).toBe(all.articles[2]!.meta.title);
    expect(await db.articles.get('backup-2')).toBeUndefined();
    expect((await db.highlights.toArray()).map((h) => h.id).sort()).toEqual(['h4', 'hl']);
  });

  test("replace puts the backup's version under the library's id, with the backup's highlights", async () => {
    const db = await setUp('replace');
    expect(await db.articles.count()).toBe(6);
    const id = all.articles[2]!.meta.id;
    expect((await db.articles.get(id))?.title).toBe('From the backup');
    expect((await db.contents.get(id))?.textContent).toBe(all.articles[2]!.content.textContent);
    const highlights = await db.highlights.toArray();
    expect(highlights.map((h) => h.id).sort()).toEqual(['h4', 'hb']);
    expect(highlights.find((h) => h.id === 'hb')?.articleId).toBe(id);
  });

  test('keep-both adds a copy with its own id, canonical URL and highlights', async () => {
    const db = await setUp('keep-both');
    expect(await db.articles.count()).toBe(8); // 4 + 4: articles 2 and 3 become copies
    const copy = (await db.articles.toArray()).find((a) => a.title === 'From the backup')!;
    expect(copy.canonicalUrl).toBe(`${all.articles[2]!.meta.canonicalUrl}#readmark-copy-${copy.id}`);
    expect(await db.contents.get(copy.id)).toBeDefined();
    expect((await db.highlights.where('articleId').equals(copy.id).toArray()).map((h) => h.note)).toEqual([
      'note hb',
    ]);
    expect(await db.highlights.get('hl')).toMatchObject({ articleId: all.articles[2]!.meta.id });
  });

  test("a backup highlight never overwrites another article's highlight with the same id", async () => {
    const db = freshDb();
    await seed(db, {
      articles: all.articles.slice(0, 1),
      highlights: [highlightOn(all.articles[0]!.meta.id, 'same')],
    });
    const plan = planImport(
      { articles: all.articles.slice(1, 2), highlights: [highlightOn(all.articles[1]!.meta.id, 'same')] },
      await readCanonicalUrlIndex(db),
      'skip',
    );
    const applied = await applyImportPlan(db, plan, { sanitise: identity });
    expect(applied).toMatchObject({ ok: true, value: { highlights: 1, renamedHighlights: 1 } });
    expect(await db.highlights.get('same')).toMatchObject({ articleId: all.articles[0]!.meta.id });
    expect(await db.highlights.where('articleId').equals(all.articles[1]!.meta.id).count()).toBe(1);
  });
});

describe('all or nothing', () => {
  const existing = generateLibrary({ articles: 30, highlights: 40, bodyMin: 50, bodyMax: 100, seed: 21 });
  const incoming = generateLibrary({ articles: 1500, highlights: 1500, bodyMin: 20, bodyMax: 60, seed: 22 });
  for (const a of incoming.articles) a.meta.canonicalUrl += '/incoming';

  async function library() {
    const db = freshDb();
    await seed(db, existing, { colorNames: { yellow: 'a', green: 'b', blue: 'c', pink: 'd', purple: 'e' } });
    return { db, before: await snapshot(db) };
  }
  const planFor = async (db: ReadmarkDb, policy: ImportPolicy = 'replace'): Promise<ImportWrites> => ({
    ...planImport(
      {
        articles: [...existing.articles.slice(0, 10), ...incoming.articles],
        highlights: incoming.highlights,
      },
      await readCanonicalUrlIndex(db),
      policy,
    ),
    putSettings: [
      { key: 'colorNames', value: { yellow: 'x', green: 'x', blue: 'x', pink: 'x', purple: 'x' } },
    ],
  });

  test('a record IndexedDB refuses mid-way leaves the library exactly as it was', async () => {
    const { db, before } = await library();
    const plan = await planFor(db);
    // The 1,200th highlight cannot be stored (a function cannot be cloned): after deletes and
    // thousands of puts have already run inside the transaction.
    const highlights = [...plan.putHighlights];
    highlights[1200] = { ...highlights[1200]!, note: (() => 'x') as unknown as string };
    const result = await applyImportPlan(db, { ...plan, putHighlights: highlights }, { sanitise: identity });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.code).toBe('storage-failed');
    expect(differences(before, await snapshot(db))).toEqual([]);
  });

  test('a sanitiser that throws mid-way leaves the library exactly as it was', async () => {
    const { db, before } = await library();
    let calls = 0;
    const result = await applyImportPlan(db, await planFor(db), {
      sanitise: (html) => {
        if (++calls === 900) throw new Error('sanitiser broke');
        return html;
      },
    });
    expect(result).toEqual({
      ok: false,
      error: { code: 'storage-failed', data: { detail: 'sanitiser broke' } },
    });
    expect(differences(before, await snapshot(db))).toEqual([]);
  });

  test('cancelling mid-way leaves the library exactly as it was', async () => {
    const { db, before } = await library();
    const controller = new AbortController();
    const seen: number[] = [];
    const result = await applyImportPlan(db, await planFor(db), {
      sanitise: identity,
      signal: controller.signal,
      onProgress: (done, total) => {
        seen.push(done);
        if (done > total / 2) controller.abort();
      },
    });
    expect(result).toEqual({ ok: false, error: { code: 'cancelled' } });
    expect(seen.length).toBeGreaterThan(2);
    expect(differences(before, await snapshot(db))).toEqual([]);
  });

  test('every body and removed block goes through the sanitiser before it is stored', async () => {
    const db = freshDb();
    const plan = planImport(incoming, new Map(), 'skip');
    const applied = await applyImportPlan(db, plan, { sanitise: (html) => `[clean]${html}` });
    expect(applied.ok).toBe(true);
    const contents = await db.contents.toArray();
    expect(contents.every((c) => c.contentHtml.startsWith('[clean]'))).toBe(true);
    const removed = contents.flatMap((c) => c.removed);
    expect(removed.length).toBeGreaterThan(0);
    expect(removed.every((block) => block.html.startsWith('[clean]'))).toBe(true);
  });
});

function highlightOn(articleId: string, id: string): Highlight {
  return {
    id,
    articleId,
    color: 'pink',
    note: `note ${id}`,
    quote: { type: 'TextQuoteSelector', exact: 'harbour', prefix: '', suffix: '' },
    position: { type: 'TextPositionSelector', start: 0, end: 7 },
    createdAt: 1_700_000_000_000,
    updatedAt: 1_700_000_000_001,
  };
}
