import { expect, test } from 'vitest';
import {
  contrastRatio,
  HIGHLIGHT_PAINT,
  highlightCss,
  opaqueHighlightNames,
} from '@/components/shared/highlight-colors';

test('every highlight colour keeps its text readable (WCAG AAA, 7:1) on light and dark pages alike', () => {
  for (const [color, paint] of Object.entries(HIGHLIGHT_PAINT)) {
    expect(contrastRatio(paint.background, paint.text), color).toBeGreaterThanOrEqual(7);
  }
});

test('the stylesheet paints the Custom Highlight API under opaque names, naming nothing of Readmark', () => {
  const names = opaqueHighlightNames();
  const css = highlightCss(names);
  for (const [color, paint] of Object.entries(HIGHLIGHT_PAINT)) {
    const name = names[color as keyof typeof names];
    expect(name).toMatch(/^h[0-9a-f]{12}$/);
    expect(css).toContain(`::highlight(${name}) { background-color: ${paint.background};`);
  }
  expect(css).not.toMatch(/readmark|yellow|green|blue|pink|purple/);
  expect(new Set(Object.values(names)).size).toBe(5);
  expect(Object.values(opaqueHighlightNames())).not.toEqual(Object.values(names));
});

test('without the API the stylesheet paints the fallback wrapper instead', () => {
  const css = highlightCss(null);
  for (const color of Object.keys(HIGHLIGHT_PAINT))
    expect(css).toContain(`readmark-mark[data-color="${color}"]`);
  expect(css).not.toContain('::highlight');
});
