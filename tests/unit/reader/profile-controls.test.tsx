// @vitest-environment jsdom
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { browser } from 'wxt/browser';
import { ProfileControls } from '@/components/reader/ProfileControls';
import { exportProfile, PROFILES } from '@/components/reader/reader-profiles';
import { DEFAULT_READER_SETTINGS, type ReaderSettings } from '@/components/reader/reader-settings';

let root: HTMLElement;
let update: ReturnType<typeof vi.fn<(change: Partial<ReaderSettings>) => void>>;

beforeEach(() => {
  root = document.body.appendChild(document.createElement('div'));
  update = vi.fn<(change: Partial<ReaderSettings>) => void>();
  // WXT's fake browser has no i18n: each string reads as its key.
  vi.spyOn(browser.i18n, 'getMessage').mockImplementation((key: string) => key);
});
afterEach(() => {
  render(null, root);
  root.remove();
  vi.restoreAllMocks();
});

const show = (settings: ReaderSettings) =>
  act(() => render(<ProfileControls settings={settings} update={update} />, root));

/** Chooses a file in the hidden input, as the Import button's file picker does. */
async function choose(text: string) {
  const input = root.querySelector<HTMLInputElement>('input[type="file"]')!;
  Object.defineProperty(input, 'files', { value: [new File([text], 'profile.json')], configurable: true });
  await act(async () => {
    input.dispatchEvent(new Event('change', { bubbles: true }));
    await new Promise((done) => setTimeout(done, 10));
  });
}

describe('ProfileControls', () => {
  test('a profile button applies its bundle and shows as pressed once the settings match it', async () => {
    await show(DEFAULT_READER_SETTINGS);
    const dyslexia = root.querySelector<HTMLButtonElement>('[data-profile="dyslexia"]')!;
    expect(dyslexia.getAttribute('aria-pressed')).toBe('false');
    await act(() => dyslexia.click());
    expect(update).toHaveBeenCalledWith(expect.objectContaining({ font: 'atkinson', letterSpacing: 0.06 }));
    await show(PROFILES.dyslexia);
    expect(root.querySelector('[data-profile="dyslexia"]')?.getAttribute('aria-pressed')).toBe('true');
  });

  test('the WCAG preset sets the four spacing values', async () => {
    await show(DEFAULT_READER_SETTINGS);
    await act(() => root.querySelector<HTMLButtonElement>('[data-preset="wcag"]')!.click());
    expect(update).toHaveBeenCalledWith(
      expect.objectContaining({
        lineHeight: 1.5,
        paragraphSpacing: 2,
        letterSpacing: 0.12,
        wordSpacing: 0.16,
      }),
    );
  });

  test('importing an exported profile applies it and says so', async () => {
    await show(DEFAULT_READER_SETTINGS);
    await choose(exportProfile({ ...DEFAULT_READER_SETTINGS, font: 'andika', focus: 'line5' }));
    expect(update).toHaveBeenCalledWith(expect.objectContaining({ font: 'andika', focus: 'line5' }));
    expect(root.querySelector('[role="status"]')?.textContent).toBe('profileImported');
  });

  test.each([
    ['a file that is not JSON', 'not json', 'profileNotProfile'],
    ['a backup instead of a profile', '{"format":"readmark-backup","articles":[]}', 'profileNotProfile'],
    [
      'a value out of range',
      exportProfile(DEFAULT_READER_SETTINGS).replace('"fontSize": 19', '"fontSize": 99'),
      'profileBadValues',
    ],
  ])('%s is refused with a message, and nothing changes', async (_name, text, message) => {
    await show(DEFAULT_READER_SETTINGS);
    await choose(text);
    expect(update).not.toHaveBeenCalled();
    const status = root.querySelector('[role="status"]')!;
    expect(status.textContent).toBe(message);
    expect(status.classList.contains('notice')).toBe(true);
    expect(status.hasAttribute('hidden')).toBe(false);
  });
});
