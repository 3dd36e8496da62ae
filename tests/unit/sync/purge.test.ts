// @vitest-environment node
// Tombstone purge (utils/sync/purge.ts): a deleted record's content is forgotten on a device once
// it is older than 90 days and every device listed in the folder has seen the delete; a device
// away for any length of time blocks it, and coming back resurrects nothing it should not and
// loses nothing. Engines over the in-process WebDAV server; the IndexedDB store on fake-indexeddb.
import { describe, expect, test } from 'vitest';
import { DexieSyncStore } from '@/utils/services';
import { openDb } from '@/utils/storage';
import {
  applyOp,
  emptyState,
  entityKey,
  forgetDevice,
  localOp,
  materialise,
  PURGE_AFTER_MS,
  purgeable,
  type SyncState,
} from '@/utils/sync';
import { Device, expectDone, inProcessFolders } from './harness';

const newFolder = inProcessFolders('purge');

const DAY = 86_400_000;
const ART = entityKey('article', 'art1');
const HL = entityKey('highlight', 'h1');
/** What art1 becomes when purged: nothing of its content. */
const PURGED_ART = { kind: 'article', id: 'art1', fields: {}, heads: [], superseded: [], purged: true };

/** Three devices sharing a folder: art1 (with a noted highlight) and art2, everywhere. */
async function trio() {
  const url = await newFolder();
  const [a, b, c] = ['devA', 'devB', 'devC'].map((id) => new Device(id, url)) as [Device, Device, Device];
  expectDone(await a.sync({ createIfEmpty: true }));
  a.store.saveArticle('art1', 'https://example.org/secret-one', 'A title to forget');
  a.store.addHighlight('h1', 'art1', 'a quoted passage', 'a private note');
  a.store.saveArticle('art2', 'https://example.org/two');
  expectDone(await a.sync());
  for (const device of [b, c]) expectDone(await device.sync());
  return { a, b, c, all: [a, b, c] };
}

/** Every device's wall clock moves on together (a lone jump would rightly pause as a clock ahead). */
const later = (devices: Device[], days: number) => {
  for (const device of devices) device.store.clockOffset += days * DAY;
};

const syncAll = async (devices: Device[]) => {
  for (const device of devices) expectDone(await device.sync());
};

describe('purge through the engine', () => {
  test('a delete every device has seen is forgotten after 90 days, not before; the library is unchanged', async () => {
    const { a, all } = await trio();
    a.store.edit('article', 'art1', { del: true });
    await syncAll(all);
    await syncAll(all); // A reads B's and C's files telling they have seen the delete
    later(all, 89);
    await syncAll(all);
    expect(a.store.state.entities[ART]?.fields.title?.v).toBe('A title to forget');

    const before = all.map((device) => JSON.stringify([...device.store.library().articles.keys()]));
    later(all, 2);
    await syncAll(all);
    for (const device of all) {
      expect(device.store.state.entities[ART]).toEqual(PURGED_ART);
      expect(device.store.state.entities[HL]?.purged).toBe(true);
      const kept = JSON.stringify(device.store.state);
      for (const secret of ['secret-one', 'A title to forget', 'a private note', 'a quoted passage'])
        expect(kept).not.toContain(secret);
      expect(device.store.state.entities[entityKey('article', 'art2')]?.fields.title).toBeDefined();
    }
    expect(all.map((device) => JSON.stringify([...device.store.library().articles.keys()]))).toEqual(before);
    // A purge changes nothing that travels: the next runs have nothing to send.
    for (const device of all) expect(device.store.outbox).toEqual([]);
  });

  test('a device away longer than the purge window blocks it; back after 200 days, its offline highlight restores the article whole everywhere', async () => {
    const { a, b, c } = await trio();
    const present = [a, b];
    // C is offline: it highlights art1; meanwhile A deletes art1.
    c.store.addHighlight('h9', 'art1', 'read on the train', 'written offline');
    a.store.edit('article', 'art1', { del: true });
    await syncAll(present);
    await syncAll(present);
    later([a, b, c], 200);
    await syncAll(present);
    await syncAll(present);
    // C's file says it has not seen the delete: nobody forgot art1.
    for (const device of present) {
      expect(device.store.state.entities[ART]?.purged).toBeUndefined();
      expect(device.store.state.entities[ART]?.fields.title?.v).toBe('A title to forget');
      expect(device.store.library().articles.has('art1')).toBe(false);
    }

    // C comes back: the delete had not seen its highlight, so the article is kept with it (and says so).
    await syncAll([c, a, b, c]);
    for (const device of [a, b, c]) {
      const article = device.store.library().articles.get('art1');
      expect(article?.fields.title).toBe('A title to forget');
      expect(article?.restored?.editedBy).toEqual(['devC']);
      expect(device.store.library().highlights.get('h9')?.note).toBe('written offline');
      expect(device.store.library().highlights.get('h1')?.note).toBe('a private note');
    }
    // Restored records are never purged, however old the delete.
    later([a, b, c], 100);
    await syncAll([a, b, c, a]);
    expect(a.store.state.entities[ART]?.purged).toBeUndefined();
  });

  test('a device that never said what it saw (a Readmark from before) blocks the purge', async () => {
    const { a, b, c, all } = await trio();
    a.store.edit('article', 'art1', { del: true });
    await syncAll(all);
    await syncAll(all);
    later(all, 91);
    // C's file, as an older Readmark writes it: no `known`.
    const written = c.target.put.bind(c.target);
    c.target.put = async (path, bytes, options) => {
      if (path === 'devices/devC.json') {
        const { seal, unseal } = await import('@/utils/sync');
        const keys = c.store.book.keys!.keys;
        const file = JSON.parse(new TextDecoder().decode(await unseal(keys, path, bytes)));
        delete file.known;
        return written(path, await seal(keys, path, new TextEncoder().encode(JSON.stringify(file))), options);
      }
      return written(path, bytes, options);
    };
    c.store.saveArticle('art3', 'https://example.org/three'); // C writes its file anew
    await syncAll([c, a, b]);
    expect(a.store.state.entities[ART]?.purged).toBeUndefined();
    expect(b.store.state.entities[ART]?.purged).toBeUndefined();
  });
});

describe('forgetting a device that is gone for good', () => {
  test('a forgotten device no longer blocks the purge nor shows in the list; when it syncs again it counts again', async () => {
    const { a, b, c } = await trio();
    const present = [a, b];
    a.store.edit('article', 'art1', { del: true });
    await syncAll(present);
    await syncAll(present);
    later([a, b, c], 91);
    await syncAll(present);
    // C never synced again: it blocks the purge, and it is listed with when it last synced.
    expect(a.store.state.entities[ART]?.purged).toBeUndefined();
    const listed = await a.sync();
    if (listed.status !== 'done') throw new Error(listed.status);
    expect(listed.devices.map((device) => device.name).sort()).toEqual(['device devB', 'device devC']);
    const lastSeenC = listed.devices.find((device) => device.id === 'devC')?.lastSeenAt ?? 0;
    expect(a.store.now() - lastSeenC).toBeGreaterThanOrEqual(91 * DAY);

    // Not this device, not a device the folder never listed.
    expect(await forgetDevice(a.store, 'devA')).toBe(false);
    expect(await forgetDevice(a.store, 'devZ')).toBe(false);
    expect(await forgetDevice(a.store, 'devC')).toBe(true);
    const after = await a.sync();
    if (after.status !== 'done') throw new Error(after.status);
    expect(after.devices.map((device) => device.id)).toEqual(['devB']);
    expect(a.store.state.entities[ART]).toEqual(PURGED_ART);
    expect(a.store.library().articles.has('art1')).toBe(false);
    // Forgetting is this device's own choice: B still waits for C; nothing was written for it.
    await syncAll([b]);
    expect(b.store.state.entities[ART]?.purged).toBeUndefined();

    // C syncs again: listed again on A, and A waits for it again (a later delete is kept).
    expectDone(await c.sync());
    a.store.saveArticle('art3', 'https://example.org/three'); // a delete that empties a library asks
    await syncAll([a, b]);
    a.store.edit('article', 'art2', { del: true });
    await syncAll([a, b]);
    later([a, b, c], 91);
    const back = await a.sync();
    if (back.status !== 'done') throw new Error(back.status);
    expect(back.devices.map((device) => device.id).sort()).toEqual(['devB', 'devC']);
    expect(a.store.state.entities[entityKey('article', 'art2')]?.purged).toBeUndefined();
    expect(a.store.state.entities[entityKey('article', 'art2')]?.fields.title).toBeDefined();
  });
});

describe('purgeable and purged markers', () => {
  /** A state where device A saved and, `daysAgo` ago, deleted art1 (with its highlight). */
  function deletedState(daysAgo: number): { state: SyncState; now: number } {
    const state = emptyState('devA');
    const start = 1_700_000_000_000;
    localOp(state, 'article', 'art1', { set: { canonicalUrl: 'https://example.org/1', title: 'T' } }, start);
    localOp(state, 'highlight', 'h1', { set: { articleId: 'art1', quote: { exact: 'q' } } }, start + 1);
    localOp(state, 'article', 'art1', { del: true }, start + 2);
    return { state, now: start + 2 + daysAgo * DAY };
  }

  test('only when old enough and seen by every other device; never with one that tells nothing', () => {
    const { state, now } = deletedState(91);
    const seenAll = { devA: state.clock };
    expect(purgeable(state, [seenAll, seenAll], now).sort()).toEqual([ART, HL].sort());
    expect(purgeable(state, [seenAll, seenAll], now - 2 * DAY)).toEqual([]);
    expect(purgeable(state, [seenAll, {}], now)).toEqual([]);
    expect(purgeable(state, [seenAll, null], now)).toEqual([]);
    expect(PURGE_AFTER_MS).toBe(90 * DAY);
  });

  test('an operation arriving for a purged record does not bring it back', () => {
    const { state, now } = deletedState(91);
    for (const key of purgeable(state, [{ devA: state.clock }], now)) {
      state.entities[key] = { ...state.entities[key]!, fields: {}, heads: [], superseded: [], purged: true };
      delete state.entities[key]!.del;
    }
    const late = {
      kind: 'highlight' as const,
      id: 'h1',
      hlc: `${String(now).padStart(15, '0')}-000000-devB`,
    };
    applyOp(state, { ...late, set: { articleId: 'art1', quote: { exact: 'q' }, color: 'blue' } }, now);
    applyOp(state, { ...late, kind: 'article', id: 'art1', set: { title: 'Back?' } }, now);
    expect(state.entities[HL]?.fields).toEqual({});
    expect(state.entities[ART]?.fields).toEqual({});
    expect(materialise(state).articles.size).toBe(0);
    expect(state.known.devB).toBe(late.hlc); // the clock still follows what arrived
  });

  test('the IndexedDB store forgets a record in one commit, and a reopened database keeps the marker', async () => {
    const name = `readmark-purge-${crypto.randomUUID()}`;
    let db = openDb(name);
    const store = new DexieSyncStore(db, 'Laptop');
    await store.recordLocalChange('article', 'art1', {
      set: { canonicalUrl: 'https://example.org/x', title: 'X' },
    });
    await store.recordLocalChange('article', 'art1', { del: true });
    await store.commit({ purge: [ART] });
    db.close();
    db = openDb(name);
    const { state } = await new DexieSyncStore(db, 'Laptop').load();
    expect(state.entities[ART]).toEqual(PURGED_ART);
    db.close();
  });
});
