import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { readStore } from './idb';
import { attachRealPopup } from './real-popup';
import {
  ARTICLE,
  davServers,
  deleteHighlight,
  editNote,
  highlightFromPopup,
  highlightsOf,
  join,
  readerNotes,
  saveWithHighlight,
  syncNow,
  TITLE,
  useSyncPair,
} from './sync-helpers';

// docs/sync.md C.2 (the same note edited on both machines) and C.3 (a highlight deleted on one
// machine while its note is edited on the other, in both orders), through the real form and
// "Sync now". Notes are edited and highlights deleted through the background, as the reader's
// note editor and pages do. Through one server (the first installed, as sync-faults and
// sync-clock): how a conflict resolves is the engine's merge, which meets both real servers in
// tests/unit/sync/{rclone,apache}.test.ts (the same note edited on both, delete against edit in
// both orders), and sync.e2e drives both servers from Chromium; what this file adds is the
// reader's side (the conflict copy in the reader, the notice in the library and the popup).
const LAPTOP_NOTE = 'Ask the museum about the handrails';
const DESKTOP_NOTE = 'Check the council minutes first';
const KEPT = '1 highlight deleted on one device while it was edited on another was kept, with the edit';

describe.each(davServers().slice(0, 1))('sync conflicts between two profiles through $name', (server) => {
  const pair = useSyncPair(server);
  let settingsA: Page;
  let settingsB: Page;

  /** A syncs, then B, then A again: both have everything the other had. */
  async function syncAll() {
    await syncNow(settingsA);
    await syncNow(settingsB);
    await syncNow(settingsA);
  }

  /** The notice is in the library's and the popup's sync line too, on both machines. */
  async function expectToldEverywhere() {
    for (const browser of [pair.a, pair.b]) {
      const library = await browser.open(browser.extensionUrl('/library.html'));
      await expect.poll(() => library.getByTestId('sync-status').textContent()).toContain(KEPT);
      await library.close();
      const article = await browser.open(`${pair.fixtures.origin}${ARTICLE}`);
      await browser.clickToolbarButton(article);
      const popup = await attachRealPopup(browser);
      await popup.waitFor(
        `document.querySelector('[data-testid="sync-status"]')?.textContent.includes(${JSON.stringify(KEPT)})`,
      );
      await popup.close();
      await article.close();
    }
  }

  const byQuote = async (page: Page, quote: string) =>
    (await highlightsOf(page)).find((h) => h.quote.exact === quote);

  /** A new highlight made on A and synced to both; answers its id. */
  async function sharedHighlight(pageA: Page, quote: string): Promise<string> {
    await highlightFromPopup(pair.a, pageA, quote);
    await syncNow(settingsA);
    await syncNow(settingsB);
    const onB = await byQuote(settingsB, quote);
    if (!onB) throw new Error(`"${quote}" did not reach B`);
    return onB.id;
  }

  test('the same note edited on both machines keeps one text and shows the other as a conflict copy', async () => {
    const pageA = await saveWithHighlight(pair.a, pair.fixtures, 'tear down the tidal footbridge');
    settingsA = await join(pair.a, pair.folder, 'Laptop');
    settingsB = await join(pair.b, pair.folder, 'Desktop');
    const [shared] = await highlightsOf(settingsB);
    expect(shared?.quote.exact).toBe('tear down the tidal footbridge');

    // Both edit the note between syncs; the desktop's edit is the later one.
    await editNote(settingsA, shared!.id, LAPTOP_NOTE);
    await editNote(settingsB, shared!.id, DESKTOP_NOTE);
    await syncAll();

    const [onA] = await highlightsOf(settingsA);
    const [onB] = await highlightsOf(settingsB);
    expect(onA?.note).toBe(onB?.note);
    // The later edit is the note; the other text follows as a conflict copy, nothing lost.
    expect(onB?.note.startsWith(DESKTOP_NOTE)).toBe(true);
    expect(onB?.note).toContain(LAPTOP_NOTE);
    expect(onB?.note.length).toBeGreaterThan(DESKTOP_NOTE.length + LAPTOP_NOTE.length);
    // What the reader sees in the reader's side panel, on both machines.
    expect(await readerNotes(pair.b, onB!.articleId)).toEqual([onB!.note]);
    expect(await readerNotes(pair.a, onA!.articleId)).toEqual([onA!.note]);
    await pageA.close();
  });

  test('a highlight deleted on one machine while its note is edited on the other is kept, in both orders', async () => {
    const pageA = await pair.a.open(`${pair.fixtures.origin}${ARTICLE}`);

    // The delete reaches the server first; the desktop, not synced since, edits the note.
    const first = await sharedHighlight(pageA, 'Two of its oak handrails');
    await deleteHighlight(settingsA, first);
    expect(await syncNow(settingsA)).toContain('Last successful sync');
    await editNote(settingsB, first, 'Kept: edited after the delete was sent');
    // Each machine is told when its merge keeps the highlight over the delete.
    expect(await syncNow(settingsB)).toContain(KEPT);
    expect(await syncNow(settingsA)).toContain(KEPT);
    for (const page of [settingsA, settingsB])
      expect((await highlightsOf(page)).find((h) => h.id === first)?.note).toBe(
        'Kept: edited after the delete was sent',
      );

    // The edit reaches the server first; the laptop, not synced since, deletes the highlight.
    const second = await sharedHighlight(pageA, 'The town council voted');
    await editNote(settingsB, second, 'Kept: edited before the delete was sent');
    expect(await syncNow(settingsB)).toContain('Last successful sync');
    await deleteHighlight(settingsA, second);
    expect(await syncNow(settingsA)).toContain(KEPT);
    expect(await syncNow(settingsB)).toContain(KEPT);
    await syncAll();
    for (const page of [settingsA, settingsB])
      expect((await highlightsOf(page)).find((h) => h.id === second)?.note).toBe(
        'Kept: edited before the delete was sent',
      );
    await expectToldEverywhere();
    await pageA.close();
  });

  test('an article deleted on one machine while a highlight is added on the other comes back whole', async () => {
    const library = await pair.a.open(pair.a.extensionUrl('/library.html'));
    await library.getByRole('button', { name: `Delete “${TITLE}”` }).click();
    await expect.poll(() => readStore(library, 'articles')).toEqual([]);
    await library.close();
    const pageB = await pair.b.open(`${pair.fixtures.origin}${ARTICLE}`);
    await highlightFromPopup(pair.b, pageB, 'a ferry will carry foot passengers');
    expect(await syncNow(settingsA)).toContain('Last successful sync');
    expect(await syncNow(settingsB)).toContain('1 article deleted on one device while it was annotated');
    expect(await syncNow(settingsA)).toContain('1 article deleted on one device while it was annotated');
    for (const page of [settingsA, settingsB]) {
      const articles = await readStore<{ id: string; title: string }>(page, 'articles');
      expect(articles.map((a) => a.title)).toEqual([TITLE]);
      // The delete had seen the older highlights: they stay deleted; the new one is there.
      expect((await highlightsOf(page)).map((h) => h.quote.exact)).toEqual([
        'a ferry will carry foot passengers',
      ]);
      // The body too: the machine that deleted it gets it back.
      await expect
        .poll(async () => (await readStore<{ textContent: string }>(page, 'contents'))[0]?.textContent ?? '')
        .toContain('Two of its oak handrails will be kept by the town museum');
    }
    await pageB.close();
  });
});
