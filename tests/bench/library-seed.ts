/**
 * Bundled by tests/bench/library.ts and run inside an extension page (the extension's origin):
 * seeds the library through the real storage API with the search bench's synthetic articles, and
 * can end the seeding as an import or a restore ends (the summary snapshot taken by the page).
 */

import { snapshotAfterImport } from '@/utils/services';
import {
  addTag,
  openDb,
  putHighlight,
  saveArticle,
  setArchived,
  setFavourite,
  setRead,
} from '@/utils/storage';
import { generateCorpus } from './search-corpus';

const BATCH = 50;

async function seed(count: number) {
  const db = openDb();
  const start = performance.now();
  const corpus = generateCorpus(count);
  const ids = new Map<string, string>();
  let highlights = 0;
  for (let i = 0; i < corpus.articles.length; i += BATCH) {
    await Promise.all(
      corpus.articles.slice(i, i + BATCH).map(async ({ meta, text, highlights: marks }) => {
        const paragraphs = text.match(/[^.]+(?:\.[^.]+){0,5}\.?/g) ?? [text];
        const saved = await saveArticle(
          db,
          {
            ...meta,
            contentHtml: paragraphs.map((p) => `<p>${p.trim()}</p>`).join(''),
            textContent: text,
            opening: text.slice(0, 320),
            removed: [],
            isProbablyArticle: true,
            pageType: 'article',
          },
          meta.savedAt,
        );
        if (!saved.ok) throw new Error(JSON.stringify(saved.error));
        ids.set(meta.id, saved.value.id);
        for (const mark of marks) {
          const put = await putHighlight(db, { ...mark, articleId: saved.value.id });
          if (!put.ok) throw new Error(JSON.stringify(put.error));
          highlights++;
        }
      }),
    );
  }
  const idsWhere = (test: (i: number) => boolean) =>
    corpus.articles.filter((_, i) => test(i)).map((a) => ids.get(a.meta.id)!);
  const metas = corpus.articles.map((a) => a.meta);
  await setArchived(
    db,
    idsWhere((i) => metas[i]!.archived === 1),
    true,
  );
  await setFavourite(
    db,
    idsWhere((i) => metas[i]!.favourite === 1),
    true,
  );
  await setRead(
    db,
    idsWhere((i) => metas[i]!.readAt !== null),
    true,
  );
  for (const tag of corpus.tags)
    await addTag(
      db,
      idsWhere((i) => metas[i]!.tags.includes(tag)),
      tag,
    );
  db.close();
  return { articles: ids.size, highlights, ms: performance.now() - start };
}

/** What an import or a restore does once it has written (see snapshotAfterImport): ms it took. */
async function endAsImport() {
  const db = openDb();
  const start = performance.now();
  await snapshotAfterImport(db);
  db.close();
  return performance.now() - start;
}

Object.assign(globalThis, { readmarkSeed: seed, readmarkEndAsImport: endAsImport });
