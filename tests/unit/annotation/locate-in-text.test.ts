import { expect, test } from 'vitest';
import { locateInText } from '@/utils/annotation';

const text =
  'The council voted to rebuild the bridge. Engineers said salt had reached the pins. The council voted again in May.';

const quote = (exact: string, prefix = '', suffix = '') => ({
  quote: { type: 'TextQuoteSelector' as const, exact, prefix, suffix },
});

test('places a quote in plain text, with its context choosing between repeats', () => {
  const second = text.lastIndexOf('The council voted');
  expect(locateInText(text, quote('The council voted', 'the pins. ', ' again'))).toMatchObject({
    start: second,
    end: second + 'The council voted'.length,
  });
  expect(locateInText(text, quote('The council voted', '', ' to rebuild'))).toMatchObject({ start: 0 });
});

test('tolerates whitespace and a small edit, and gives up on text that is not there', () => {
  expect(locateInText(text, quote('salt  had\nreached'))?.start).toBe(text.indexOf('salt had reached'));
  expect(locateInText(text, quote('Engineers said salt has reached the pins'))?.start).toBe(
    text.indexOf('Engineers'),
  );
  expect(locateInText(text, quote('Subscribe to our newsletter for more stories'))).toBeNull();
});
