/**
 * Resolves `href` against `base` and returns it only when its scheme is one a reader can follow
 * safely from an exported file (http, https, mailto); everything else (javascript:, data:,
 * vbscript:, file:, fragments that point nowhere once exported) gives null.
 */
export function safeUrl(href: string | null | undefined, base: string): string | null {
  const trimmed = href?.trim();
  // A link to a fragment of the article itself: the ids do not survive export, so the link would be broken.
  if (!trimmed || trimmed.startsWith('#')) return null;
  // Absolute first: `new URL(href, base)` throws on an unusable base even when href needs none.
  const url = parse(trimmed) ?? parse(trimmed, base);
  if (!url) return null;
  if (url.protocol !== 'http:' && url.protocol !== 'https:' && url.protocol !== 'mailto:') return null;
  return url.href;
}

function parse(href: string, base?: string): URL | null {
  try {
    return new URL(href, base);
  } catch {
    return null;
  }
}
