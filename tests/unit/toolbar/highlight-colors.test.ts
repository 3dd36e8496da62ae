import { expect, test } from 'vitest';
import { contrastRatio, HIGHLIGHT_PAINT, highlightCss } from '@/components/shared/highlight-colors';

test('every highlight colour keeps its text readable (WCAG AAA, 7:1) on light and dark pages alike', () => {
  for (const [color, paint] of Object.entries(HIGHLIGHT_PAINT)) {
    expect(contrastRatio(paint.background, paint.text), color).toBeGreaterThanOrEqual(7);
  }
});

test('the stylesheet paints both the Custom Highlight API and the fallback wrapper', () => {
  const css = highlightCss();
  for (const color of Object.keys(HIGHLIGHT_PAINT)) {
    expect(css).toContain(`::highlight(readmark-${color})`);
    expect(css).toContain(`readmark-mark[data-color="${color}"]`);
  }
});
