import { describe, expect, test } from 'vitest';
import { planListening, rangeIn, splitSentences, wordAt } from '@/components/shared/listen/listen-plan';

function article(html: string, lang = 'en'): HTMLElement {
  document.body.innerHTML = `<main lang="${lang}"><article>${html}</article></main>`;
  return document.querySelector('article')!;
}

describe('splitSentences', () => {
  test('cuts at sentence ends and leaves the spaces between sentences out', () => {
    const text = '  The bridge opened. It rained!  Who came? ';
    expect(splitSentences(text, 'en').map(([s, e]) => text.slice(s, e))).toEqual([
      'The bridge opened.',
      'It rained!',
      'Who came?',
    ]);
  });

  test('a malformed language tag falls back to the default rules instead of throwing', () => {
    expect(splitSentences('One. Two.', 'not a tag!!')).toHaveLength(2);
  });
});

describe('planListening', () => {
  test('one paragraph per block, inline markup kept within its sentence', () => {
    const root = article(
      '<h2>Tides</h2><p>The <em>tidal</em> bridge opened. It <a href="#">rained</a>.</p>\n<ul><li>First item.</li></ul>',
    );
    const plan = planListening(root, 'en');
    expect(plan.paragraphs.map((p) => p.text)).toEqual([
      'Tides',
      'The tidal bridge opened. It rained.',
      'First item.',
    ]);
    expect(plan.sentences.map((s) => [s.paragraph, s.text])).toEqual([
      [0, 'Tides'],
      [1, 'The tidal bridge opened.'],
      [1, 'It rained.'],
      [2, 'First item.'],
    ]);
    expect(plan.paragraphs.map((p) => p.firstSentence)).toEqual([0, 1, 3]);
  });

  test('a sentence follows the nearest lang attribute, else the article language', () => {
    const root = article('<p>Plain English.</p><blockquote lang="fr"><p>Bonjour. Ça va ?</p></blockquote>');
    const plan = planListening(root, 'de');
    // <main lang="en"> wraps the article: the page's own attribute wins over the fallback.
    expect(plan.sentences.map((s) => s.lang)).toEqual(['en', 'fr', 'fr']);
    document.querySelector('main')!.removeAttribute('lang');
    expect(planListening(root, 'de').sentences[0]!.lang).toBe('de');
  });

  test('hidden and script text is not read', () => {
    const root = article('<p>Seen.<span hidden>Unseen.</span></p><p aria-hidden="true">Also unseen.</p>');
    expect(planListening(root, 'en').sentences.map((s) => s.text)).toEqual(['Seen.']);
  });

  test('ranges cover exactly the sentence and the word, across inline elements', () => {
    const root = article('<p>The <em>tidal</em> bridge opened. It rained.</p>');
    const plan = planListening(root, 'en');
    const [first, second] = plan.sentences;
    const paragraph = plan.paragraphs[0]!;
    expect(rangeIn(paragraph, first!.start, first!.end).toString()).toBe('The tidal bridge opened.');
    expect(rangeIn(paragraph, second!.start, second!.end).toString()).toBe('It rained.');
    const tidal = rangeIn(paragraph, 4, 9);
    expect(tidal.toString()).toBe('tidal');
    // Starts inside <em>, not at the end of the text node before it.
    expect(tidal.startContainer.parentElement?.tagName).toBe('EM');
    expect(tidal.endContainer.parentElement?.tagName).toBe('EM');
  });
});

describe('wordAt', () => {
  test('uses charLength when the engine gives it', () => {
    expect(wordAt('The tidal bridge', 4, 5)).toEqual([4, 9]);
  });

  test('finds the word itself when charLength is missing or 0', () => {
    expect(wordAt('L’été arrive, enfin.', 0)).toEqual([0, 5]);
    expect(wordAt('L’été arrive, enfin.', 14, 0)).toEqual([14, 19]);
  });

  test('an index outside the sentence or on punctuation marks nothing', () => {
    expect(wordAt('Hi.', 9)).toBeNull();
    expect(wordAt('Hi, you.', 2)).toBeNull();
  });
});
