import { bytesToBase64, type ImageBytes, type ImageLink } from '@/utils/model';

const EXTENSIONS: Record<string, string> = {
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/gif': 'gif',
  'image/webp': 'webp',
  'image/avif': 'avif',
};

/** Where a picture goes in a Markdown zip: `images/<hash>.<ext>`, one file per distinct picture. */
export function imageFilePath(image: Pick<ImageBytes, 'hash' | 'type'>): string {
  return `images/${image.hash}.${EXTENSIONS[image.type] ?? 'bin'}`;
}

/** The picture as a data: URL, for a standalone HTML file that opens offline. */
export function imageDataUrl(image: Pick<ImageBytes, 'type' | 'bytes'>): string {
  return `data:${image.type};base64,${bytesToBase64(image.bytes)}`;
}

/** Original URL → what stands for it in an export, for the links of one article. */
export function mapLinks(
  links: readonly ImageLink[],
  images: ReadonlyMap<string, ImageBytes>,
  to: (image: ImageBytes) => string,
): Map<string, string> {
  const out = new Map<string, string>();
  for (const link of links) {
    const image = images.get(link.hash);
    if (image) out.set(link.url, to(image));
  }
  return out;
}

// A start tag as the DOM serialiser writes it (quoted attribute values may hold `>`).
const IMG_TAG = /<img\b(?:[^>"']|"[^"]*"|'[^']*')*>/gi;
const SRC = /(\ssrc=")([^"]*)(")/i;

/**
 * Serialised (sanitised) HTML with each <img src> found in `sources` replaced by its value; other
 * pictures are left as they are. Only attribute values change: no markup is added.
 */
export function replaceImageSources(html: string, sources: ReadonlyMap<string, string>): string {
  if (sources.size === 0) return html;
  return html.replace(IMG_TAG, (tag) =>
    tag.replace(SRC, (whole, before: string, value: string, after: string) => {
      const replacement = sources.get(value.replace(/&amp;/g, '&'));
      return replacement
        ? `${before}${replacement.replace(/&/g, '&amp;').replace(/"/g, '&quot;')}${after}`
        : whole;
    }),
  );
}
