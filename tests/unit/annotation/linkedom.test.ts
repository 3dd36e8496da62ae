import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { buildTextModel, locateAll, textOffsetsToPoints } from '@/utils/annotation';

// linkedom has no usable Range: the text model, locate/locateAll and textOffsetsToPoints need none.
describe('on linkedom', () => {
  it('builds the same text and anchors by offsets', () => {
    const { document: doc } = parseHTML(
      '<html><body><header>Menu</header><article><p>First <b>para</b>graph.</p><p>Second   one.</p></article></body></html>',
    );
    const model = buildTextModel(doc.body as unknown as Node);
    expect(model.text).toBe('Menu First paragraph. Second one.');
    const quote = {
      type: 'TextQuoteSelector' as const,
      exact: 'Second one',
      prefix: 'paragraph. ',
      suffix: '.',
    };
    const [found] = locateAll(model, [
      { quote, position: { type: 'TextPositionSelector', start: 17, end: 27 } },
    ]);
    expect(model.text.slice(found!.start, found!.end)).toBe('Second one');
    const points = textOffsetsToPoints(model, found!.start, found!.end);
    expect(points.startContainer.textContent).toBe('Second   one.');
    expect([points.startOffset, points.endOffset]).toEqual([0, 12]);
  });
});
