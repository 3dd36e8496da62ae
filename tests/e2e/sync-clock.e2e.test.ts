import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import type { ExtensionBrowser } from './browser';
import {
  davServers,
  editNote,
  highlightFromPopup,
  highlightsOf,
  join,
  saveWithHighlight,
  syncNow,
  useSyncPair,
} from './sync-helpers';

// docs/sync.md C.8: one machine's clock an hour off. Merges follow the hybrid logical clock, not
// wall time: an edit made after seeing the other machine's edit wins even when its wall clock is
// an hour behind that edit's, and concurrent edits end the same on both machines (scenario 2).
// The server is never asked the time, so one server (the first installed) is enough here.
const HOUR = 3_600_000;

/**
 * Moves `browser`'s clock by `shift` ms: every page (before its scripts run) and the running
 * service worker get a Date whose now is off by that much. Answers a check that the worker still
 * has it (a restarted worker would have lost it, and the test would prove nothing).
 */
async function shiftClock(browser: ExtensionBrowser, shift: number): Promise<() => Promise<void>> {
  const patch = (by: number) => {
    const Real = Date;
    class Shifted extends Real {
      constructor(...args: ConstructorParameters<DateConstructor> | []) {
        if (args.length === 0) super(Real.now() + by);
        else super(...(args as ConstructorParameters<DateConstructor>));
      }
      static override now() {
        return Real.now() + by;
      }
    }
    globalThis.Date = Shifted as DateConstructor;
  };
  await browser.context.addInitScript(patch, shift);
  await browser.sw.evaluate(patch, shift);
  const offBy = async (page: { evaluate: Page['evaluate'] }) =>
    (await page.evaluate(() => Date.now())) - Date.now();
  return async () => {
    expect(Math.abs((await offBy(browser.sw)) - shift)).toBeLessThan(60_000);
  };
}

describe.each([
  { machine: 'B', shift: -HOUR, label: 'an hour behind' },
  { machine: 'B', shift: HOUR, label: 'an hour ahead' },
])('sync with $machine’s clock $label', ({ shift }) => {
  const server = davServers()[0];
  if (!server) return;
  const pair = useSyncPair(server);

  test('an edit made after seeing the other’s wins; concurrent edits end the same on both', async () => {
    const stillShifted = await shiftClock(pair.b, shift);
    const pageA = await saveWithHighlight(pair.a, pair.fixtures, 'tear down the tidal footbridge');
    const settingsA = await join(pair.a, pair.folder, 'Laptop');
    const settingsB = await join(pair.b, pair.folder, 'Desktop');
    expect(Math.abs((await settingsB.evaluate(() => Date.now())) - Date.now() - shift)).toBeLessThan(60_000);
    const [shared] = await highlightsOf(settingsB);

    // The machine whose clock is ahead edits first; the one behind edits after seeing that edit.
    const [ahead, behind] = shift > 0 ? [settingsB, settingsA] : [settingsA, settingsB];
    await editNote(ahead, shared!.id, 'Written first, on the clock that is ahead');
    await syncNow(ahead);
    await syncNow(behind);
    expect((await highlightsOf(behind))[0]?.note).toBe('Written first, on the clock that is ahead');
    await editNote(behind, shared!.id, 'Written second, after reading the first');
    await syncNow(behind);
    await syncNow(ahead);
    for (const page of [settingsA, settingsB])
      expect((await highlightsOf(page))[0]?.note).toBe('Written second, after reading the first');

    // Scenario 2 with the clock off: highlights made on both and the note edited on both
    // between syncs; everything survives and both machines end the same.
    const pageB = await pair.b.open(pageA.url());
    await highlightFromPopup(pair.a, pageA, 'Two of its oak handrails');
    await highlightFromPopup(pair.b, pageB, 'The town council voted');
    await editNote(settingsA, shared!.id, 'Concurrent edit on the laptop');
    await editNote(settingsB, shared!.id, 'Concurrent edit on the desktop');
    await syncNow(settingsA);
    await syncNow(settingsB);
    await syncNow(settingsA);
    const view = async (page: Page) =>
      (await highlightsOf(page))
        .map((h) => ({ id: h.id, quote: h.quote.exact, note: h.note }))
        .sort((x, y) => x.id.localeCompare(y.id));
    const onA = await view(settingsA);
    expect(onA).toHaveLength(3);
    expect(await view(settingsB)).toEqual(onA);
    const note = onA.find((h) => h.id === shared!.id)!.note;
    expect(note).toContain('Concurrent edit on the laptop');
    expect(note).toContain('Concurrent edit on the desktop');
    await stillShifted();
    await pageA.close();
    await pageB.close();
  });
});
