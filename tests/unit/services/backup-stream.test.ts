// @vitest-environment node
// Node's own Blob (the pictures are stored as Blobs in fake-indexeddb); no HTML is rendered here.
import { describe, expect, test } from 'vitest';
import { type CapturedImage, DEFAULT_COLOR_NAMES } from '@/utils/model';
import { type BackupPreview, importBackup, makeBackup, previewBackup } from '@/utils/services';
import { openDb, type ReadmarkDb, saveArticleWithImages } from '@/utils/storage';
import { generateLibrary } from '../../fixtures/export/generate-library';
import { makeExtracted } from '../../support/articles';

// The restore streams the file into batches of 200 records inside one transaction: these tests
// use libraries of more than one batch, so a failure after the first batch was written is real.
const keep = (html: string) => html;
const freshDb = () => openDb(`stream-${crypto.randomUUID()}`);

async function image(url: string, text: string): Promise<CapturedImage> {
  const bytes = new TextEncoder().encode(text);
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
  const hash = [...digest].map((b) => b.toString(16).padStart(2, '0')).join('');
  return { url, hash, blob: new Blob([bytes], { type: 'image/png' }) };
}

/** 450 articles with tags, 300 highlights with notes, a setting, and one article with two pictures. */
async function library(): Promise<ReadmarkDb> {
  const db = freshDb();
  const lib = generateLibrary({ articles: 450, highlights: 300, bodyMin: 50, bodyMax: 300, seed: 21 });
  await db.articles.bulkPut(lib.articles.map((a, i) => ({ ...a.meta, tags: [`tag-${i % 7}`, 'later'] })));
  await db.contents.bulkPut(lib.articles.map((a) => a.content));
  await db.highlights.bulkPut(lib.highlights.map((h, i) => ({ ...h, note: `note ${i} ✍️` })));
  await db.settings.put({ key: 'colorNames', value: { ...DEFAULT_COLOR_NAMES, green: 'Idée' } });
  const pictures = [
    await image('https://cdn.example/a.png', 'A'),
    await image('https://cdn.example/b.png', 'B'),
  ];
  const saved = await saveArticleWithImages(db, makeExtracted(), pictures);
  if (!saved.ok) throw new Error(JSON.stringify(saved.error));
  return db;
}

/** Every record of every table, pictures as their bytes: what "the library" is. */
async function contents(db: ReadmarkDb) {
  const blobs = await db.imageBlobs.toArray();
  return JSON.stringify({
    articles: await db.articles.toArray(),
    contents: await db.contents.toArray(),
    highlights: await db.highlights.toArray(),
    settings: await db.settings.toArray(),
    links: await db.articleImages.toArray(),
    blobs: await Promise.all(blobs.map(async (b) => [b.hash, b.blob.type, await b.blob.text()])),
  });
}

async function backupFile(db: ReadmarkDb): Promise<Blob> {
  const backup = await makeBackup(db);
  if (!backup.ok) throw new Error(JSON.stringify(backup.error));
  return backup.value.file;
}

async function preview(db: ReadmarkDb, file: Blob | string): Promise<BackupPreview> {
  const checked = await previewBackup(db, file);
  if (!checked.ok) throw new Error(JSON.stringify(checked.error));
  return checked.value;
}

describe('streamed backup and restore', () => {
  test('round trip: articles, tags, highlights with notes, settings and pictures come back the same', async () => {
    const source = await library();
    const file = await backupFile(source);
    const target = freshDb();
    const checked = await preview(target, file);
    expect(checked).toMatchObject({ articles: 451, highlights: 300, rejected: [], duplicates: 0 });
    const steps = new Set<string>();
    const report = await importBackup(target, checked, 'skip', keep, {
      onProgress: (step) => steps.add(step),
    });
    expect(report).toMatchObject({
      ok: true,
      value: { articles: 451, highlights: 300, settings: 1, skipped: 0 },
    });
    expect([...steps]).toEqual(['importing']);
    expect(await contents(target)).toBe(await contents(source));
  });

  test('a version 1 file (written before pictures) still restores', async () => {
    const source = await library();
    const file = JSON.parse(await (await backupFile(source)).text());
    file.version = 1;
    delete file.images;
    for (const article of file.articles) delete article.images;
    const target = freshDb();
    const checked = await preview(target, JSON.stringify(file));
    expect(checked.rejected).toEqual([]);
    const report = await importBackup(target, checked, 'skip', keep);
    expect(report).toMatchObject({ ok: true, value: { articles: 451, highlights: 300 } });
    expect(await target.imageBlobs.count()).toBe(0);
  });

  test('a file cut short is refused at the preview with a clear reason', async () => {
    const text = await (await backupFile(await library())).text();
    const target = await library();
    const before = await contents(target);
    const cut = await previewBackup(target, text.slice(0, Math.floor(text.length * 0.6)));
    expect(cut).toEqual({ ok: false, error: { code: 'backup-cut-short' } });
    expect(await contents(target)).toBe(before);
  });

  test('a file damaged after its preview fails part-way through the import and leaves the library as it was', async () => {
    const source = await library();
    const text = await (await backupFile(source)).text();
    for (const policy of ['skip', 'replace', 'keep-both'] as const) {
      // The library already holds part of the backup, so 'replace' has articles to delete first.
      const target = freshDb();
      const partial = JSON.parse(text);
      partial.articles = partial.articles.slice(0, 100);
      partial.highlights = [];
      const first = await preview(target, JSON.stringify(partial));
      expect((await importBackup(target, first, 'skip', keep)).ok).toBe(true);
      const before = await contents(target);

      const checked = await preview(target, text);
      // The same file, cut after its first few hundred records: more than one batch is written first.
      const damaged = { ...checked, file: new Blob([text.slice(0, Math.floor(text.length * 0.8))]) };
      const report = await importBackup(target, damaged, policy, keep);
      expect(report).toEqual({ ok: false, error: { code: 'backup-cut-short' } });
      expect(await contents(target)).toBe(before);
    }
  });

  test('a file that reads differently the second time is refused and nothing is written', async () => {
    const source = await library();
    const text = await (await backupFile(source)).text();
    const target = freshDb();
    const checked = await preview(target, text);
    const other = JSON.parse(text);
    other.highlights = other.highlights.slice(1);
    const report = await importBackup(
      target,
      { ...checked, file: new Blob([JSON.stringify(other)]) },
      'skip',
      keep,
    );
    expect(report).toEqual({ ok: false, error: { code: 'backup-changed' } });
    expect(await target.articles.count()).toBe(0);
  });

  test('cancelling the import part-way leaves the library as it was', async () => {
    const text = await (await backupFile(await library())).text();
    const target = freshDb();
    const checked = await preview(target, text);
    const controller = new AbortController();
    const report = await importBackup(target, checked, 'skip', keep, {
      signal: controller.signal,
      onProgress: (_step, done) => done > 250 && controller.abort(),
    });
    expect(report).toEqual({ ok: false, error: { code: 'cancelled' } });
    expect(await target.articles.count()).toBe(0);
    expect(await target.highlights.count()).toBe(0);
  });
});
