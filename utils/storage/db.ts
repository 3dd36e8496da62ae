import Dexie, { type EntityTable, type Table } from 'dexie';
import type {
  ArticleContent,
  ArticleImage,
  ArticleMeta,
  ArticleSummary,
  Highlight,
  ImageBlob,
  ReviewCard,
  ReviewLogEntry,
} from '@/utils/model';
import { bindArticlesToTheirOrigin } from './bind-to-origin';
import { changeCapture } from './change-capture';
import { DB_NAME } from './db-version';
import { populateFirstScreen } from './first-screen';
import { reviewCascade } from './review-cascade';
import { buildArticleSummaries, summaryMirror } from './summaries';

/** A setting stored by key (reader preferences, colour names, the persisted search index…). */
export interface SettingRecord {
  key: string;
  value: unknown;
}

/**
 * Sync bookkeeping rows (schema version 5). Their values are utils/sync's types (the engine's book,
 * the per-record merge state, queued operations); storage keeps them opaque, as it knows the model
 * and Dexie only. utils/services/sync-store.ts reads and writes them.
 */
export interface SyncMetaRecord {
  key: string;
  value: unknown;
}
export interface SyncEntityRecord {
  /** `kind/id`, as utils/sync's entityKey. */
  key: string;
  value: unknown;
}
export interface SyncOutboxRecord {
  /** The operation's clock stamp: unique, and in creation order. */
  hlc: string;
  op: unknown;
}

export type ReadmarkDb = Dexie & {
  articles: EntityTable<ArticleMeta, 'id'>;
  contents: EntityTable<ArticleContent, 'articleId'>;
  highlights: EntityTable<Highlight, 'id'>;
  settings: EntityTable<SettingRecord, 'key'>;
  imageBlobs: EntityTable<ImageBlob, 'hash'>;
  articleImages: Table<ArticleImage, [string, string]>;
  summaries: EntityTable<ArticleSummary, 'id'>;
  syncMeta: EntityTable<SyncMetaRecord, 'key'>;
  syncEntities: EntityTable<SyncEntityRecord, 'key'>;
  syncOutbox: EntityTable<SyncOutboxRecord, 'hlc'>;
  reviewCards: EntityTable<ReviewCard, 'highlightId'>;
  reviewLog: Table<ReviewLogEntry, [string, number]>;
};

/**
 * Opens (lazily) the Readmark database. Only the background and extension pages may call this:
 * IndexedDB opened in a content script would belong to the page's origin.
 *
 * Schema history: one block per released version, never edited after release; a change adds a
 * new `db.version(n)` block with a named upgrade function.
 */
export interface OpenDbOptions {
  /**
   * Live queries answer frozen records instead of deep copies (Dexie's `cache: 'immutable'`).
   * For pages that only read what they observe: copying 10,000 summaries on every change of the
   * library costs the library page hundreds of ms. Code that sorts or edits a live result in
   * place must not use it.
   */
  frozenLiveQueries?: boolean;
}

export function openDb(name: string = DB_NAME, options: OpenDbOptions = {}): ReadmarkDb {
  const db = new Dexie(name, options.frozenLiveQueries ? { cache: 'immutable' } : {}) as ReadmarkDb;
  // Version 1 (2026-11-28). Bodies live in `contents` so listing 10k articles never loads them;
  // only fields that queries use are indexed (never body text: search has its own index).
  db.version(1).stores({
    articles:
      'id, &canonicalUrl, savedAt, updatedAt, publishedTime, title, siteName, *tags, archived, favourite',
    contents: 'articleId',
    highlights: 'id, articleId, createdAt',
    settings: 'key',
  });
  // Version 2 (2026-12-06). Same stores and indexes; the upgrade re-keys articles stored under a
  // canonical URL of another origin than their own, which let one site claim another's article.
  db.version(2).stores({}).upgrade(bindArticlesToTheirOrigin);
  // Version 3 (2026-12-06). Images stored with their article, so reading never goes to the network.
  // imageBlobs holds each distinct picture once (keyed by the SHA-256 of its bytes); articleImages
  // maps an article's image URLs to those hashes ([articleId+url] is the key; `hash` is indexed to
  // find blobs no article uses any more). No upgrade function: articles saved before have no images
  // stored and show placeholders until the reader loads them.
  db.version(3).stores({
    imageBlobs: 'hash',
    articleImages: '[articleId+url], articleId, hash',
  });
  // Version 4 (2026-12-06). One small summary per article (utils/model ArticleSummary), so the
  // library lists and first searches 10,000 articles without reading their metadata records.
  // summaryMirror keeps it in step with every write to `articles`; the upgrade builds the
  // summaries of the articles saved before.
  db.version(4).stores({ summaries: 'id, savedAt' }).upgrade(buildArticleSummaries);
  db.use(summaryMirror);
  // Version 5 (2026-12-06). Sync bookkeeping, device-local and never in backups: syncMeta (the
  // engine's book and the replica's clock, by key), syncEntities (per-record merge state: field
  // stamps, note versions, delete vectors, by `kind/id`) and syncOutbox (local changes not yet
  // uploaded, keyed and ordered by clock stamp). New empty stores: no upgrade function.
  db.version(5).stores({
    syncMeta: 'key',
    syncEntities: 'key',
    syncOutbox: 'hlc',
  });
  // Version 6 (2026-12-06). The daily review of highlights: reviewCards (one FSRS schedule per
  // highlight answered at least once, by highlight id; `due` indexed for the due count) and
  // reviewLog (every answer, keyed [highlightId+reviewedAt] so a highlight's lines go with it;
  // `reviewedAt` indexed for the day's new cards). reviewCascade deletes both with their highlight.
  // New empty stores: no upgrade function (every highlight starts as a new card).
  db.version(6).stores({
    reviewCards: 'highlightId, articleId, due',
    reviewLog: '[highlightId+reviewedAt], reviewedAt',
  });
  db.use(reviewCascade);
  // A new database starts with its (empty) first screen, kept exact from then on (first-screen.ts).
  db.on('populate', populateFirstScreen);
  // Sync's change capture: idle until the sync service installs its hook (change-capture.ts).
  db.use(changeCapture(db));
  return db;
}
