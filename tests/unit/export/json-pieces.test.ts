// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { type JsonPiece, JsonPieces, JsonSyntaxError } from '@/utils/export';

const LISTS = new Set(['items']);
const TEXT = JSON.stringify({
  format: 'x',
  version: 2,
  items: [{ a: 'quote " and \\ backslash', b: [1, { c: '}]' }] }, 'a \\"string\\"', -1.5e3, true, null, []],
  nested: { d: '\ud800 lone, 👩‍👩‍👧, \u2028' },
  empty: [],
});

/** Every piece of `text`, fed in chunks of `size` characters. */
function pieces(text: string, size: number, maxPiece = 1e6): { out: JsonPiece[]; complete: boolean } {
  const splitter = new JsonPieces(LISTS, maxPiece);
  const out: JsonPiece[] = [];
  for (let at = 0; at < text.length; at += size) out.push(...splitter.push(text.slice(at, at + size)));
  return { out, complete: splitter.complete };
}

describe('JsonPieces', () => {
  it.each([1, 2, 3, 7, 1000])('splits the same way whatever the chunk size (%i)', (size) => {
    const { out, complete } = pieces(TEXT, size);
    expect(complete).toBe(true);
    const whole = JSON.parse(TEXT);
    expect(out.filter((p) => p.kind === 'element').map((p) => p.value)).toEqual(whole.items);
    const fields = out.flatMap((p) => (p.kind === 'field' ? [[p.key, p.value]] : []));
    expect(Object.fromEntries(fields)).toEqual({ ...whole, items: undefined, empty: [] });
    expect(out.filter((p) => p.kind === 'list-end').map((p) => p.key)).toEqual(['items']);
  });

  it('reports an element over the cap without keeping it, and goes on', () => {
    const text = JSON.stringify({ items: ['x'.repeat(50), 'short'] });
    const { out } = pieces(text, 7, 20);
    expect(out.filter((p) => p.kind === 'element').map((p) => [p.oversized, p.value])).toEqual([
      [true, undefined],
      [false, 'short'],
    ]);
  });

  it.each([
    ['a missing comma', '{"a": 1 "b": 2}'],
    ['a trailing comma in a list', '{"items": [1,]}'],
    ['text after the object', '{"a": 1} x'],
    ['a bad value', '{"a": tru}'],
  ])('refuses %s', (_label, text) => {
    expect(() => pieces(text, 3)).toThrow(JsonSyntaxError);
  });

  it('is not complete when the text stops early', () => {
    expect(pieces(TEXT.slice(0, -1), 5).complete).toBe(false);
  });
});
