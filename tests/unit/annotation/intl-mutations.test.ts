// @vitest-environment jsdom
// jsdom: happy-dom 21 Ranges misbehave in documents made by DOMParser (they collapse).
import { describe, expect, it } from 'vitest';
import {
  anchorAll,
  buildTextModel,
  describe as describeRange,
  type HighlightSelectors,
  rangeToTextOffsets,
  textOffsetsToRange,
} from '@/utils/annotation';
import { articleRoot, loadFixture } from './load-fixture';

/** Selectors made on the reader copy for each passage. */
function highlightsFor(passages: string[]): HighlightSelectors[] {
  const model = buildTextModel(articleRoot(loadFixture('intl-reader.html')));
  return passages.map((p) => {
    const start = model.text.indexOf(p);
    expect(start, p).toBeGreaterThanOrEqual(0);
    return describeRange(model, textOffsetsToRange(model, start, start + p.length))!;
  });
}

/** Anchors on the live page after `edit`, answering with the text found (null for an orphan). */
function anchoredTexts(
  highlights: HighlightSelectors[],
  edit: (body: HTMLElement) => void,
): (string | null)[] {
  const body = loadFixture('intl-live.html').body;
  edit(body);
  const model = buildTextModel(body);
  return anchorAll(model, highlights).map((r) => {
    const span = r && rangeToTextOffsets(model, r.range);
    return span ? model.text.slice(span.start, span.end) : null;
  });
}

const paragraph = (body: HTMLElement, starts: string) =>
  [...body.querySelectorAll('p')].find((p) => p.textContent!.trim().startsWith(starts))!;

describe('right-to-left, CJK and astral text on a changed live page', () => {
  const passages = [
    'رائحة الخبز الساخن تصل إلى نهاية الحي',
    'השכנים אומרים שהלחם כאן טעים יותר',
    '热面包的香味在太阳升起之前就飘到了街道的尽头。',
    '焼きたてのパンの香りは、日が昇る前に通りの端まで届きます。',
    'The family emoji 👩‍👩‍👧‍👦 draws as one glyph',
    'offered a cafe\u0301 au lait, a cre\u0300me bru\u0302le\u0301e',
  ];
  const highlights = highlightsFor(passages);

  it('anchors all of them exactly when text is inserted before each', () => {
    const found = anchoredTexts(highlights, (body) => {
      for (const p of body.querySelectorAll('section > p'))
        p.before(body.ownerDocument.createTextNode(' 新的文字 '));
    });
    expect(found).toEqual(passages);
  });

  it('finds each, edited, after a small edit inside it', () => {
    const edits: [string, string, string][] = [
      ['في كل صباح', 'الساخن', 'الساخنة'],
      ['בכל בוקר', 'טעים', 'טעימים'],
      ['每天早上', '飘到了', '飘到'],
      ['毎朝', '届きます', '届きまする'],
      ['The family emoji', 'one glyph', 'one glyphs'],
      ['The menu', 'au lait', 'au laits'],
    ];
    const found = anchoredTexts(highlights, (body) => {
      for (const [start, from, to] of edits) {
        const p = paragraph(body, start);
        p.innerHTML = p.innerHTML.replace(from, to);
      }
    });
    // An edit at the very end may be read as an insertion or as the quote stopping short: both
    // are right, so the text found must be the edited passage, give or take its last character.
    found.forEach((text, i) => {
      const edited = passages[i]!.replace(edits[i]![1], edits[i]![2]);
      expect(text, edited).not.toBeNull();
      expect(edited.startsWith(text!.slice(0, -1)), `${edited} → ${text}`).toBe(true);
      expect(text!.length).toBeGreaterThanOrEqual(edited.length - 2);
    });
  });

  it('orphans each whose paragraph is deleted', () => {
    const found = anchoredTexts(highlights, (body) => {
      for (const start of ['في كل صباح', 'בכל בוקר', '每天早上', '毎朝', 'The family emoji', 'The menu']) {
        paragraph(body, start).remove();
      }
    });
    expect(found).toEqual(passages.map(() => null));
  });

  it('keeps to the original when a copy of the passage is added elsewhere', () => {
    const found = anchoredTexts(highlights, (body) => {
      const copy = body.ownerDocument.createElement('p');
      copy.textContent = passages.join(' ');
      body.querySelector('.content')!.prepend(copy);
    });
    expect(found).toEqual(passages);
    const body = loadFixture('intl-live.html').body;
    const model = buildTextModel(body);
    const [first] = anchorAll(model, highlights);
    expect(rangeToTextOffsets(model, first!.range)!.start).toBe(model.text.indexOf(passages[0]!));
  });
});
