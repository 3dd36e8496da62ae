// @vitest-environment node
// Bodies through the sync service, as the extension wires it (fake-indexeddb, in-process WebDAV
// server): the bodies a fresh device receives go straight into its library, and a run that left
// bodies it can still fetch schedules the next run soon by itself (the reader clicks nothing);
// one that left none, or only bodies not in the folder yet, does not.
import { describe, expect, test } from 'vitest';
import { browser } from 'wxt/browser';
import { getArticle, saveArticle } from '@/utils/storage';
import { WebDavTarget } from '@/utils/sync';
import { makeExtracted } from '../../support/articles';
import { PASSWORD, USER } from '../../support/dav-servers';
import { expectSynced, library, newFolder, settle, setUp, useSyncServer } from './service-devices';
import { listAll } from './support';

const server = useSyncServer();

/** The alarm sync-config.ts names SYNC_ALARM_SOON (also set half a minute after a local change). */
const SOON = 'readmark-sync-soon';
const soonAlarm = async () => (await browser.alarms.get(SOON)) ?? null;

describe('bodies through the sync service', () => {
  test('received bodies land in the library; a follow-up run is scheduled only while bodies can still come', async () => {
    const url = await newFolder(server.url, 'bodies');
    const a = library();
    await settle(a);
    const ids = [];
    for (let i = 0; i < 3; i++) {
      const url = `https://news.example/${i}`;
      const saved = await saveArticle(
        a,
        makeExtracted({
          url,
          canonicalUrl: url,
          title: `Story ${i}`,
          contentHtml: `<p>Story ${i} told in full.</p>`,
          textContent: `Story ${i} told in full.`,
        }),
      );
      if (!saved.ok) throw new Error(JSON.stringify(saved.error));
      ids.push(saved.value.id);
    }
    await setUp(a, url, 'Laptop');

    // One body is not in the folder (as if its device had not finished uploading it).
    const target = new WebDavTarget({ url, user: USER, password: PASSWORD });
    const [blob] = (await listAll(target)).filter((path) => path.startsWith('blob/'));
    const bytes = (await target.get(blob as string)) as Uint8Array<ArrayBuffer>;
    await target.remove(blob as string);

    const b = library();
    await settle(b);
    await browser.alarms.clearAll();
    await setUp(b, url, 'Desktop');
    expect(await b.articles.count()).toBe(3);
    expect(await b.contents.count()).toBe(2);
    // Two came, one did not: the next run follows soon by itself.
    expect(await soonAlarm()).not.toBeNull();

    await browser.alarms.clearAll();
    await expectSynced(b);
    expect(await b.contents.count()).toBe(2);
    // Nothing came this time: no run every half minute; the periodic alarm tries again.
    expect(await soonAlarm()).toBeNull();

    await target.put(blob as string, bytes);
    await expectSynced(b);
    expect(await soonAlarm()).toBeNull();
    for (const id of ids) {
      const [mine, theirs] = [await getArticle(a, id), await getArticle(b, id)];
      expect(theirs?.content.contentHtml).toBe(mine?.content.contentHtml);
    }
    // Received bodies went straight to the library: nothing left staged.
    expect(await b.syncMeta.where('key').startsWith('blob:').count()).toBe(0);
  });
});
