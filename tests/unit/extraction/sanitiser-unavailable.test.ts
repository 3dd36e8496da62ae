// @vitest-environment jsdom
import { parseHTML } from 'linkedom';
import { expect, test } from 'vitest';
import { createSanitiser } from '@/utils/extraction';
import { CodedError, errorFromThrown } from '@/utils/model';

// A window where DOMPurify cannot work (linkedom returns its input unchanged) must refuse to give a
// sanitiser, with a code the interface words in the reader's language, not an English sentence.
test('a window where DOMPurify does nothing gives the sanitiser-unavailable code', () => {
  const { window } = parseHTML('<!doctype html><html><body></body></html>');
  let thrown: unknown;
  try {
    createSanitiser(window as unknown as Parameters<typeof createSanitiser>[0]);
  } catch (error) {
    thrown = error;
  }
  expect(thrown).toBeInstanceOf(CodedError);
  expect(errorFromThrown(thrown)).toEqual({ code: 'sanitiser-unavailable' });
});

test('a real DOM window still gives a working sanitiser', () => {
  const sanitise = createSanitiser(window as unknown as Parameters<typeof createSanitiser>[0]);
  expect(sanitise('<p onclick="x()">kept<script>gone()</script></p>')).toBe('<p>kept</p>');
});
