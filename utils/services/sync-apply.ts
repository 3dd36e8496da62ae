/**
 * Merged remote state → the library, and article bodies ↔ the engine.
 *
 * The engine merges remote operations into the replicated state and, in the same commit, marks
 * each touched record `apply:<kind/id>` (sync-store.ts). `applyMerged` then writes those records
 * to the library through utils/storage, validated as a restored backup is (valibot schemas of
 * utils/export), in one transaction that also clears the marks: a worker killed in between applies
 * them on the next run, and a bad record is rejected and reported, never half-written. Titles,
 * tags, highlights and notes come first; bodies arrive later (the engine fetches them in batches
 * after the records are written) and go to their articles a batch a transaction; a body whose
 * article is not in the library yet waits staged under `blob:<hash>` and is written here later.
 */
import * as v from 'valibot';
import { articleContentSchema, articleMetaSchema, firstIssue, highlightSchema } from '@/utils/export';
import {
  type ArticleContent,
  type ArticleMeta,
  DEFAULT_COLOR_NAMES,
  type Highlight,
  NO_EXTRACTED_FACTS,
} from '@/utils/model';
import {
  getArticle,
  type ReadmarkDb,
  type SettingRecord,
  type SyncedWrites,
  writeSyncedRecords,
} from '@/utils/storage';
import {
  type BodyStore,
  bodyHash,
  type EntityState,
  entityKey,
  IMAGES_FIELD,
  materialise,
  TAG_FIELD_PREFIX,
} from '@/utils/sync';
import { checkBackupSettings } from './backup-settings';
import { applyStagedPictures, pictureWrites } from './sync-pictures';
import { dexieStores, META, noteText, recordChanges } from './sync-records';
import { APPLY_PREFIX, type DexieSyncStore } from './sync-store';

/** Records this merge kept over a concurrent delete (the reader is told, once per delete). */
export interface Kept {
  articles: number;
  highlights: number;
}

/** `kept:<kind/id>`: the delete a kept record was last told about (its device and time). */
const KEPT_PREFIX = 'kept:';

export interface Rejected {
  kind: 'article' | 'highlight' | 'body' | 'setting';
  id: string;
  reason: string;
}

/** The bytes a body travels as (and is hashed over). */
function bodyBytes(content: ArticleContent): Uint8Array<ArrayBuffer> {
  const { contentHtml, textContent, removed } = content;
  return new TextEncoder().encode(JSON.stringify({ contentHtml, textContent, removed }));
}

/**
 * Whether two reads of a body would travel as the same bytes (both absent counts as the same).
 * Strings compared as they are: serialising both whole cost more than hashing them.
 */
function sameBody(a: ArticleContent | undefined, b: ArticleContent | undefined): boolean {
  if (!a || !b) return a === b;
  return (
    a.contentHtml === b.contentHtml &&
    a.textContent === b.textContent &&
    JSON.stringify(a.removed) === JSON.stringify(b.removed)
  );
}

/**
 * Marks settled per transaction. A device's second run after set-up settles every body of its
 * library (the second seeding pass marks them all: sync-service.ts); one transaction per body
 * made that phase 50.2 s for 2,500 bodies in Chromium (bench:sync-chromium, loaded machine), and
 * most of the ~110 s a 10,000-article first sync's background run took for its last 500 bodies.
 * A batch's bodies are held in memory while they are hashed: bodies of tens of kB.
 */
const SETTLE_BATCH = 100;

/**
 * Bodies written locally since the last run get their hash recorded as the article's `bodyHash`
 * (WebCrypto cannot run inside the transaction that wrote them: change-capture.ts). A batch of
 * bodies is read and hashed, then settled in one transaction; a body changed (or gone, or come)
 * in between keeps its mark for the next run.
 */
export async function settleBodies(db: ReadmarkDb): Promise<void> {
  const marks = await db.syncMeta.where('key').startsWith(META.bodyPrefix).primaryKeys();
  for (let from = 0; from < marks.length; from += SETTLE_BATCH) {
    const ids = marks.slice(from, from + SETTLE_BATCH).map((mark) => mark.slice(META.bodyPrefix.length));
    const read = await db.contents.bulkGet(ids);
    const hashes = await Promise.all(read.map((content) => (content ? bodyHash(bodyBytes(content)) : null)));
    await db.transaction('rw', [db.contents, db.syncMeta, db.syncEntities, db.syncOutbox], async () => {
      const now = await db.contents.bulkGet(ids);
      const hashOf = new Map<string, string>();
      const settled: string[] = [];
      ids.forEach((articleId, i) => {
        if (!sameBody(now[i], read[i])) return; // changed again: next run
        settled.push(META.bodyPrefix + articleId);
        const hash = hashes[i];
        if (hash) hashOf.set(articleId, hash);
      });
      await db.syncMeta.bulkDelete(settled);
      await db.syncMeta.bulkPut(
        [...hashOf].map(([articleId, hash]) => ({ key: META.hashPrefix + hash, value: articleId })),
      );
      await recordChanges(
        dexieStores(db),
        'article',
        (entity, articleId) => {
          const hash = hashOf.get(articleId)!;
          return entity?.fields.bodyHash?.v === hash ? null : { set: { bodyHash: hash } };
        },
        [...hashOf.keys()],
      );
    });
  }
}

/**
 * Bodies by hash for the engine: read from the library; received ones written straight to their
 * articles, a batch a transaction (the engine calls applyMerged first: beforeBodies), or staged
 * under `blob:<hash>` when none of their articles is in the library yet. A body refused (not
 * Readmark's format) is added to `rejected`.
 */
export function libraryBodies(db: ReadmarkDb, rejected: Rejected[] = []): BodyStore {
  return {
    async read(hash) {
      const articleId = (await db.syncMeta.get(META.hashPrefix + hash))?.value as string | undefined;
      const stored = articleId ? await getArticle(db, articleId) : undefined;
      if (!stored) return null;
      const bytes = bodyBytes(stored.content);
      return (await bodyHash(bytes)) === hash ? bytes : null; // replaced since: a later record carries it
    },
    async missing(hashes) {
      // Keys only: staged bodies' bytes and the library's bodies stay on disk.
      const staged = new Set(await db.syncMeta.where('key').startsWith(META.blobPrefix).primaryKeys());
      const withBody = new Set(await db.contents.toCollection().primaryKeys());
      const holders = await db.syncMeta.bulkGet(hashes.map((hash) => META.hashPrefix + hash));
      // The article that held a body may have been deleted here since (and come back through sync).
      return hashes.filter((hash, i) => {
        const articleId = holders[i]?.value as string | undefined;
        return !staged.has(META.blobPrefix + hash) && !(articleId !== undefined && withBody.has(articleId));
      });
    },
    async write(bodies) {
      const ids = [...new Set(bodies.flatMap((body) => body.articleIds))];
      const present = new Set((await db.articles.bulkGet(ids)).flatMap((article) => article?.id ?? []));
      const contents: ArticleContent[] = [];
      const meta: { key: string; value: unknown }[] = [];
      for (const { hash, bytes, articleIds } of bodies) {
        const here = articleIds.filter((id) => present.has(id));
        if (here.length === 0) {
          meta.push({ key: META.blobPrefix + hash, value: bytes });
          continue;
        }
        const parsed = bodyContents(bytes, here, rejected);
        contents.push(...parsed);
        if (parsed[0]) meta.push({ key: META.hashPrefix + hash, value: parsed[0].articleId });
      }
      await writeSyncedRecords(db, { contents, meta });
    },
  };
}

/** A received body as each article's stored content; a body not in Readmark's format is refused. */
function bodyContents(bytes: Uint8Array | undefined, articleIds: string[], rejected: Rejected[]) {
  const contents: ArticleContent[] = [];
  for (const articleId of articleIds) {
    let value: unknown;
    try {
      value = { ...JSON.parse(new TextDecoder().decode(bytes)), articleId };
    } catch {
      value = null;
    }
    const parsed = v.safeParse(articleContentSchema, value);
    if (parsed.success) contents.push(parsed.output);
    else
      rejected.push({
        kind: 'body',
        id: articleId,
        reason: parsed.issues ? firstIssue(parsed.issues) : 'not JSON',
      });
  }
  return contents;
}

const ARTICLE_DEFAULTS: Omit<ArticleMeta, 'id' | 'url' | 'canonicalUrl'> = {
  ...NO_EXTRACTED_FACTS,
  title: '',
  tags: [],
  favourite: 0,
  archived: 0,
  savedAt: 0,
  updatedAt: 0,
  readAt: null,
  progress: 0,
};

function articleRecord(
  id: string,
  fields: Record<string, unknown>,
  tags: string[],
  local: ArticleMeta | undefined,
): v.SafeParseResult<typeof articleMetaSchema> {
  const synced = Object.fromEntries(
    Object.entries(fields).filter(
      ([name]) => !name.startsWith(TAG_FIELD_PREFIX) && name !== 'bodyHash' && name !== IMAGES_FIELD,
    ),
  );
  const kept = local?.notDownloaded ? { notDownloaded: local.notDownloaded } : {};
  return v.safeParse(articleMetaSchema, { ...ARTICLE_DEFAULTS, ...kept, ...synced, id, tags });
}

function highlightRecord(id: string, articleId: string, entity: EntityState) {
  const fields = Object.fromEntries(Object.entries(entity.fields).map(([name, field]) => [name, field.v]));
  return v.safeParse(highlightSchema, { ...fields, id, articleId, note: noteText(entity.heads) });
}

/** What a synced setting is merged over when this device never stored it. */
const SETTING_DEFAULTS: Record<string, object> = { colorNames: DEFAULT_COLOR_NAMES };

/**
 * Synced settings to write: each merged field over the value stored here, checked as a restored
 * backup's settings are (backup-settings.ts); a refused one is reported and left as it is.
 */
async function settingRecords(
  db: ReadmarkDb,
  keys: string[],
  merged: Map<string, Record<string, unknown>>,
  rejected: Rejected[],
): Promise<SettingRecord[]> {
  const records: SettingRecord[] = [];
  const stored = await db.settings.bulkGet(keys);
  keys.forEach((key, i) => {
    const fields = merged.get(key);
    if (!fields) return;
    const base = (stored[i]?.value as object | undefined) ?? SETTING_DEFAULTS[key] ?? {};
    const checked = checkBackupSettings({ [key]: { ...base, ...fields } });
    records.push(...checked.records);
    for (const refusal of checked.rejected)
      rejected.push({ kind: 'setting', id: key, reason: refusal.reason });
  });
  return records;
}

/**
 * Writes what the last runs merged. Answers the records refused (each named, with why; the rest
 * is written) and, when records were merged, how many were kept over a concurrent delete (null:
 * nothing merged). Safe to call at any time: with nothing marked and nothing staged it reads two ranges.
 */
export async function applyMerged(
  db: ReadmarkDb,
  store: DexieSyncStore,
): Promise<{ rejected: Rejected[]; kept: Kept | null }> {
  const marks = await db.syncMeta.where('key').startsWith(APPLY_PREFIX).primaryKeys();
  const staged = await db.syncMeta.where('key').startsWith(META.blobPrefix).primaryKeys();
  const stagedPictures = await db.syncMeta.where('key').startsWith(META.picPrefix).primaryKeys();
  if (marks.length === 0 && staged.length === 0 && stagedPictures.length === 0)
    return { rejected: [], kept: null };
  const { state } = await store.load();
  const library = materialise(state);
  const rejected: Rejected[] = [];
  const writes: Required<
    Pick<SyncedWrites, 'articles' | 'highlights' | 'deleteArticles' | 'deleteHighlights'>
  > = {
    articles: [],
    highlights: [],
    deleteArticles: [],
    deleteHighlights: [],
  };
  const articleIds = new Set<string>();
  const highlightIds = new Set<string>();
  const settingKeys: string[] = [];
  for (const mark of marks) {
    const [kind, id] = [
      mark.slice(APPLY_PREFIX.length).split('/')[0],
      mark.slice(APPLY_PREFIX.length).split('/').slice(1).join('/'),
    ];
    if (kind === 'article') {
      const survivor = library.articleIdOf.get(id);
      if (survivor !== id) writes.deleteArticles.push(id); // deleted, or merged into its same-URL twin
      if (survivor) articleIds.add(survivor);
    } else if (kind === 'setting') settingKeys.push(id);
    else highlightIds.add(id);
  }
  // A highlight arriving on an article deleted here brings the article back (the delete had not
  // seen it): write that article too.
  const articlesOfHighlights = [
    ...new Set([...highlightIds].flatMap((id) => library.highlights.get(id)?.articleId ?? [])),
  ].filter((id) => !articleIds.has(id));
  const local = await db.articles.bulkGet(articlesOfHighlights);
  articlesOfHighlights.forEach((id, i) => {
    if (!local[i]) articleIds.add(id);
  });
  // An article written (new, restored or merged) comes with all its highlights.
  for (const highlight of library.highlights.values()) {
    if (articleIds.has(highlight.articleId)) highlightIds.add(highlight.id);
  }

  const stored = await db.articles.bulkGet([...articleIds]);
  [...articleIds].forEach((id, i) => {
    const article = library.articles.get(id)!;
    const parsed = articleRecord(id, article.fields, article.tags, stored[i]);
    if (parsed.success) writes.articles.push(parsed.output as ArticleMeta);
    else rejected.push({ kind: 'article', id, reason: firstIssue(parsed.issues) });
  });
  const written = new Set(writes.articles.map((a) => a.id));
  const present = new Set(
    (await db.articles.bulkGet([...new Set([...library.highlights.values()].map((h) => h.articleId))]))
      .filter((a): a is ArticleMeta => !!a)
      .map((a) => a.id),
  );
  for (const id of highlightIds) {
    const highlight = library.highlights.get(id);
    if (!highlight) {
      writes.deleteHighlights.push(id);
      continue;
    }
    if (!written.has(highlight.articleId) && !present.has(highlight.articleId)) {
      rejected.push({ kind: 'highlight', id, reason: 'its article is not in the library' });
      continue;
    }
    const parsed = highlightRecord(id, highlight.articleId, state.entities[entityKey('highlight', id)]!);
    if (parsed.success) writes.highlights.push(parsed.output as Highlight);
    else rejected.push({ kind: 'highlight', id, reason: firstIssue(parsed.issues) });
  }
  const settings = await settingRecords(db, settingKeys, library.settings, rejected);
  const kept = await keptNotices(db, library, writes);
  const pictures = await pictureWrites(
    db,
    library,
    writes.articles.map((a) => a.id),
  );
  for (const id of pictures.refused)
    rejected.push({ kind: 'article', id, reason: 'its pictures are not in Readmark’s format' });
  await writeSyncedRecords(db, {
    ...writes,
    settings,
    pictureLinks: pictures.links,
    meta: kept.meta,
    deleteMeta: marks,
  });

  // Bodies, each in its own small transaction, for articles now in the library.
  const byHash = new Map<string, string[]>();
  for (const article of library.articles.values()) {
    const hash = article.fields.bodyHash;
    if (typeof hash === 'string') byHash.set(hash, [...(byHash.get(hash) ?? []), article.id]);
  }
  for (const key of staged) {
    const hash = key.slice(META.blobPrefix.length);
    const bytes = (await db.syncMeta.get(key))?.value as Uint8Array | undefined;
    const here: string[] = [];
    for (const articleId of byHash.get(hash) ?? [])
      if (await db.articles.get(articleId)) here.push(articleId);
    const contents = bodyContents(bytes, here, rejected);
    const meta = contents.length ? [{ key: META.hashPrefix + hash, value: contents[0]!.articleId }] : [];
    await writeSyncedRecords(db, { contents, meta, deleteMeta: [key] });
  }
  await applyStagedPictures(db, library, stagedPictures);
  return { rejected, kept: marks.length > 0 ? kept.counts : null };
}

/**
 * The written records that stand restored over a delete and whose delete the reader has not been
 * told about yet (a later edit of a kept highlight is not news), with the rows that remember it.
 */
async function keptNotices(
  db: ReadmarkDb,
  library: ReturnType<typeof materialise>,
  writes: { articles: ArticleMeta[]; highlights: Highlight[] },
) {
  const restored = [
    ...writes.articles.map((a) => ({ key: `article/${a.id}`, r: library.articles.get(a.id)?.restored })),
    ...writes.highlights.map((h) => ({
      key: `highlight/${h.id}`,
      r: library.highlights.get(h.id)?.restored,
    })),
  ].flatMap(({ key, r }) => (r ? [{ key: KEPT_PREFIX + key, value: `${r.deletedBy}@${r.deletedAt}` }] : []));
  const told = await db.syncMeta.bulkGet(restored.map((row) => row.key));
  const meta = restored.filter((row, i) => told[i]?.value !== row.value);
  const count = (kind: string) => meta.filter((row) => row.key.startsWith(`${KEPT_PREFIX}${kind}/`)).length;
  return { meta, counts: { articles: count('article'), highlights: count('highlight') } };
}
