import { describe, expect, test } from 'vitest';
import { bestSnippet, makeSnippet, type SnippetPart } from '@/utils/search';

/** A snippet as text, marked words in [brackets]. */
const show = (parts: SnippetPart[] | null | undefined) =>
  parts?.map((p) => (p.marked ? `[${p.text}]` : p.text)).join('') ?? null;

describe('makeSnippet', () => {
  test('marks every matched word in a short text, by its index term (case and accents folded)', () => {
    const snippet = makeSnippet(
      'The Café by the harbour serves harbour-side coffee.',
      new Set(['cafe', 'harbour']),
    );
    expect(show(snippet?.parts)).toBe('The [Café] by the [harbour] serves [harbour]-side coffee.');
    expect(snippet?.hits).toBe(3);
  });

  test('a word that only begins like a term is not marked: terms are whole index terms', () => {
    expect(show(makeSnippet('Lighthouses and a lighthouse.', new Set(['lighthouse']))?.parts)).toBe(
      'Lighthouses and a [lighthouse].',
    );
  });

  test('cuts a long text around its densest cluster of matches, on word boundaries, with ellipses', () => {
    const filler = (n: number) => Array.from({ length: n }, (_, i) => `word${i}`).join(' ');
    const text = `${filler(40)} tide once. ${filler(60)} the tide gauge and the tide table agree. ${filler(60)}`;
    const parts = makeSnippet(text, new Set(['tide', 'gauge']), 80)!.parts;
    const shown = show(parts)!;
    expect(shown.startsWith('…')).toBe(true);
    expect(shown.endsWith('…')).toBe(true);
    expect(shown).toContain('the [tide] [gauge] and the [tide] table');
    expect(shown).not.toContain('once');
    expect(shown.length).toBeLessThanOrEqual(80 + 10);
    // Cut on word boundaries: no half "wordNN" at either end.
    expect(shown).toMatch(/^… ?(word\d+ )*the/);
  });

  test('keeps the passage from the start when the match is near it, and folds whitespace', () => {
    expect(show(makeSnippet('Tide\n\n  tables   explained', new Set(['tables']))?.parts)).toBe(
      'Tide [tables] explained',
    );
  });

  test('null when no word matches', () => {
    expect(makeSnippet('Nothing to see here.', new Set(['harbour']))).toBeNull();
  });

  test('stored text stays text: markup in it comes back as characters, never as elements', () => {
    const parts = makeSnippet(
      '<img src=x onerror=alert(1)> harbour <b>bold</b>',
      new Set(['harbour']),
    )!.parts;
    expect(show(parts)).toBe('<img src=x onerror=alert(1)> [harbour] <b>bold</b>');
  });
});

describe('bestSnippet', () => {
  test("takes the text with most matches: a highlight's note over a body that mentions one word", () => {
    const texts = ['The harbour was quiet.', 'Tide gauge by the harbour wall', 'note: gauge the tide'];
    expect(show(bestSnippet(texts, new Set(['harbour', 'gauge', 'tide'])))).toBe(
      '[Tide] [gauge] by the [harbour] wall',
    );
  });

  test('null when none of the texts matches (the match was in the title or tags)', () => {
    expect(bestSnippet(['Quiet water.', ''], new Set(['harbour']))).toBeNull();
  });
});
