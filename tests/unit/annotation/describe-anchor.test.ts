// @vitest-environment jsdom
// jsdom: happy-dom 21 Ranges misbehave in documents made by DOMParser (they collapse).
import { expect, it, describe as suite } from 'vitest';
import {
  anchor,
  anchorAll,
  buildTextModel,
  describe,
  rangeToTextOffsets,
  textOffsetsToRange,
} from '@/utils/annotation';
import { articleRoot, loadFixture } from './load-fixture';

/** Ranges over whole words of the fixture, spread across its text. */
function sampleRanges(root: Element, count: number, words: number) {
  const model = buildTextModel(root);
  const starts = [...model.text.matchAll(/\S+/g)];
  const picked = [];
  for (let k = 0; k < count; k++) {
    const i = Math.floor(((k + 0.5) * starts.length) / count);
    const first = starts[i]!;
    const last = starts[Math.min(starts.length - 1, i + words - 1)]!;
    picked.push(textOffsetsToRange(model, first.index, last.index + last[0].length));
  }
  return { model, picked };
}

suite.each(['en-reader.html', 'intl-reader.html'])('describe → anchor on the same DOM (%s)', (file) => {
  it.each([1, 3, 12])('finds %i-word highlights at their position, exactly', (words) => {
    const root = articleRoot(loadFixture(file));
    const { model, picked } = sampleRanges(root, 30, words);
    for (const range of picked) {
      const selectors = describe(model, range)!;
      const span = rangeToTextOffsets(model, range)!;
      expect(selectors.quote.exact).toBe(model.text.slice(span.start, span.end));
      const result = anchor(root, selectors)!;
      expect(result.method).toBe('position');
      expect(result.score).toBe(1);
      expect(rangeToTextOffsets(model, result.range)).toEqual(span);
      if (!range.toString().includes('\n')) expect(result.range.toString()).toBe(range.toString());
    }
  });
});

suite('describe', () => {
  it('trims whitespace and records context and position over the text model', () => {
    const root = articleRoot(loadFixture('en-reader.html'));
    const model = buildTextModel(root);
    const start = model.text.indexOf('it needs shelter');
    const range = textOffsetsToRange(model, start - 1, start + 'it needs shelter from the wind'.length + 1);
    const selectors = describe(root, range)!;
    expect(selectors.quote.exact).toBe('it needs shelter from the wind');
    expect(selectors.quote.prefix).toBe(model.text.slice(start - 32, start));
    expect(selectors.position).toEqual({ type: 'TextPositionSelector', start, end: start + 30 });
  });

  it('returns null for a range outside the root or over whitespace only', () => {
    const doc = loadFixture('en-reader.html');
    const root = articleRoot(doc);
    const outside = doc.createRange();
    outside.selectNodeContents(doc.head);
    expect(describe(root, outside)).toBeNull();
    const blank = doc.createRange();
    blank.setStart(root, 0);
    blank.setEnd(root, 1);
    expect(describe(root, blank)).toBeNull();
  });

  it('never cuts a surrogate pair at the edge of the context', () => {
    const root = articleRoot(loadFixture('intl-reader.html'));
    const model = buildTextModel(root);
    const lone = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
    const isLow = (i: number) => /[\uDC00-\uDFFF]/.test(model.text[i] ?? '');
    let checked = 0;
    for (let start = 0; start < model.text.length - 4; start++) {
      // Quotes made of whole code points, as a selection always is.
      if (isLow(start) || isLow(start + 2)) continue;
      const selectors = describe(model, textOffsetsToRange(model, start, start + 2));
      if (!selectors) continue;
      checked++;
      expect(selectors.quote.prefix).not.toMatch(lone);
      expect(selectors.quote.suffix).not.toMatch(lone);
    }
    expect(checked).toBeGreaterThan(500);
  });
});

suite('anchor: repeated phrases', () => {
  it('tells repeats apart by their context', () => {
    const root = articleRoot(loadFixture('en-reader.html'));
    const model = buildTextModel(root);
    const phrase = "apples know something we don't";
    const second = model.text.indexOf(phrase, model.text.indexOf(phrase) + 1);
    const selectors = describe(model, textOffsetsToRange(model, second, second + phrase.length))!;
    // Without its position, only the context says which one it is.
    const result = anchor(root, { quote: selectors.quote })!;
    expect(result.method).toBe('exact');
    expect(rangeToTextOffsets(model, result.range)).toEqual({ start: second, end: second + phrase.length });
  });

  it('anchors many highlights at once, in input order', () => {
    const root = articleRoot(loadFixture('intl-reader.html'));
    const { model, picked } = sampleRanges(root, 20, 2);
    const highlights = picked.map((r) => describe(model, r)!);
    const results = anchorAll(root, highlights);
    expect(results.map((r) => r?.range.toString())).toEqual(picked.map((r) => r.toString()));
  });
});
