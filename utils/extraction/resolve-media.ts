/**
 * Makes one element's links and media absolute, and wakes lazy images: themes leave a placeholder
 * in `src` and the real picture in data-src / data-lazy-src / data-original / data-srcset, or only a
 * srcset, or a <noscript> fallback. The reader view has no lazy loader, so `src` must hold the
 * picture itself; srcset is made absolute too, though the sanitiser may drop it.
 */
export function resolveMedia(el: Element, base: string): void {
  switch (el.localName) {
    case 'a':
    case 'area':
      absolutise(el, 'href', base);
      break;
    case 'img':
      wakeImage(el, base);
      break;
    case 'source':
      copyLazy(el, 'srcset', LAZY_SRCSET);
      resolveSrcset(el, base);
      absolutise(el, 'src', base);
      break;
    case 'video':
    case 'audio':
      absolutise(el, 'src', base);
      absolutise(el, 'poster', base);
      break;
    case 'iframe':
      absolutise(el, 'src', base);
      break;
    case 'blockquote':
    case 'q':
    case 'ins':
    case 'del':
      absolutise(el, 'cite', base);
      break;
  }
}

const LAZY_SRC = ['data-src', 'data-lazy-src', 'data-original', 'data-lazy', 'data-url', 'data-hi-res-src'];
const LAZY_SRCSET = ['data-srcset', 'data-lazy-srcset'];
// A src that is only a stand-in: inline data (a 1×1 gif or a blur), or a file named like one.
const PLACEHOLDER =
  /^data:|(?:^|[/_.-])(?:blank|placeholder|spacer|pixel|lazy|grey|transparent)[^/]*\.(?:gif|png|svg|jpe?g)$/i;

function wakeImage(img: Element, base: string): void {
  copyLazy(img, 'srcset', LAZY_SRCSET);
  const src = img.getAttribute('src')?.trim() ?? '';
  if (!src || PLACEHOLDER.test(src)) {
    const lazy = LAZY_SRC.map((name) => img.getAttribute(name)).find((value) => value?.trim());
    const fromSet = largestCandidate(img.getAttribute('srcset') ?? '');
    const fromNoscript = noscriptImage(img);
    const real = lazy ?? fromSet ?? fromNoscript;
    if (real) img.setAttribute('src', real.trim());
  }
  absolutise(img, 'src', base);
  resolveSrcset(img, base);
}

function copyLazy(el: Element, target: string, sources: string[]): void {
  if (el.getAttribute(target)) return;
  const value = sources.map((name) => el.getAttribute(name)).find((v) => v?.trim());
  if (value) el.setAttribute(target, value);
}

/** The src of an <img> in a <noscript> right after this image (the theme's no-JS fallback). */
function noscriptImage(img: Element): string | null {
  const next = img.nextElementSibling;
  if (next?.localName !== 'noscript') return null;
  const match = /<img[^>]+src=["']([^"']+)["']/i.exec(next.innerHTML);
  return match?.[1] ?? null;
}

function largestCandidate(srcset: string): string | null {
  let best: string | null = null;
  let bestSize = -1;
  for (const candidate of srcset.split(/,\s+/)) {
    const [url, descriptor = '1x'] = candidate.trim().split(/\s+/);
    const size = Number.parseFloat(descriptor) * (descriptor.endsWith('x') ? 1000 : 1);
    if (url && size > bestSize) {
      best = url;
      bestSize = size;
    }
  }
  return best;
}

function resolveSrcset(el: Element, base: string): void {
  const srcset = el.getAttribute('srcset');
  if (!srcset) return;
  const resolved = srcset
    .split(/,\s+/)
    .map((candidate) => {
      const [url = '', ...rest] = candidate.trim().split(/\s+/);
      return [toAbsolute(url, base) ?? url, ...rest].join(' ');
    })
    .join(', ');
  el.setAttribute('srcset', resolved);
}

function absolutise(el: Element, name: string, base: string): void {
  const value = el.getAttribute(name);
  if (value === null) return;
  const trimmed = value.trim();
  // In-page fragments stay relative: the saved article is its own page.
  if (trimmed.startsWith('#')) return;
  const absolute = toAbsolute(trimmed, base);
  if (absolute && absolute !== value) el.setAttribute(name, absolute);
}

/** `href` resolved against `base`, or null when it cannot be. */
export function toAbsolute(href: string, base: string): string | null {
  try {
    return new URL(href, base).href;
  } catch {
    return null;
  }
}
