// @vitest-environment jsdom
import 'fake-indexeddb/auto';
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { browser } from 'wxt/browser';
import { PIN_HINT_DISMISSED, PinHint, pinHintWanted } from '@/components/popup/PinHint';
import { getSetting, openDb, type ReadmarkDb } from '@/utils/storage';
import { useRenderRoot } from '../../support/render-root';

const root = useRenderRoot();
let db: ReadmarkDb;

/** The browser's answer to action.getUserSettings (undefined: a browser without it). */
function onToolbar(isOnToolbar: boolean | undefined) {
  const action = browser.action as unknown as Record<string, unknown>;
  action.getUserSettings = isOnToolbar === undefined ? undefined : vi.fn(async () => ({ isOnToolbar }));
}

beforeEach(() => {
  db = openDb(`readmark-pin-hint-${crypto.randomUUID()}`);
});
afterEach(async () => {
  onToolbar(undefined);
  db.close();
});

/** Renders the hint once the browser's answer and the setting are in (asked for here too, after it). */
async function mount() {
  await act(async () => {
    render(<PinHint db={db} />, root());
  });
  await act(async () => {
    await pinHintWanted(db);
  });
}

describe('the hint to pin Readmark to the toolbar', () => {
  test('shown when the button is not on the toolbar', async () => {
    onToolbar(false);
    await mount();
    expect(root().querySelector('#pin-hint')?.textContent).toContain('pinHint');
  });

  test('not shown when it is pinned, nor where the browser cannot tell', async () => {
    onToolbar(true);
    await mount();
    expect(root().querySelector('#pin-hint')).toBeNull();
    onToolbar(undefined);
    expect(await pinHintWanted(db)).toBe(false);
  });

  test('not in Firefox, where the cost of an unpinned button was not measured', async () => {
    onToolbar(false);
    expect(
      await pinHintWanted(db, 'Mozilla/5.0 (X11; Linux x86_64; rv:140.0) Gecko/20100101 Firefox/140.0'),
    ).toBe(false);
    expect(await pinHintWanted(db, 'Mozilla/5.0 (X11; Linux x86_64) Chrome/156.0.0.0 Safari/537.36')).toBe(
      true,
    );
  });

  test('"Got it" hides it and it stays hidden in the next popup', async () => {
    onToolbar(false);
    await mount();
    await act(async () => root().querySelector<HTMLButtonElement>('#pin-hint-dismiss')!.click());
    expect(root().querySelector('#pin-hint')).toBeNull();
    await vi.waitFor(async () => expect(await getSetting(db, PIN_HINT_DISMISSED, false)).toBe(true));
    render(null, root());
    await mount();
    expect(root().querySelector('#pin-hint')).toBeNull();
    expect(await pinHintWanted(db)).toBe(false);
  });
});
