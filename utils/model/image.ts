/**
 * Images stored with an article, so the reader never goes to the network to show them.
 * One blob per distinct content (SHA-256), shared by every article that uses it; each article
 * maps the URLs its HTML names to those hashes.
 */

/** One stored picture, keyed by the SHA-256 of its bytes (lower-case hex). */
export interface ImageBlob {
  hash: string;
  blob: Blob;
  /** Bytes, as counted when it was stored (blob.size). */
  size: number;
}

/** An article's picture: the URL its saved HTML names, and the stored bytes that stand for it. */
export interface ArticleImage {
  articleId: string;
  url: string;
  hash: string;
}

/** A picture fetched for an article, hashed, ready to store. */
export interface CapturedImage {
  url: string;
  hash: string;
  blob: Blob;
}

const MiB = 1024 * 1024;

/**
 * Caps on what is stored. A full-width photo at reader width (about 1,600 px) is 150-600 KB as
 * JPEG or WebP; 5 MiB still takes a large PNG diagram or an animated GIF, and stops a 30 MB
 * original a site links by mistake. 25 MiB per article holds a long photo essay (40 pictures at
 * 600 KB) while a library of 1,000 articles stays within a few GB even at the cap. More than 100
 * pictures is a gallery, not an article's illustrations.
 */
export const IMAGE_CAPS = { perImage: 5 * MiB, perArticle: 25 * MiB, perArticleCount: 100 } as const;

/** Image types the reader may show from a stored blob (no SVG: it is a document, not a picture). */
export const STORABLE_IMAGE_TYPES = [
  'image/jpeg',
  'image/png',
  'image/gif',
  'image/webp',
  'image/avif',
] as const;

/** Whether a Content-Type (parameters ignored) names a storable picture. */
export function isStorableImageType(type: string): boolean {
  const bare = type.split(';')[0]?.trim().toLowerCase() ?? '';
  return (STORABLE_IMAGE_TYPES as readonly string[]).includes(bare);
}

/** A stored picture as bytes, for exports and backups (which are strings and bytes, not Blobs). */
export interface ImageBytes {
  hash: string;
  type: string;
  bytes: Uint8Array;
}

/** An article's picture link as a backup carries it (the article is the record it sits in). */
export interface ImageLink {
  url: string;
  hash: string;
}
