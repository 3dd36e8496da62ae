import { describe, expect, it } from 'vitest';
import {
  buildTextModel,
  pointToTextOffset,
  rangeToTextOffsets,
  textOffsetsToPoints,
  textOffsetsToRange,
} from '@/utils/annotation';

function root(html: string): HTMLElement {
  const el = document.createElement('div');
  el.innerHTML = html;
  document.body.replaceChildren(el);
  return el;
}

describe('buildTextModel', () => {
  it('collapses whitespace, separates blocks and skips invisible content', () => {
    const el = root(
      '<h1>Title\n   here</h1><p>The <b>quick</b>  brown&nbsp;fox<br>jumps.</p>' +
        '<script>var x = 1;</script><style>p{}</style><p hidden>secret</p><p style="display: none">gone</p>' +
        '<div aria-hidden="true">decor</div><ul><li>one</li><li>two</li></ul><table><tr><td>a</td><td>b</td></tr></table>',
    );
    expect(buildTextModel(el).text).toBe('Title here The quick brown fox jumps. one two a b');
  });

  it('gives the same text for the same article in different markup and whitespace', () => {
    const a = root('<p>One <em>two</em> three.</p>\n\n<p>Four five.</p>');
    const textA = buildTextModel(a).text;
    const b = root(
      '<div>\n  <div class="p"><span>One</span> <i>two</i>\n three.</div><section><p>Four   five.</p></section></div>',
    );
    expect(buildTextModel(b).text).toBe(textA);
  });

  it('maps every character back to the DOM and back again', () => {
    const el = root('<p>Héllo <b>wörld</b>,\n  again</p><p>𝐁old 👍🏽 end</p>');
    const model = buildTextModel(el);
    for (let i = 0; i < model.text.length; i++) {
      if (model.text[i] === ' ') continue;
      const range = textOffsetsToRange(model, i, i + 1);
      expect(range.toString()).toBe(model.text[i]);
      expect(rangeToTextOffsets(model, range)).toEqual({ start: i, end: i + 1 });
    }
  });

  it('maps element boundary points to the next text', () => {
    const el = root('<p>alpha</p><p>beta</p>');
    const model = buildTextModel(el);
    expect(pointToTextOffset(model, el, 1)).toBe(model.text.indexOf('beta'));
    expect(pointToTextOffset(model, el, 2)).toBe(model.text.length);
  });

  it('gives a range spanning blocks no trailing block-edge character in the DOM', () => {
    const el = root('<p>alpha</p><p>beta</p>');
    const model = buildTextModel(el);
    const points = textOffsetsToPoints(model, 0, 6);
    expect(points.endContainer.textContent).toBe('alpha');
    expect(points.endOffset).toBe(5);
  });

  it('survives nesting deeper than the call stack', () => {
    let html = 'deep text';
    for (let i = 0; i < 20_000; i++) html = `<span>${html}</span>`;
    const el = document.createElement('div');
    el.innerHTML = html;
    expect(buildTextModel(el).text).toBe('deep text');
  });
});
