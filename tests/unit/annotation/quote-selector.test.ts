import { describe, expect, test } from 'vitest';
import { CONTEXT_LENGTH, selectorsAt } from '@/utils/annotation';

const isWellFormed = (s: string) =>
  !/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(s);

describe('selectorsAt', () => {
  test('stores the quote, its position and up to CONTEXT_LENGTH characters either side', () => {
    const text = `${'a'.repeat(40)}QUOTE${'b'.repeat(40)}`;
    const { quote, position } = selectorsAt(text, { start: 40, end: 45 });
    expect(quote).toEqual({
      type: 'TextQuoteSelector',
      exact: 'QUOTE',
      prefix: 'a'.repeat(CONTEXT_LENGTH),
      suffix: 'b'.repeat(CONTEXT_LENGTH),
    });
    expect(position).toEqual({ type: 'TextPositionSelector', start: 40, end: 45 });
  });

  test('keeps shorter context at the edges of the text', () => {
    const { quote } = selectorsAt('one two three', { start: 4, end: 7 });
    expect(quote).toMatchObject({ exact: 'two', prefix: 'one ', suffix: ' three' });
  });

  test('never cuts a surrogate pair at either end of the context', () => {
    // An emoji (two UTF-16 units) straddles each context boundary: a cut there would store half.
    for (let pad = 0; pad < 4; pad++) {
      const before = `${'🌙'.repeat(20)}${'x'.repeat(pad)}`;
      const after = `${'y'.repeat(pad)}${'🌙'.repeat(20)}`;
      const text = `${before}QUOTE${after}`;
      const start = before.length;
      const { quote } = selectorsAt(text, { start, end: start + 5 });
      expect(isWellFormed(quote.prefix), `prefix, pad ${pad}`).toBe(true);
      expect(isWellFormed(quote.suffix), `suffix, pad ${pad}`).toBe(true);
      expect(quote.prefix.length).toBeGreaterThanOrEqual(CONTEXT_LENGTH - 1);
      expect(quote.suffix.length).toBeGreaterThanOrEqual(CONTEXT_LENGTH - 1);
      expect(text.slice(start - quote.prefix.length, start + 5 + quote.suffix.length)).toBe(
        quote.prefix + quote.exact + quote.suffix,
      );
    }
  });
});
