import type { ArticleContent, ArticleImage, ArticleMeta, Highlight, ImageBytes } from '@/utils/model';
import type { BackupArticle, ParsedBackup } from './parse-backup';

/** What to do with a backup article whose canonical URL is already in the library. */
export type ImportPolicy = 'skip' | 'replace' | 'keep-both';

/** The exact writes of an import, to apply in ONE transaction: deletes first, then puts. */
export interface ImportPlan {
  /** Existing articles to delete with their content and highlights (policy 'replace'). */
  deleteArticleIds: string[];
  putArticles: ArticleMeta[];
  putContents: ArticleContent[];
  putHighlights: Highlight[];
  /** Picture links of the articles put (under their new ids), and the pictures they name, each once. */
  putImageLinks: ArticleImage[];
  putImages: ImageBytes[];
  /** Backup articles left out because the library has them (policy 'skip'), with how many highlights stay out too. */
  skipped: { id: string; canonicalUrl: string; existingId: string; highlights: number }[];
}

export interface PlanImportOptions {
  /** Id maker for copies and id clashes; defaults to crypto.randomUUID. */
  newId?: () => string;
}

/**
 * Turns a parsed backup into writes. An article whose canonical URL the library already has is
 * skipped, replaces the existing one (keeping the existing id, so open views stay valid), or is
 * kept beside it as a copy with a new id and its canonical URL marked `#readmark-copy-<id>` (one
 * article per canonical URL stays true). An article whose id is taken by a different existing
 * article gets a new id. Highlights follow their article: re-pointed, with new ids when their
 * article is a copy. Pure: nothing is written here.
 */
export function planImport(
  parsed: Pick<ParsedBackup, 'articles' | 'highlights'> & Partial<Pick<ParsedBackup, 'images'>>,
  existingByCanonicalUrl: ReadonlyMap<string, string>,
  policy: ImportPolicy,
  options: PlanImportOptions = {},
): ImportPlan {
  const newId = options.newId ?? (() => crypto.randomUUID());
  const plan: ImportPlan = {
    deleteArticleIds: [],
    putArticles: [],
    putContents: [],
    putHighlights: [],
    putImageLinks: [],
    putImages: [],
    skipped: [],
  };
  const highlightsOf = groupByArticle(parsed.highlights);
  const usedIds = new Set(existingByCanonicalUrl.values());
  const freshId = () => {
    let id = newId();
    while (usedIds.has(id)) id = newId();
    return id;
  };
  for (const article of parsed.articles) {
    const { meta } = article;
    const highlights = highlightsOf.get(meta.id) ?? [];
    const existingId = existingByCanonicalUrl.get(meta.canonicalUrl);
    if (existingId !== undefined && policy === 'skip') {
      plan.skipped.push({
        id: meta.id,
        canonicalUrl: meta.canonicalUrl,
        existingId,
        highlights: highlights.length,
      });
      continue;
    }
    if (existingId !== undefined && policy === 'replace') {
      plan.deleteArticleIds.push(existingId);
      put(plan, article, existingId, meta.canonicalUrl, highlights, null);
      continue;
    }
    const id = usedIds.has(meta.id) ? freshId() : meta.id;
    usedIds.add(id);
    const copy = existingId !== undefined;
    const canonicalUrl = copy ? `${meta.canonicalUrl.split('#')[0]}#readmark-copy-${id}` : meta.canonicalUrl;
    // A copy's highlights get new ids too: the originals may still be in the library.
    put(plan, article, id, canonicalUrl, highlights, copy || id !== meta.id ? freshId : null);
  }
  const used = new Set(plan.putImageLinks.map((link) => link.hash));
  plan.putImages = (parsed.images ?? []).filter((image) => used.has(image.hash));
  return plan;
}

function put(
  plan: ImportPlan,
  { meta, content, images = [] }: BackupArticle,
  id: string,
  canonicalUrl: string,
  highlights: readonly Highlight[],
  renameHighlight: (() => string) | null,
): void {
  plan.putArticles.push({ ...meta, id, canonicalUrl });
  plan.putContents.push({ ...content, articleId: id });
  for (const link of images) plan.putImageLinks.push({ articleId: id, url: link.url, hash: link.hash });
  for (const highlight of highlights)
    plan.putHighlights.push({
      ...highlight,
      id: renameHighlight ? renameHighlight() : highlight.id,
      articleId: id,
    });
}

function groupByArticle(highlights: readonly Highlight[]): Map<string, Highlight[]> {
  const groups = new Map<string, Highlight[]>();
  for (const highlight of highlights) {
    const group = groups.get(highlight.articleId) ?? [];
    group.push(highlight);
    groups.set(highlight.articleId, group);
  }
  return groups;
}
