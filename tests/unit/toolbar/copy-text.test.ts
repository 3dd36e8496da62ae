// @vitest-environment jsdom
import { afterEach, expect, test, vi } from 'vitest';
import { copyPassage } from '@/components/toolbar/copy-text';

afterEach(() => {
  vi.restoreAllMocks();
  Reflect.deleteProperty(navigator, 'clipboard');
});

function passage() {
  document.body.innerHTML = '<p>Engineers said salt had reached the pins.</p><p>Another paragraph.</p>';
  const range = document.createRange();
  range.selectNodeContents(document.querySelector('p')!);
  return range;
}

/** document.execCommand as the browser runs it: records what was selected when 'copy' ran. */
function copyCommand(result: boolean) {
  const copied: string[] = [];
  Object.defineProperty(document, 'execCommand', {
    configurable: true,
    value: vi.fn((command: string) => {
      if (command === 'copy') copied.push(String(document.getSelection()));
      return result;
    }),
  });
  return copied;
}

test('the Clipboard API is used where the page has it', async () => {
  const writeText = vi.fn(async () => undefined);
  Object.defineProperty(navigator, 'clipboard', { configurable: true, value: { writeText } });
  const copied = copyCommand(true);
  expect(await copyPassage('salt had reached', passage())).toBe(true);
  expect(writeText).toHaveBeenCalledWith('salt had reached');
  expect(copied).toEqual([]);
});

test('on an http:// page (no Clipboard API) the passage itself is copied, and the reader keeps their selection', async () => {
  const range = passage();
  const readers = document.createRange();
  readers.selectNodeContents(document.querySelectorAll('p')[1]!);
  document.getSelection()!.addRange(readers);
  const copied = copyCommand(true);
  expect(await copyPassage(range.toString(), range)).toBe(true);
  expect(copied).toEqual(['Engineers said salt had reached the pins.']);
  expect(String(document.getSelection())).toBe('Another paragraph.');
});

test('a refused clipboard falls back to the copy command; false when that fails too', async () => {
  Object.defineProperty(navigator, 'clipboard', {
    configurable: true,
    value: { writeText: vi.fn(async () => Promise.reject(new DOMException('denied', 'NotAllowedError'))) },
  });
  const copied = copyCommand(false);
  expect(await copyPassage('x', passage())).toBe(false);
  expect(copied).toHaveLength(1);
  expect(await copyPassage('x', null)).toBe(false);
});
