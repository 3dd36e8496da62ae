import { describe, expect, test } from 'vitest';
import { openingText } from '@/components/popup/opening-text';

const LEAD_PHOTO =
  '<figure><img src="https://pier.example/gulls.jpg" alt=""><figcaption>Gulls over the east pier at dawn. ' +
  'Photo: Ada Lind</figcaption></figure>';
const FIRST = 'The pier reopened on Friday after a winter of repairs to its timber deck.';
const SECOND = 'Anglers were back on the rails within the hour.';

describe("the popup's opening text", () => {
  test('starts at the first paragraph, not at the lead photo’s caption and credit', () => {
    const html = `<div>${LEAD_PHOTO}<p>${FIRST}</p><p>${SECOND}</p></div>`;
    const saved = `Gulls over the east pier at dawn. Photo: Ada Lind ${FIRST} ${SECOND}`;
    expect(openingText(html, saved, 500)).toBe(`${FIRST} ${SECOND}`);
  });

  test('keeps a picture further down out too, and the text around it whole', () => {
    const html = `<p>${FIRST}</p>${LEAD_PHOTO}<h2>Back to normal</h2><p>${SECOND}</p>`;
    expect(openingText(html, '', 500)).toBe(`${FIRST} Back to normal ${SECOND}`);
  });

  test('is cut at the length asked, marked with an ellipsis', () => {
    const opening = openingText(`<p>${FIRST}</p><p>${SECOND}</p>`, '', 20);
    expect(opening).toBe(`${FIRST.slice(0, 20)}…`);
  });

  test('an article that is only pictures falls back to its saved text', () => {
    expect(openingText(LEAD_PHOTO, 'Gulls over the east pier at dawn.', 500)).toBe(
      'Gulls over the east pier at dawn.',
    );
  });
});
