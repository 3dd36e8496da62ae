import type {
  ArticleContent,
  ArticleImage,
  ArticleMeta,
  Highlight,
  ImageBytes,
  ReviewCard,
  ReviewLogEntry,
} from '@/utils/model';
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
  /** Review schedules and log lines of the highlights put, re-pointed like them. */
  putReviewCards: ReviewCard[];
  putReviewLog: ReviewLogEntry[];
  /** Backup articles left out because the library has them (policy 'skip'), with how many highlights stay out too. */
  skipped: { id: string; canonicalUrl: string; existingId: string; highlights: number }[];
}

export interface PlanImportOptions {
  /** Id maker for copies and id clashes; defaults to crypto.randomUUID. */
  newId?: () => string;
}

/** The writes for one backup article: the existing article it replaces (if any), then its records. */
export interface ArticleWrites {
  deleteArticleId: string | null;
  meta: ArticleMeta;
  content: ArticleContent;
  imageLinks: ArticleImage[];
}

/**
 * Decides, record by record, what an import writes: the streaming form of planImport, for a
 * backup read one record at a time (articles first, then highlights, then pictures). Keeps only
 * what later records need: each file article's fate and the pictures the articles put use.
 */
export class ImportPlanner {
  /** Backup articles left out because the library has them (policy 'skip'). */
  readonly skipped: ImportPlan['skipped'] = [];
  private readonly newId: () => string;
  private readonly usedIds: Set<string>;
  /** File article id → its id in the library and how its highlights are renamed, or its skip entry. */
  private readonly fates = new Map<
    string,
    { id: string; rename: (() => string) | null } | { skip: ImportPlan['skipped'][number] }
  >();
  private readonly usedImages = new Set<string>();
  /** File highlight id → the id and article id it is put under (review records follow it). */
  private readonly putHighlights = new Map<string, { id: string; articleId: string }>();

  constructor(
    private readonly existingByCanonicalUrl: ReadonlyMap<string, string>,
    private readonly policy: ImportPolicy,
    options: PlanImportOptions = {},
  ) {
    this.newId = options.newId ?? (() => crypto.randomUUID());
    this.usedIds = new Set(existingByCanonicalUrl.values());
  }

  /** The writes for a backup article, or null when it is skipped. */
  article({ meta, content, images = [] }: BackupArticle): ArticleWrites | null {
    const existingId = this.existingByCanonicalUrl.get(meta.canonicalUrl);
    if (existingId !== undefined && this.policy === 'skip') {
      const skip = { id: meta.id, canonicalUrl: meta.canonicalUrl, existingId, highlights: 0 };
      this.skipped.push(skip);
      this.fates.set(meta.id, { skip });
      return null;
    }
    let id = existingId ?? meta.id;
    let canonicalUrl = meta.canonicalUrl;
    let rename: (() => string) | null = null;
    if (existingId === undefined || this.policy !== 'replace') {
      id = this.usedIds.has(meta.id) ? this.freshId() : meta.id;
      this.usedIds.add(id);
      const copy = existingId !== undefined;
      if (copy) canonicalUrl = `${meta.canonicalUrl.split('#')[0]}#readmark-copy-${id}`;
      // A copy's highlights get new ids too: the originals may still be in the library.
      if (copy || id !== meta.id) rename = () => this.freshId();
    }
    this.fates.set(meta.id, { id, rename });
    for (const link of images) this.usedImages.add(link.hash);
    return {
      deleteArticleId: existingId !== undefined && this.policy === 'replace' ? existingId : null,
      meta: { ...meta, id, canonicalUrl },
      content: { ...content, articleId: id },
      imageLinks: images.map((link) => ({ articleId: id, url: link.url, hash: link.hash })),
    };
  }

  /** The highlight re-pointed at its article's id in the library, or null when its article is skipped. */
  highlight(highlight: Highlight): Highlight | null {
    const fate = this.fates.get(highlight.articleId);
    if (!fate) return null;
    if ('skip' in fate) {
      fate.skip.highlights++;
      return null;
    }
    const id = fate.rename ? fate.rename() : highlight.id;
    this.putHighlights.set(highlight.id, { id, articleId: fate.id });
    return { ...highlight, id, articleId: fate.id };
  }

  /** A review schedule or log line re-pointed at its highlight as put, or null when that highlight is not put. */
  review<R extends ReviewCard | ReviewLogEntry>(record: R): R | null {
    const put = this.putHighlights.get(record.highlightId);
    return put ? { ...record, highlightId: put.id, articleId: put.articleId } : null;
  }

  /** True when an article put names this picture (the others would be stored for nothing). */
  usesImage(hash: string): boolean {
    return this.usedImages.has(hash);
  }

  private freshId(): string {
    let id = this.newId();
    while (this.usedIds.has(id)) id = this.newId();
    return id;
  }
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
  parsed: Pick<ParsedBackup, 'articles' | 'highlights'> &
    Partial<Pick<ParsedBackup, 'images' | 'reviewCards' | 'reviewLog'>>,
  existingByCanonicalUrl: ReadonlyMap<string, string>,
  policy: ImportPolicy,
  options: PlanImportOptions = {},
): ImportPlan {
  const planner = new ImportPlanner(existingByCanonicalUrl, policy, options);
  const plan: ImportPlan = {
    deleteArticleIds: [],
    putArticles: [],
    putContents: [],
    putHighlights: [],
    putImageLinks: [],
    putImages: [],
    putReviewCards: [],
    putReviewLog: [],
    skipped: planner.skipped,
  };
  for (const article of parsed.articles) {
    const writes = planner.article(article);
    if (!writes) continue;
    if (writes.deleteArticleId !== null) plan.deleteArticleIds.push(writes.deleteArticleId);
    plan.putArticles.push(writes.meta);
    plan.putContents.push(writes.content);
    plan.putImageLinks.push(...writes.imageLinks);
  }
  for (const highlight of parsed.highlights) {
    const put = planner.highlight(highlight);
    if (put) plan.putHighlights.push(put);
  }
  for (const card of parsed.reviewCards ?? []) {
    const put = planner.review(card);
    if (put) plan.putReviewCards.push(put);
  }
  for (const line of parsed.reviewLog ?? []) {
    const put = planner.review(line);
    if (put) plan.putReviewLog.push(put);
  }
  plan.putImages = (parsed.images ?? []).filter((image) => planner.usesImage(image.hash));
  return plan;
}
