import { describe, expect, it } from 'vitest';
import { buildTextModel, splitRangeByTextNode, textOffsetsToRange } from '@/utils/annotation';

describe('splitRangeByTextNode', () => {
  it('splits a range into visible text-node pieces, skipping hidden and blank ones', () => {
    const el = document.createElement('div');
    el.innerHTML =
      '<p>Alpha <b>beta</b> gamma</p>\n  <script>x()</script><p hidden>no</p><p>delta epsilon</p>';
    document.body.replaceChildren(el);
    const model = buildTextModel(el);
    const start = model.text.indexOf('pha');
    const end = model.text.indexOf('delta') + 'delta'.length;
    const slices = splitRangeByTextNode(model, textOffsetsToRange(model, start, end));
    expect(slices.map((s) => s.node.data.slice(s.start, s.end))).toEqual(['pha ', 'beta', ' gamma', 'delta']);
    // Pure: the DOM is untouched.
    expect(el.querySelectorAll('p')[0]!.childNodes).toHaveLength(3);
  });

  it('returns nothing for a collapsed range', () => {
    const el = document.createElement('p');
    el.textContent = 'text';
    const model = buildTextModel(el);
    expect(splitRangeByTextNode(model, textOffsetsToRange(model, 2, 2))).toEqual([]);
  });
});
