// @vitest-environment node
import { parseHTML } from 'linkedom';
import { describe, expect, test } from 'vitest';
import { locateInText } from '@/utils/annotation';
import { extractFromHtml } from '@/utils/extraction';
import type { HtmlParser } from '@/utils/import';
import { ok } from '@/utils/model';
import { type ExtractHtml, previewImport, runImport } from '@/utils/services';
import { openDb, type ReadmarkDb, saveArticle } from '@/utils/storage';
import { makeExtracted, makeHighlight } from '../../support/articles';
import { importFixture } from '../../support/import-fixtures';

const parseHtml: HtmlParser = (html) => parseHTML(html).document as unknown as Document;
// The pipeline as the options page's Worker runs it (linkedom), without the Worker.
const extract: ExtractHtml = async (html, url) =>
  ok(extractFromHtml(`<html><body><article>${html}</article></body></html>`, { url }));
const sanitise = (html: string) => html.replace(/<script[\s\S]*?<\/script>/gi, '');
const freshDb = () => openDb(`import-${crypto.randomUUID()}`);

async function snapshot(db: ReadmarkDb) {
  return {
    articles: await db.articles.toArray(),
    contents: await db.contents.toArray(),
    highlights: await db.highlights.toArray(),
  };
}

async function importFile(
  db: ReadmarkDb,
  name: string,
  options: Partial<Parameters<typeof runImport>[2]> = {},
) {
  const preview = await previewImport(db, importFixture(name), parseHtml);
  if (!preview.ok) throw new Error(JSON.stringify(preview.error));
  return {
    preview: preview.value,
    result: await runImport(db, preview.value, { extract, sanitise, now: 2e12, ...options }),
  };
}

describe('importing another tool’s export into the library', () => {
  test('wallabag: content extracted, state, tags and dates carried, highlights anchored in the text', async () => {
    const db = await freshDb();
    const { result } = await importFile(db, 'wallabag.json');
    expect(result).toEqual(
      ok({ added: 2, toDownload: 0, merged: 0, highlights: 3, alreadyThere: 0, orphans: 0 }),
    );
    const planing = (await db.articles
      .where('canonicalUrl')
      .equals('https://fixtures.readmark.test/planing')
      .first())!;
    expect(planing).toMatchObject({
      title: 'Planing a board by hand',
      archived: 1,
      favourite: 1,
      tags: ['craft', 'wood'],
      savedAt: Date.parse('2024-03-14T09:00:00Z'),
    });
    expect(planing.notDownloaded).toBeUndefined();
    const content = (await db.contents.get(planing.id))!;
    expect(content.textContent).toContain('Set the iron so it takes a shaving as thin as paper.');
    const highlights = await db.highlights.where('articleId').equals(planing.id).sortBy('createdAt');
    expect(highlights.map((h) => [h.quote.exact, h.note])).toEqual([
      ['the plane should travel the way you would stroke them flat', 'The single most useful tip.'],
      // The multi-line quote is placed in the text, where its line break is a space.
      ['A dull iron asks for force, and force is what makes a plane dig in.', ''],
    ]);
    for (const h of highlights) {
      expect(content.textContent.slice(h.position.start, h.position.end)).toBe(h.quote.exact);
      expect(h.createdAt).toBeLessThan(Date.parse('2024-03-17'));
    }
  });

  test('Omnivore: a highlight not in the text is kept as an orphan with its quote and note', async () => {
    const db = await freshDb();
    const { result } = await importFile(db, 'omnivore');
    expect(result).toMatchObject({ ok: true, value: { added: 2, highlights: 5, orphans: 1 } });
    const ledger = (await db.articles
      .where('canonicalUrl')
      .equals('https://fixtures.readmark.test/lighthouse-ledger')
      .first())!;
    const text = (await db.contents.get(ledger.id))!.textContent;
    const highlights = await db.highlights.where('articleId').equals(ledger.id).toArray();
    const orphan = highlights.find((h) => h.quote.exact.includes('Admiral'))!;
    expect(locateInText(text, orphan)).toBeNull();
    expect(highlights.filter((h) => h !== orphan).every((h) => locateInText(text, h) !== null)).toBe(true);
    expect(highlights.map((h) => h.note)).toContain('The best line.');
  });

  test('URL-only articles are kept as "not downloaded yet"; page notes are kept as notes', async () => {
    const db = await freshDb();
    const { result } = await importFile(db, 'hypothesis.json');
    expect(result).toMatchObject({ ok: true, value: { added: 2, toDownload: 2, highlights: 4, orphans: 4 } });
    const bees = (await db.articles.where('canonicalUrl').equals('https://example.org/bees').first())!;
    expect(bees).toMatchObject({ notDownloaded: 1, title: 'How bees share a map' });
    const notes = (await db.highlights.where('articleId').equals(bees.id).toArray()).map((h) => h.note);
    expect(notes).toContain('A page note: the diagrams are excellent.');
  });

  test('an article already saved gets the highlights merged, never duplicated (also on a second import)', async () => {
    const db = await freshDb();
    const saved = await saveArticle(
      db,
      makeExtracted({
        url: 'https://example.org/walking',
        canonicalUrl: 'https://example.org/walking',
        title: 'My own copy of the walking essay',
        textContent: 'Some prose first. Walking slows the mind until it can hear itself. More prose after.',
        contentHtml:
          '<p>Some prose first. Walking slows the mind until it can hear itself. More prose after.</p>',
      }),
    );
    if (!saved.ok) throw new Error(JSON.stringify(saved.error));
    await db.highlights.put(
      makeHighlight(saved.value.id, {
        quote: {
          type: 'TextQuoteSelector',
          exact: 'Walking slows the mind until it can hear itself.',
          prefix: '',
          suffix: '',
        },
      }),
    );
    const first = await importFile(db, 'pocket-2025');
    expect(first.preview.alreadyInLibrary).toBe(1);
    expect(first.result).toMatchObject({
      ok: true,
      value: { added: 4, merged: 1, highlights: 2, alreadyThere: 1 },
    });
    const walking = (await db.articles.get(saved.value.id))!;
    expect(walking).toMatchObject({
      title: 'My own copy of the walking essay',
      archived: 1,
      tags: ['health', 'travel'],
    });
    const quotes = (await db.highlights.where('articleId').equals(walking.id).toArray()).map(
      (h) => h.quote.exact,
    );
    expect(quotes.sort()).toEqual([
      'Every route home is a little different at dusk.',
      'Walking slows the mind until it can hear itself.',
    ]);
    const before = await snapshot(db);
    const second = await importFile(db, 'pocket-2025', { now: 3e12 });
    expect(second.result).toMatchObject({
      ok: true,
      value: { added: 0, merged: 5, highlights: 0, alreadyThere: 3 },
    });
    expect((await snapshot(db)).highlights).toEqual(before.highlights);
  });

  test('an article imported as a URL only gets its content from a later file, and its highlights placed', async () => {
    const db = await freshDb();
    await importFile(db, 'hypothesis.json');
    const bees = (await db.articles.where('canonicalUrl').equals('https://example.org/bees').first())!;
    expect(bees.notDownloaded).toBe(1);
    const wallabag = [
      {
        url: 'https://example.org/bees',
        title: 'Bees, saved again',
        is_archived: 0,
        is_starred: 1,
        tags: ['summer'],
        content:
          '<p>In the warm months the forager bees dance to tell the hive where the flowers are, and how far away.</p>' +
          '<p>When the food is far, the waggle lasts longer. Beekeepers have timed it with stopwatches for a century.</p>',
        annotations: [],
      },
    ];
    const preview = await previewImport(db, new TextEncoder().encode(JSON.stringify(wallabag)), parseHtml);
    if (!preview.ok) throw new Error(JSON.stringify(preview.error));
    expect(preview.value.alreadyInLibrary).toBe(1);
    const result = await runImport(db, preview.value, { extract, sanitise, now: 3e12 });
    expect(result).toMatchObject({ ok: true, value: { added: 0, merged: 1, highlights: 0 } });
    const filled = (await db.articles.get(bees.id))!;
    expect(filled.notDownloaded).toBeUndefined();
    expect(filled).toMatchObject({
      title: 'How bees share a map',
      favourite: 1,
      tags: ['diagrams', 'summer'],
    });
    const text = (await db.contents.get(bees.id))!.textContent;
    const placed = (await db.highlights.where('articleId').equals(bees.id).toArray()).filter(
      (h) => h.position.end > 0,
    );
    expect(placed.map((h) => text.slice(h.position.start, h.position.end)).sort()).toEqual([
      'bees dance to tell the hive where the flowers are',
      'the waggle lasts longer',
    ]);
  });

  test('a failure while writing changes nothing (one transaction per import)', async () => {
    const db = await freshDb();
    await importFile(db, 'hypothesis.json');
    const before = await snapshot(db);
    let calls = 0;
    const failing = (html: string) => {
      if (++calls === 2) throw new Error('disk full');
      return html;
    };
    const { result } = await importFile(db, 'wallabag.json', { sanitise: failing });
    expect(result.ok).toBe(false);
    expect(await snapshot(db)).toEqual(before);
  });

  test('a truncated file is a clear error before anything is written', async () => {
    const db = await freshDb();
    const zip = importFixture('omnivore');
    const preview = await previewImport(db, zip.slice(0, zip.length - 100), parseHtml);
    expect(preview).toEqual({
      ok: false,
      error: { code: 'import-zip-damaged', data: { detail: expect.any(String) } },
    });
    expect(await db.articles.count()).toBe(0);
  });
});
