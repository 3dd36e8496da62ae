import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { someText } from '../../../utils/extraction/walk-elements';

const root = (html: string) =>
  parseHTML(`<html><body><div id="root">${html}</div></body></html>`).document.getElementById('root')!;

describe('someText', () => {
  const notBlank = (text: string) => /\S/.test(text);

  it("finds text at any depth, the root's own text nodes included", () => {
    expect(someText(root('<p> <b><i>deep</i></b></p>'), notBlank)).toBe(true);
    expect(someText(root('loose'), notBlank)).toBe(true);
    expect(someText(root('<ul><li> </li></ul><p>after the blank list</p>'), notBlank)).toBe(true);
  });

  it('answers false for whitespace, comments and attributes only, as textContent would', () => {
    expect(someText(root(' \n\t<p> </p><!-- a comment --><img alt="words" title="more">'), notBlank)).toBe(
      false,
    );
    expect(someText(root(''), notBlank)).toBe(false);
  });

  it('stops at the first text that passes, in document order', () => {
    const seen: string[] = [];
    someText(root('<p>one</p><p>two</p><p>three</p>'), (text) => {
      seen.push(text);
      return text === 'two';
    });
    expect(seen).toEqual(['one', 'two']);
  });
});
