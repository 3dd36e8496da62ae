import { isTrackerUrl } from './tracker-hosts';

/**
 * The pixel width the saved picture should have: the reader's widest comfortable column (about
 * 800 CSS px) on a 2× screen. A srcset candidate at least this wide is sharp there; a wider one
 * only costs storage.
 */
export const READER_IMAGE_WIDTH = 1600;

// Declared sizes at or under these are beacons, never pictures a reader looks at.
const PIXEL_EDGE = 1;
const TINY_EDGE = 2;
const INVISIBLE_STYLE =
  /(?:^|;)\s*(?:display\s*:\s*none|visibility\s*:\s*hidden|opacity\s*:\s*0(?:\.0+)?\s*(?:;|$)|(?:left|top)\s*:\s*-\d{3,}px)/i;

/**
 * A step of the extraction pipeline, run after prepare (lazy images woken, URLs absolute) and
 * before Readability (which drops `style`): removes tracking pixels (1×1 or tiny declared size,
 * invisible by style, or served by a known tracker host, see tracker-hosts.ts) and points each
 * picture's `src` at the srcset candidate that fits the reader's width (the sanitiser drops
 * srcset, and the stored copy is the one `src` names). Answers how many pixels it dropped.
 */
export function tidyContentImages(root: Element | null): number {
  if (!root) return 0;
  let dropped = 0;
  for (const img of [...root.getElementsByTagName('img')]) {
    const src = img.getAttribute('src')?.trim() ?? '';
    if (isTrackingPixel(img, src)) {
      img.remove();
      dropped++;
      continue;
    }
    const fitting = fittingCandidate(img.getAttribute('srcset') ?? '', READER_IMAGE_WIDTH);
    if (fitting) img.setAttribute('src', fitting);
  }
  return dropped;
}

function isTrackingPixel(img: Element, src: string): boolean {
  if (src && isTrackerUrl(src)) return true;
  const style = img.getAttribute('style') ?? '';
  if (INVISIBLE_STYLE.test(style)) return true;
  const width = declaredSize(img, 'width', style);
  const height = declaredSize(img, 'height', style);
  if ((width !== null && width <= PIXEL_EDGE) || (height !== null && height <= PIXEL_EDGE)) return true;
  return width !== null && height !== null && width <= TINY_EDGE && height <= TINY_EDGE;
}

// Compiled once, not per picture.
const styleSize = (name: string) =>
  new RegExp(`(?:^|;)\\s*${name}\\s*:\\s*(\\d+(?:\\.\\d+)?)(?:px)?\\s*(?:;|$)`, 'i');
const STYLE_SIZE = { width: styleSize('width'), height: styleSize('height') };

/** A size in pixels from the attribute or the inline style (px or unitless), or null when not declared. */
function declaredSize(img: Element, name: 'width' | 'height', style: string): number | null {
  const fromStyle = STYLE_SIZE[name].exec(style);
  const value = fromStyle?.[1] ?? img.getAttribute(name)?.trim();
  if (!value || !/^\d+(?:\.\d+)?(?:px)?$/i.test(value)) return null;
  return Number.parseFloat(value);
}

/**
 * The srcset candidate for a column `target` pixels wide: the narrowest `w` candidate at least
 * that wide (else the widest), or for density descriptors the one nearest 2x without going over
 * (else the smallest). Null when there is no usable candidate.
 */
export function fittingCandidate(srcset: string, target: number): string | null {
  const candidates = srcset
    .split(/,\s+/)
    .map((part) => {
      const [url = '', descriptor = '1x'] = part.trim().split(/\s+/);
      const value = Number.parseFloat(descriptor);
      const unit = descriptor.slice(-1).toLowerCase();
      return { url, value, unit };
    })
    .filter((c) => c.url && Number.isFinite(c.value) && c.value > 0 && (c.unit === 'w' || c.unit === 'x'));
  const widths = candidates.filter((c) => c.unit === 'w').sort((a, b) => a.value - b.value);
  if (widths.length) return (widths.find((c) => c.value >= target) ?? widths.at(-1))!.url;
  const densities = candidates.filter((c) => c.unit === 'x').sort((a, b) => a.value - b.value);
  if (!densities.length) return null;
  return (densities.filter((c) => c.value <= 2).at(-1) ?? densities[0])!.url;
}
