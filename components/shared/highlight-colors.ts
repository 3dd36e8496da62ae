import { type HighlightColor, opaqueName } from '@/utils/model';

/**
 * Highlight paint: light backgrounds with near-black text, so the pair keeps a contrast ratio
 * above 7:1 whatever the page's own colours (light or dark theme). Checked in
 * tests/unit/toolbar/highlight-colors.test.ts; with the reader's themes and the Listen marks
 * painted over them, in tests/unit/shared/highlight-contrast.test.ts.
 */
export const HIGHLIGHT_PAINT: Record<HighlightColor, { background: string; text: string }> = {
  yellow: { background: '#ffe566', text: '#1a1a1a' },
  green: { background: '#b5eab0', text: '#1a1a1a' },
  blue: { background: '#bcdcff', text: '#1a1a1a' },
  pink: { background: '#ffc4dd', text: '#1a1a1a' },
  purple: { background: '#dccbff', text: '#1a1a1a' },
};

/**
 * CSS Custom Highlight names for the colours (one registry entry per colour), random for each
 * painter: CSS.highlights is a map any page script can read, so a fixed name such as
 * "readmark-yellow" would tell a page that Readmark is here and which colour is which.
 */
export function opaqueHighlightNames(): Record<HighlightColor, string> {
  return Object.fromEntries(Object.keys(HIGHLIGHT_PAINT).map((color) => [color, opaqueName()])) as Record<
    HighlightColor,
    string
  >;
}

/**
 * The paint rules: `::highlight(name)` for the Custom Highlight API, or (`names` null, where the
 * API is missing) the <readmark-mark> fallback wrapper. Only the path in use is written, so the
 * sheet a page can read names nothing of Readmark's when the API is there.
 */
export function highlightCss(names: Record<HighlightColor, string> | null): string {
  return Object.entries(HIGHLIGHT_PAINT)
    .map(([color, paint]) => {
      // The fallback wrapper colours what it wraps too: a link inside keeps the highlight's text
      // colour, not the page's link colour (which a dark page makes light, on a light highlight).
      const selector = names
        ? `::highlight(${names[color as HighlightColor]})`
        : `readmark-mark[data-color="${color}"], readmark-mark[data-color="${color}"] *`;
      return `${selector} { background-color: ${paint.background}; color: ${paint.text}; }`;
    })
    .join('\n');
}

/**
 * The opaque colour seen where `top` is painted at `alpha` (0..1) over `bottom` (#rrggbb each):
 * what `color-mix(in srgb, top N%, transparent)` gives over an opaque background.
 */
export function compositeOver(top: string, alpha: number, bottom: string): string {
  const channels = (hex: string) => [1, 3, 5].map((i) => Number.parseInt(hex.slice(i, i + 2), 16));
  const under = channels(bottom);
  return `#${channels(top)
    .map((c, i) => Math.round(c * alpha + under[i]! * (1 - alpha)))
    .map((c) => c.toString(16).padStart(2, '0'))
    .join('')}`;
}

/** WCAG relative luminance contrast ratio of two #rrggbb colours. */
export function contrastRatio(a: string, b: string): number {
  const luminance = (hex: string) => {
    const [r, g, bl] = [1, 3, 5].map((i) => {
      const c = Number.parseInt(hex.slice(i, i + 2), 16) / 255;
      return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r! + 0.7152 * g! + 0.0722 * bl!;
  };
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi! + 0.05) / (lo! + 0.05);
}
