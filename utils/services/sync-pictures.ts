/**
 * Stored pictures ↔ the sync engine (utils/sync/pictures.ts).
 *
 * Out: a change to an article's picture links is marked `pics:<articleId>` in the transaction that
 * makes it (sync-records.ts); before a run, `settlePictures` records the article's `images` field,
 * every [url, hash] pair it shows, and the engine sends each picture it names once.
 * In: the engine stages each picture it fetched and checked under `pic:<hash>`; `pictureWrites`
 * and `applyStagedPictures` (called by applyMerged) store it with the links of the articles that
 * show it, each in a small transaction of its own. Nothing here ever fetches from the network:
 * a picture that never arrives leaves its article showing the original URL or placeholder.
 */
import type { ImageBlob } from '@/utils/model';
import { type ReadmarkDb, type SyncedPictureLinks, writeSyncedRecords } from '@/utils/storage';
import {
  type EntityState,
  entityKey,
  IMAGES_FIELD,
  type Library,
  type PictureStore,
  pictureLinks,
  type StoredPicture,
} from '@/utils/sync';
import { dexieStores, META, recordChanges } from './sync-records';

const byUrl = (a: [string, string], b: [string, string]) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0);

/**
 * Articles whose picture links changed here get their `images` field recorded: the links stored,
 * plus the pairs sync named that have never reached this device (still on their way: dropping
 * them would remove them everywhere). A picture this device had and no longer links was removed
 * by the reader (a save again without it), and goes.
 */
export async function settlePictures(db: ReadmarkDb): Promise<void> {
  const marks = await db.syncMeta.where('key').startsWith(META.picsPrefix).primaryKeys();
  for (const mark of marks) {
    const articleId = mark.slice(META.picsPrefix.length);
    await db.transaction(
      'rw',
      [db.articles, db.articleImages, db.syncMeta, db.syncEntities, db.syncOutbox],
      async () => {
        await db.syncMeta.delete(mark);
        if (!(await db.articles.get(articleId))) return; // deleted: its delete travels
        const links = await db.articleImages.where('articleId').equals(articleId).toArray();
        const entity = (await db.syncEntities.get(entityKey('article', articleId)))?.value as
          | EntityState
          | undefined;
        const linked = new Set(links.map((link) => link.url));
        const unlinked = (pictureLinks(entity?.fields[IMAGES_FIELD]?.v) ?? []).filter(
          ([url]) => !linked.has(url),
        );
        const had = await db.syncMeta.bulkGet(unlinked.map(([, hash]) => META.picInPrefix + hash));
        const images = [
          ...links.map((link): [string, string] => [link.url, link.hash]),
          ...unlinked.filter((_, i) => !had[i]),
        ].sort(byUrl);
        await recordChanges(
          dexieStores(db),
          'article',
          (current) =>
            JSON.stringify(current?.fields[IMAGES_FIELD]?.v ?? []) === JSON.stringify(images)
              ? null
              : { set: { [IMAGES_FIELD]: images } },
          [articleId],
        );
      },
    );
  }
}

/** syncMeta key: this device has marked every article with pictures once (markPicturedOnce). */
const PICTURED_MARKED = 'pictured-marked';

/**
 * Once per device, every article with pictures is marked for settling: a library set up before
 * pictures synced finished its seeding passes then, and they do not run again.
 */
export async function markPicturedOnce(db: ReadmarkDb): Promise<void> {
  if (await db.syncMeta.get(PICTURED_MARKED)) return;
  const ids = (await db.articleImages.orderBy('articleId').uniqueKeys()) as string[];
  await db.transaction('rw', db.syncMeta, async () => {
    await db.syncMeta.bulkPut(ids.map((id) => ({ key: META.picsPrefix + id, value: 1 })));
    await db.syncMeta.put({ key: PICTURED_MARKED, value: 1 });
  });
}

/** Pictures by hash for the engine: read from the library; received ones staged until stored. */
export function libraryPictures(db: ReadmarkDb): PictureStore {
  return {
    async read(hash) {
      const stored = await db.imageBlobs.get(hash);
      if (!stored) return null;
      return { type: stored.blob.type, bytes: new Uint8Array(await stored.blob.arrayBuffer()) };
    },
    async has(hash) {
      const [stored, staged] = await Promise.all([
        db.imageBlobs.where(':id').equals(hash).count(),
        db.syncMeta
          .where(':id')
          .equals(META.picPrefix + hash)
          .count(),
      ]);
      return stored + staged > 0;
    },
    async write(hash, picture) {
      await db.syncMeta.put({ key: META.picPrefix + hash, value: picture });
    },
    async inFolder(hashes) {
      const rows = await db.syncMeta.bulkGet(hashes.map((hash) => META.picInPrefix + hash));
      return rows.map((row) => row !== undefined);
    },
    async markInFolder(hashes) {
      await db.syncMeta.bulkPut(hashes.map((hash) => ({ key: META.picInPrefix + hash, value: 1 })));
    },
    async unsent() {
      const keys = await db.syncMeta.where('key').startsWith(META.picOutPrefix).primaryKeys();
      return keys.map((key) => key.slice(META.picOutPrefix.length));
    },
    async setUnsent(hash, unsent) {
      if (unsent) await db.syncMeta.put({ key: META.picOutPrefix + hash, value: 1 });
      else await db.syncMeta.delete(META.picOutPrefix + hash);
    },
  };
}

/**
 * The picture links sync sets for these articles (those whose field is well formed; an article
 * with pending local picture changes keeps its links: its own field is sent next run and merged).
 * Answers the articles whose field is not one Readmark writes (left as they are, reported).
 */
export async function pictureWrites(
  db: ReadmarkDb,
  library: Library,
  articleIds: readonly string[],
): Promise<{ links: SyncedPictureLinks[]; refused: string[] }> {
  const pending = await db.syncMeta.bulkGet(articleIds.map((id) => META.picsPrefix + id));
  const links: SyncedPictureLinks[] = [];
  const refused: string[] = [];
  articleIds.forEach((articleId, i) => {
    if (pending[i]) return;
    const field = library.articles.get(articleId)?.fields[IMAGES_FIELD];
    if (field === undefined) return; // never recorded (a device from before pictures synced)
    const pairs = pictureLinks(field);
    if (!pairs) refused.push(articleId);
    else links.push({ articleId, links: pairs.map(([url, hash]) => ({ url, hash })) });
  });
  return { links, refused };
}

/** Each staged picture stored with the links of the live articles that show it, one at a time. */
export async function applyStagedPictures(db: ReadmarkDb, library: Library, staged: string[]): Promise<void> {
  if (staged.length === 0) return;
  const users = new Map<string, string[]>();
  for (const article of library.articles.values()) {
    for (const [, hash] of pictureLinks(article.fields[IMAGES_FIELD]) ?? [])
      users.set(hash, [...(users.get(hash) ?? []), article.id]);
  }
  for (const key of staged) {
    const hash = key.slice(META.picPrefix.length);
    const picture = (await db.syncMeta.get(key))?.value as StoredPicture | undefined;
    const ids = users.get(hash) ?? [];
    const pictures: ImageBlob[] = [];
    if (picture && ids.length) {
      const blob = new Blob([picture.bytes], { type: picture.type });
      pictures.push({ hash, blob, size: blob.size });
    }
    const { links } = await pictureWrites(db, library, ids);
    await writeSyncedRecords(db, { pictures, pictureLinks: links, deleteMeta: [key] });
  }
}
