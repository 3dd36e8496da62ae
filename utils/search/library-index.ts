import MiniSearch from 'minisearch';
import { describeThrown, err, ok, type Result } from '@/utils/model';
import { articleStamp, fingerprintOf, INDEX_FORMAT, type LibraryFingerprint } from './library-fingerprint';
import { processTerm } from './process-term';
import { type LibraryIndexOptions, readSaved, type SerialisedLibraryIndex } from './saved-index';
import {
  INDEXED_TEXT_LIMIT,
  type SearchableArticle,
  type SearchDocument,
  toSearchDocument,
} from './search-document';
import { libraryQuery, MINISEARCH_OPTIONS } from './search-options';

/** What a search found: matching ids with their scores, best first (a Map keeps that order). */
export interface LibrarySearch {
  /**
   * 'all-terms' when the articles match every word of the query. When no article does, the
   * search falls back to articles matching any word ('any-term') rather than show an empty list
   * for one stray or mistyped word; the UI can say so.
   */
  mode: 'all-terms' | 'any-term';
  scores: ReadonlyMap<string, number>;
}

/** A LibrarySearch with, per matching article, the index terms it matched (for snippets). */
export interface LibraryMatches extends LibrarySearch {
  terms: ReadonlyMap<string, readonly string[]>;
}

const queryTokenize: (text: string) => string[] = MiniSearch.getDefault('tokenize');

/**
 * Full-text index of the library over title, byline, site, body text, highlight quotes, notes
 * and tags. Updated one article at a time; persisted with toJSON() and LibraryIndex.load().
 */
export class LibraryIndex {
  private constructor(
    private readonly mini: MiniSearch<SearchDocument>,
    private readonly stamps: Map<string, number>,
    readonly textLimit: number,
  ) {}

  /** An empty index. */
  static create(options: LibraryIndexOptions = {}): LibraryIndex {
    return new LibraryIndex(
      new MiniSearch(MINISEARCH_OPTIONS),
      new Map(),
      options.textLimit ?? INDEXED_TEXT_LIMIT,
    );
  }

  /** Builds an index over the whole library. */
  static build(articles: Iterable<SearchableArticle>, options: LibraryIndexOptions = {}): LibraryIndex {
    const index = LibraryIndex.create(options);
    for (const article of articles) index.upsert(article);
    return index;
  }

  /**
   * Restores a persisted index (the object from toJSON, or its JSON text). Fails with a reason
   * when the data is not an index, was written by another index format or text limit, or (when
   * `expected` is given) covers a library other than `expected`: then rebuild.
   */
  static load(
    json: unknown,
    expected?: LibraryFingerprint,
    options: LibraryIndexOptions = {},
  ): Result<LibraryIndex> {
    const saved = readSaved(json, expected, options);
    if (!saved.ok) return saved;
    try {
      return ok(
        new LibraryIndex(
          MiniSearch.loadJS(saved.value.index, MINISEARCH_OPTIONS),
          saved.value.stamps,
          saved.value.textLimit,
        ),
      );
    } catch (error) {
      return corrupt(error);
    }
  }

  /**
   * As load, but yields to the event loop while rebuilding its maps, so the library page stays
   * responsive (the list can show before search is ready).
   */
  static async loadAsync(
    json: unknown,
    expected?: LibraryFingerprint,
    options: LibraryIndexOptions = {},
  ): Promise<Result<LibraryIndex>> {
    const saved = readSaved(json, expected, options);
    if (!saved.ok) return saved;
    try {
      const mini = await MiniSearch.loadJSAsync(saved.value.index, MINISEARCH_OPTIONS);
      return ok(new LibraryIndex(mini, saved.value.stamps, saved.value.textLimit));
    } catch (error) {
      return corrupt(error);
    }
  }

  /** Number of articles indexed. */
  get size(): number {
    return this.stamps.size;
  }

  has(id: string): boolean {
    return this.stamps.has(id);
  }

  /** Adds an article, or replaces its previous version (new title, tags, text or highlights). */
  upsert(article: SearchableArticle): void {
    const doc = toSearchDocument(article, this.textLimit);
    if (this.stamps.has(doc.id)) this.mini.replace(doc);
    else this.mini.add(doc);
    this.stamps.set(doc.id, articleStamp(article.meta, article.highlights));
  }

  /** Removes an article; false when it was not indexed. */
  remove(id: string): boolean {
    if (!this.stamps.delete(id)) return false;
    // discard drops the article from results at once and cleans its postings in a later vacuum.
    this.mini.discard(id);
    return true;
  }

  /**
   * Searches as the reader types. Returns null when the query has no searchable word (empty, or
   * only stop words): the UI then shows the whole library, as for an empty box.
   */
  search(query: string): LibraryMatches | null {
    const terms = queryTokenize(query).flatMap((token) => processTerm(token) ?? []);
    if (terms.length === 0) return null;
    const all = this.mini.search(libraryQuery(terms, 'AND'));
    if (all.length > 0 || terms.length === 1) return toMatches('all-terms', all);
    return toMatches('any-term', this.mini.search(libraryQuery(terms, 'OR')));
  }

  /** The library state this index covers; compare with fingerprintLibrary(). */
  fingerprint(): LibraryFingerprint {
    return fingerprintOf(this.stamps.values());
  }

  /** Plain data for JSON.stringify or IndexedDB; restore with LibraryIndex.load. */
  toJSON(): SerialisedLibraryIndex {
    return {
      format: INDEX_FORMAT,
      textLimit: this.textLimit,
      stamps: Object.fromEntries(this.stamps),
      index: this.mini.toJSON(),
    };
  }
}

function toMatches(
  mode: LibrarySearch['mode'],
  results: readonly { id: string; score: number; terms: string[] }[],
): LibraryMatches {
  const scores = new Map<string, number>();
  const terms = new Map<string, readonly string[]>();
  for (const result of results) {
    scores.set(result.id, result.score);
    terms.set(result.id, result.terms);
  }
  return { mode, scores, terms };
}

function corrupt(error: unknown): Result<LibraryIndex> {
  return err('search-index-unusable', { detail: `corrupt index: ${describeThrown(error)}` });
}
