// @vitest-environment jsdom
// jsdom: happy-dom 21 Ranges misbehave in documents made by DOMParser (they collapse).
import { describe, expect, it } from 'vitest';
import {
  anchor,
  anchorAll,
  buildTextModel,
  describe as describeRange,
  type HighlightSelectors,
  rangeToTextOffsets,
  textOffsetsToRange,
} from '@/utils/annotation';
import { articleRoot, loadFixture } from './load-fixture';

/** The text of a range as the text model sees it (hidden content left out). */
function modelText(root: Element, range: Range): string {
  const model = buildTextModel(root);
  const span = rangeToTextOffsets(model, range)!;
  return model.text.slice(span.start, span.end);
}

/** Highlights made on the reader copy: every sentence-ish run of 2–8 words, spread out. */
function readerHighlights(file: string): HighlightSelectors[] {
  const root = articleRoot(loadFixture(file));
  const model = buildTextModel(root);
  const words = [...model.text.matchAll(/\S+/g)];
  const highlights: HighlightSelectors[] = [];
  for (let i = 0; i < words.length; i += 5) {
    const last = words[Math.min(words.length - 1, i + 1 + (i % 7))]!;
    highlights.push(
      describeRange(model, textOffsetsToRange(model, words[i]!.index, last.index + last[0].length))!,
    );
  }
  return highlights;
}

describe.each([
  ['en-reader.html', 'en-live.html'],
  ['intl-reader.html', 'intl-live.html'],
])('reader copy %s → live page %s', (readerFile, liveFile) => {
  const highlights = readerHighlights(readerFile);

  it('anchors every highlight to the same words despite chrome, markup and whitespace', () => {
    const live = loadFixture(liveFile).body;
    const results = anchorAll(live, highlights);
    results.forEach((result, i) => {
      expect(result, highlights[i]!.quote.exact).not.toBeNull();
      expect(modelText(live, result!.range)).toBe(highlights[i]!.quote.exact);
      expect(
        live.querySelector('header, footer, #top, .related')?.contains(result!.range.startContainer),
      ).toBe(false);
    });
  });

  it('anchors the same highlights one at a time', () => {
    const live = loadFixture(liveFile).body;
    const model = buildTextModel(live);
    for (const h of highlights) {
      const result = anchor(model, h);
      expect(result && modelText(live, result.range), h.quote.exact).toBe(h.quote.exact);
    }
  });
});

describe('live page changes', () => {
  const reader = articleRoot(loadFixture('en-reader.html'));
  const model = buildTextModel(reader);
  const passage = 'Four of them died before midsummer';
  const start = model.text.indexOf(passage);
  const highlight = describeRange(model, textOffsetsToRange(model, start, start + passage.length))!;

  function liveWith(edit: (article: Element) => void): Element {
    const body = loadFixture('en-live.html').body;
    edit(body.querySelector('.article-body')!);
    return body;
  }

  const edited = () =>
    liveWith((a) => {
      const span = [...a.querySelectorAll('span')].find((s) => s.textContent?.startsWith('Four of them'))!;
      span.textContent = span.textContent!.replace('died', 'had died');
    });

  it('finds an edited passage fuzzily, with a lower score', () => {
    const result = anchor(edited(), highlight)!;
    expect(result.method).toBe('fuzzy');
    expect(result.score).toBeLessThan(1);
    expect(result.range.toString()).toContain('Four of them had died');
  });

  it('orphans a highlight whose paragraph was deleted, rather than placing it elsewhere', () => {
    const live = liveWith((a) => a.querySelector('.para')!.remove());
    expect(anchor(live, highlight)).toBeNull();
    expect(anchorAll(live, [highlight])).toEqual([null]);
  });

  it('respects a stricter minimum score', () => {
    const live = edited();
    const result = anchor(live, highlight)!;
    expect(anchor(live, highlight, { minScore: result.score + 0.001 })).toBeNull();
  });
});
