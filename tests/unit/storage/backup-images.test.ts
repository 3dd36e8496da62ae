// @vitest-environment node
// Node's own Blob (happy-dom's is not structured-cloneable); no HTML is rendered here.
import { describe, expect, test } from 'vitest';
import { BACKUP_VERSION, parseBackup, planImport } from '@/utils/export';
import { type CapturedImage, ok } from '@/utils/model';
import { makeBackup } from '@/utils/services';
import {
  applyImportPlan,
  getArticleImages,
  openDb,
  readCanonicalUrlIndex,
  saveArticleWithImages,
} from '@/utils/storage';
import { makeExtracted } from '../../support/articles';

async function image(url: string, text: string): Promise<CapturedImage> {
  const bytes = new TextEncoder().encode(text);
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
  const hash = [...digest].map((b) => b.toString(16).padStart(2, '0')).join('');
  return { url, hash, blob: new Blob([bytes], { type: 'image/png' }) };
}

// Nothing to sanitise in these bodies; the sanitiser itself is tested elsewhere.
const keep = (html: string) => html;

async function backupOf(images: CapturedImage[]): Promise<string> {
  const db = openDb(`readmark-backup-src-${crypto.randomUUID()}`);
  const saved = await saveArticleWithImages(db, makeExtracted(), images);
  if (!saved.ok) throw new Error(JSON.stringify(saved.error));
  const backup = await makeBackup(db);
  if (!backup.ok) throw new Error(JSON.stringify(backup.error));
  return backup.value.file.text();
}

describe('backup version 2 carries the pictures', () => {
  test('round trip: the pictures come back byte for byte under the imported article', async () => {
    const a = await image('https://cdn.example/a.png', 'picture A');
    const b = await image('https://cdn.example/b.png', 'picture B');
    const text = await backupOf([a, b, { ...a, url: 'https://cdn.example/a-again.png' }]);
    const file = JSON.parse(text);
    expect(file.version).toBe(BACKUP_VERSION);
    expect(file.images).toHaveLength(2);
    expect(file.images[0].data).toBe(Buffer.from('picture A').toString('base64'));

    const parsed = await parseBackup(text);
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.error));
    expect(parsed.value.rejected).toEqual([]);
    const target = openDb(`readmark-backup-dst-${crypto.randomUUID()}`);
    const plan = planImport(parsed.value, await readCanonicalUrlIndex(target), 'skip');
    expect(await applyImportPlan(target, plan, { sanitise: keep })).toMatchObject(ok({ articles: 1 }));
    const id = plan.putArticles[0]!.id;
    const stored = await getArticleImages(target, id);
    expect([...stored.keys()].sort()).toEqual([a.url, 'https://cdn.example/a-again.png', b.url].sort());
    expect(await stored.get(b.url)?.text()).toBe('picture B');
    expect(stored.get(b.url)?.type).toBe('image/png');
    expect(await target.imageBlobs.count()).toBe(2);
  });

  test('a copy kept beside the original gets the pictures under its own id', async () => {
    const a = await image('https://cdn.example/a.png', 'picture A');
    const parsed = await parseBackup(await backupOf([a]));
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.error));
    const target = openDb(`readmark-backup-copy-${crypto.randomUUID()}`);
    const first = planImport(parsed.value, await readCanonicalUrlIndex(target), 'skip');
    await applyImportPlan(target, first, { sanitise: keep });
    const copy = planImport(parsed.value, await readCanonicalUrlIndex(target), 'keep-both');
    await applyImportPlan(target, copy, { sanitise: keep });
    const copyId = copy.putArticles[0]!.id;
    expect(copyId).not.toBe(first.putArticles[0]!.id);
    expect(await (await getArticleImages(target, copyId)).get(a.url)?.text()).toBe('picture A');
    expect(await target.imageBlobs.count()).toBe(1);
  });

  test('a picture whose bytes do not match its hash is refused and its link listed; the article stays', async () => {
    const a = await image('https://cdn.example/a.png', 'picture A');
    const file = JSON.parse(await backupOf([a]));
    file.images[0].data = Buffer.from('another picture').toString('base64');
    const parsed = await parseBackup(JSON.stringify(file));
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.error));
    expect(parsed.value.images).toEqual([]);
    expect(parsed.value.articles).toHaveLength(1);
    expect(parsed.value.rejected).toEqual([
      { kind: 'image', index: 0, reason: 'data does not match its hash' },
      {
        kind: 'image',
        index: 0,
        reason: expect.stringContaining(
          'names a picture this backup does not hold: https://cdn.example/a.png',
        ),
      },
    ]);
  });

  test('a version 1 backup (no pictures) still reads', async () => {
    const file = JSON.parse(await backupOf([]));
    file.version = 1;
    delete file.images;
    for (const article of file.articles) delete article.images;
    const parsed = await parseBackup(JSON.stringify(file));
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.error));
    expect(parsed.value.articles).toHaveLength(1);
    expect(parsed.value.images).toEqual([]);
    expect(parsed.value.rejected).toEqual([]);
  });
});
