/**
 * Bundled by tests/check/layout-all.ts and run inside an extension page (the extension's origin):
 * saves already-extracted articles through the real storage code and returns their ids.
 */
import type { ExtractedArticle } from '@/utils/model';
import { openDb, saveArticle } from '@/utils/storage';

async function saveAll(articles: { name: string; article: ExtractedArticle }[]) {
  const db = openDb();
  const ids: Record<string, string> = {};
  for (const { name, article } of articles) {
    const saved = await saveArticle(db, article);
    if (!saved.ok) throw new Error(`${name}: ${JSON.stringify(saved.error)}`);
    ids[name] = saved.value.id;
  }
  return ids;
}

(globalThis as unknown as { readmarkSaveAll: typeof saveAll }).readmarkSaveAll = saveAll;
