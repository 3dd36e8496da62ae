/**
 * The guard against "the folder looks empty, so delete everything" (Joplin #661, #6864) and its
 * mirror, a flood of additions: a run that would delete more than 20 % or more than 200 of the
 * library's articles, or add more than 1,000 to a non-empty library, pauses and asks.
 *
 * Small libraries: 20 % of a library under 25 articles is fewer than 5, so the share alone would
 * ask on almost every tidy-up (1 deletion of 4 is 25 %). Up to FREE_DELETES deletions therefore
 * never ask on share alone; a run that would empty the library still asks, even of one article
 * (an emptied library is what a wrong or wiped folder looks like).
 */
import type { Library } from './library';
import type { Op } from './state';

export const MAX_DELETE_SHARE = 0.2;
export const MAX_DELETES = 200;
export const MAX_ADDS = 1000;
/** Deletions that go through without asking whatever the library's size (unless it would empty it). */
export const FREE_DELETES = 5;

export interface LibraryChange {
  before: number;
  deletions: number;
  additions: number;
}

export function libraryChange(before: Library, after: Library): LibraryChange {
  let deletions = 0;
  for (const id of before.articles.keys()) if (!after.articleIdOf.has(id)) deletions++;
  let additions = 0;
  for (const article of after.articles.values()) {
    if (![article.id, ...article.aliases].some((id) => before.articleIdOf.has(id))) additions++;
  }
  return { before: before.articles.size, deletions, additions };
}

/** Whether a change needs the reader's yes before it is applied. */
export function needsApproval(change: LibraryChange): boolean {
  if (change.before === 0) return false;
  const emptied = change.deletions >= change.before;
  return (
    emptied ||
    change.deletions > MAX_DELETES ||
    (change.deletions > change.before * MAX_DELETE_SHARE && change.deletions > FREE_DELETES) ||
    change.additions > MAX_ADDS
  );
}

/**
 * Whether operations could need approval at all: only article deletes remove articles, and no
 * more articles can appear than the operations name. When not, the run skips measuring the whole
 * library before and after (the cost of a one-change sync at 10,000 articles).
 */
export function couldNeedApproval(ops: Op[]): boolean {
  const articles = new Set<string>();
  for (const op of ops) {
    if (op.kind !== 'article') continue;
    if (op.del) return true;
    articles.add(op.id);
  }
  return articles.size > MAX_ADDS;
}
