// @vitest-environment jsdom
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, test } from 'vitest';
import { createBackup } from '@/utils/export';
import { createSanitiser } from '@/utils/extraction';
import { DEFAULT_COLOR_NAMES } from '@/utils/model';
import {
  backupFileName,
  checkBackupSettings,
  importBackup,
  makeBackup,
  previewBackup,
} from '@/utils/services';
import { openDb, type ReadmarkDb } from '@/utils/storage';
import { generateLibrary } from '../../fixtures/export/generate-library';

const sanitise = createSanitiser(window);
const freshDb = () => openDb(`t-${crypto.randomUUID()}`);
const hostile = JSON.parse(
  readFileSync(resolve(process.cwd(), 'tests/fixtures/export/hostile.json'), 'utf8'),
) as ReturnType<typeof generateLibrary>['articles'][number] & { highlights: unknown[] };

async function snapshot(db: ReadmarkDb) {
  return JSON.stringify([
    await db.articles.toArray(),
    await db.contents.toArray(),
    await db.highlights.toArray(),
    await db.settings.toArray(),
  ]);
}

async function library(articles = 20, highlights = 30) {
  const db = freshDb();
  const lib = generateLibrary({ articles, highlights, bodyMin: 50, bodyMax: 200, seed: 31 });
  await db.articles.bulkPut(lib.articles.map((a) => a.meta));
  await db.contents.bulkPut(lib.articles.map((a) => a.content));
  await db.highlights.bulkPut(lib.highlights);
  await db.settings.put({ key: 'colorNames', value: { ...DEFAULT_COLOR_NAMES, yellow: 'Wichtig' } });
  return db;
}

describe('download backup', () => {
  test('is named for the local date and verified before it is offered', async () => {
    const db = await library();
    const steps = new Set<string>();
    const backup = await makeBackup(db, {
      now: new Date(2026, 10, 28, 23, 59),
      onProgress: (step) => steps.add(step),
    });
    if (!backup.ok) throw new Error(JSON.stringify(backup.error));
    expect(backup.value.fileName).toBe('readmark-backup-2026-11-28.json');
    expect(backup.value.counts).toEqual({ articles: 20, highlights: 30 });
    expect([...steps]).toEqual(['reading', 'writing', 'checking']);
    expect(backupFileName(new Date(2027, 0, 5))).toBe('readmark-backup-2027-01-05.json');
  });

  test('a library with a record that would not import fails, with the reason, and offers no file', async () => {
    const db = await library(3, 0);
    const [first] = await db.articles.toArray();
    await db.articles.update(first!.id, { title: 'x'.repeat(20_000) });
    const backup = await makeBackup(db);
    expect(backup.ok).toBe(false);
    if (!backup.ok)
      expect(backup.error).toMatchObject({
        code: 'backup-incomplete',
        data: { reason: expect.stringMatching(/meta\.title: longer than/) },
      });
  });

  test('cancelling answers the cancel message and nothing else', async () => {
    const db = await library(600, 0);
    const controller = new AbortController();
    const backup = await makeBackup(db, { signal: controller.signal, onProgress: () => controller.abort() });
    expect(backup).toEqual({ ok: false, error: { code: 'cancelled' } });
  });
});

describe('restore', () => {
  test('into an empty library gives back the same records, and the settings', async () => {
    const source = await library();
    const backup = await makeBackup(source);
    if (!backup.ok) throw new Error(JSON.stringify(backup.error));
    const target = freshDb();
    const preview = await previewBackup(target, backup.value.file);
    if (!preview.ok) throw new Error(JSON.stringify(preview.error));
    expect(preview.value).toMatchObject({ duplicates: 0, rejected: [] });
    const report = await importBackup(target, preview.value, 'skip', (html) => html);
    expect(report).toMatchObject({
      ok: true,
      value: { articles: 20, highlights: 30, settings: 1, skipped: 0 },
    });
    expect(await snapshot(target)).toBe(await snapshot(source));
  });

  test('settings overwrite the reader’s own only with "replace"', async () => {
    const source = await library(2, 0);
    const backup = await makeBackup(source);
    if (!backup.ok) throw new Error(JSON.stringify(backup.error));
    for (const [policy, expected] of [
      ['skip', 'Mine'],
      ['keep-both', 'Mine'],
      ['replace', 'Wichtig'],
    ] as const) {
      const db = freshDb();
      await db.settings.put({ key: 'colorNames', value: { ...DEFAULT_COLOR_NAMES, yellow: 'Mine' } });
      const preview = await previewBackup(db, backup.value.file);
      if (!preview.ok) throw new Error(JSON.stringify(preview.error));
      await importBackup(db, preview.value, policy, sanitise);
      expect((await db.settings.get('colorNames'))?.value).toMatchObject({ yellow: expected });
    }
  });

  test('hostile bodies are sanitised with DOMPurify before they are stored', async () => {
    const text = await backupText([{ meta: hostile.meta, content: hostile.content }]);
    const db = freshDb();
    const preview = await previewBackup(db, text);
    if (!preview.ok) throw new Error(JSON.stringify(preview.error));
    expect((await importBackup(db, preview.value, 'skip', sanitise)).ok).toBe(true);
    const stored = await db.contents.get(hostile.meta.id);
    expect(hostile.content.contentHtml).toMatch(/<script|onerror|javascript:/i);
    expect(stored?.contentHtml).not.toMatch(/<script|onerror|onclick|javascript:|<iframe|<form|<style/i);
    expect(stored?.contentHtml).toContain('brackets are plain text');
  });

  test.each([
    ['not JSON', 'this is not json {', { code: 'backup-not-json' }],
    [
      'another format',
      JSON.stringify({ format: 'pocket-export', version: 1, articles: [], highlights: [] }),
      { code: 'backup-wrong-format' },
    ],
    [
      'a newer version',
      JSON.stringify({ format: 'readmark-backup', version: 99, articles: [], highlights: [] }),
      { code: 'backup-newer-version', data: { version: 99 } },
    ],
    ['a list', '[1,2,3]', { code: 'backup-no-object' }],
    [
      'articles not a list',
      JSON.stringify({ format: 'readmark-backup', version: 1, articles: {}, highlights: [] }),
      { code: 'backup-not-list', data: { field: 'articles' } },
    ],
  ])('a file that is %s is refused with a reason and the library is unchanged', async (_, text, reason) => {
    const db = await library(5, 5);
    const before = await snapshot(db);
    const preview = await previewBackup(db, text);
    expect(preview.ok).toBe(false);
    if (!preview.ok) expect(preview.error).toMatchObject(reason);
    expect(await snapshot(db)).toBe(before);
  });

  test('bad records are listed with reasons, the rest imports, and nothing else changes', async () => {
    const good = generateLibrary({ articles: 3, highlights: 2, bodyMin: 30, bodyMax: 60, seed: 41 });
    const file = JSON.parse(await backupText(good.articles, good.highlights)) as Record<string, unknown[]>;
    const prototypeBefore = Object.getOwnPropertyNames(Object.prototype).join();
    file.articles!.push(
      JSON.parse('{"meta":{"__proto__":{"polluted":true}},"content":{}}'),
      {
        meta: { ...good.articles[0]!.meta, id: 'other' },
        content: { ...good.articles[0]!.content, articleId: 'other' },
      },
      {
        meta: { ...good.articles[1]!.meta, id: 'mismatch', canonicalUrl: 'https://x.example/m' },
        content: good.articles[1]!.content,
      },
    );
    file.highlights!.push({ ...good.highlights[0]!, id: 'orphan', articleId: 'nowhere' });
    (file as Record<string, unknown>).settings = {
      colorNames: { yellow: '' },
      reader: { font: 'sans' },
      evil: 1,
    };

    const db = await library(4, 4);
    const before = await db.articles.count();
    const preview = await previewBackup(db, JSON.stringify(file));
    if (!preview.ok) throw new Error(JSON.stringify(preview.error));
    const reasons = preview.value.rejected.map((r) => `${r.kind} ${r.index}: ${r.reason}`);
    expect(reasons).toEqual([
      expect.stringMatching(/^article 3: .*__proto__/),
      expect.stringMatching(/^article 4: another article in this backup has the canonical URL/),
      expect.stringMatching(/^article 5: content\.articleId differs from meta\.id/),
      expect.stringMatching(/^highlight 2: its article "nowhere" is not in this backup/),
      expect.stringMatching(/^settings 0: settings\.colorNames: the name of yellow is missing/),
      expect.stringMatching(/^settings 0: settings\.evil: not a setting this version of Readmark knows/),
    ]);
    const report = await importBackup(db, preview.value, 'skip', sanitise);
    expect(report).toMatchObject({ ok: true, value: { articles: 3, highlights: 2, settings: 1 } });
    expect(await db.articles.count()).toBe(before + 3);
    expect(await db.articles.get('other')).toBeUndefined();
    expect(await db.highlights.get('orphan')).toBeUndefined();
    expect(await db.settings.get('evil')).toBeUndefined();
    expect((await db.settings.get('colorNames'))?.value).toMatchObject({ yellow: 'Wichtig' });
    expect(Object.getOwnPropertyNames(Object.prototype).join()).toBe(prototypeBefore);
    expect(({} as { polluted?: boolean }).polluted).toBeUndefined();
  });

  test('an article saved between preview and import counts as a duplicate (the plan is made at import time)', async () => {
    const good = generateLibrary({ articles: 50, highlights: 10, bodyMin: 30, bodyMax: 60, seed: 43 });
    const db = freshDb();
    const preview = await previewBackup(db, await backupText(good.articles, good.highlights));
    if (!preview.ok) throw new Error(JSON.stringify(preview.error));
    expect(preview.value.duplicates).toBe(0);
    await db.articles.put({ ...good.articles[40]!.meta, id: 'saved-meanwhile', title: 'Mine' });
    const result = await importBackup(db, preview.value, 'skip', sanitise);
    expect(result).toMatchObject({ ok: true, value: { articles: 49, skipped: 1 } });
    expect(await db.articles.count()).toBe(50);
    expect((await db.articles.get('saved-meanwhile'))?.title).toBe('Mine');
  });
});

describe('setting validators', () => {
  test('accept the colour names the model defines, refuse anything else', () => {
    expect(checkBackupSettings({ colorNames: DEFAULT_COLOR_NAMES }).rejected).toEqual([]);
    expect(
      checkBackupSettings({ colorNames: { ...DEFAULT_COLOR_NAMES, black: 'x' } }).rejected[0]?.reason,
    ).toMatch(/"black" is not a highlight colour/);
    expect(checkBackupSettings({ reader: { font: { nested: 1 } } }).rejected[0]?.reason).toMatch(
      /"font" is not/,
    );
    expect(checkBackupSettings({ colorNames: 'Important' }).records).toEqual([]);
  });
});

async function backupText(
  articles: ReturnType<typeof generateLibrary>['articles'],
  highlights: ReturnType<typeof generateLibrary>['highlights'] = [],
) {
  const text = await createBackup({ articles, highlights, settings: {} });
  if (!text.ok) throw new Error(JSON.stringify(text.error));
  return text.value;
}
