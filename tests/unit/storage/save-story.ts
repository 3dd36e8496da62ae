import type { ExtractedArticle } from '@/utils/model';
import { type ReadmarkDb, saveArticle } from '@/utils/storage';
import { makeExtracted } from '../../support/articles';

/**
 * Saves "Story n" (its own URL on news.example, a numbered title, opening and text) at time
 * `at` (default 1,000 + n, so later stories are newer); override what a test cares about.
 */
export async function saveStory(
  db: ReadmarkDb,
  n: number,
  overrides: Partial<ExtractedArticle> = {},
  at = 1_000 + n,
) {
  const saved = await saveArticle(
    db,
    makeExtracted({
      url: `https://news.example/${n}`,
      canonicalUrl: `https://news.example/${n}`,
      title: `Story ${n}`,
      excerpt: `Opening of story ${n}.`,
      textContent: `Opening of story ${n}. The rest of it.`,
      ...overrides,
    }),
    at,
  );
  if (!saved.ok) throw new Error(JSON.stringify(saved.error));
  return saved.value;
}
