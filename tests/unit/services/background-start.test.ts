import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { browser } from 'wxt/browser';
import { checkSyncAlarm, REVIEW_BADGE_ALARM, saveSyncConfig, startReviewBadge } from '@/utils/services';
import { openDb, type ReadmarkDb } from '@/utils/storage';

// What the background does at each start, after the event that woke it: the periodic alarms are
// created once, never again at a later start (created again, a periodic alarm is pushed back, and a
// worker woken more often than its period would never see it fire).

let db: ReadmarkDb;
beforeEach(() => {
  db = openDb(`readmark-background-start-${crypto.randomUUID()}`);
});
afterEach(async () => {
  db.close();
  await browser.alarms.clearAll();
});

const settle = () => new Promise((resolve) => setTimeout(resolve, 20));

describe('the background’s start-up work', () => {
  test('the review badge’s alarm is created at the first start and kept as it was at the next', async () => {
    await startReviewBadge(db);
    const first = await browser.alarms.get(REVIEW_BADGE_ALARM);
    expect(first?.periodInMinutes).toBe(30);
    await settle();
    await startReviewBadge(db);
    expect((await browser.alarms.get(REVIEW_BADGE_ALARM))?.scheduledTime).toBe(first!.scheduledTime);
  });

  test('the sync alarm exists only while sync is set up, created once', async () => {
    await checkSyncAlarm(db);
    expect(await browser.alarms.getAll()).toEqual([]);
    await saveSyncConfig(db, {
      url: 'https://cloud.example.org/remote.php/dav/files/reader/Readmark',
      user: 'reader',
      password: 'app-password',
      deviceName: 'Laptop',
      encrypted: false,
    });
    await checkSyncAlarm(db);
    const [alarm, ...others] = await browser.alarms.getAll();
    expect(others).toEqual([]);
    expect(alarm?.periodInMinutes).toBe(5);
    await settle();
    await checkSyncAlarm(db);
    expect((await browser.alarms.get(alarm!.name))?.scheduledTime).toBe(alarm!.scheduledTime);
  });
});
