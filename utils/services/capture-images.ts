import { browser } from 'wxt/browser';
import { sendToTab } from '@/utils/messaging';
import {
  base64ToBytes,
  type CapturedImage,
  describeThrown,
  err,
  IMAGE_CAPS,
  isStorableImageType,
  ok,
  type Result,
  sha256Hex,
} from '@/utils/model';

/** The article's pictures: every http(s) <img src> of its saved HTML, and its lead image. */
export function articleImageUrls(contentHtml: string, leadImage: string | null): string[] {
  const doc = new DOMParser().parseFromString(`<!doctype html><body>${contentHtml}`, 'text/html');
  const urls = [...doc.body.querySelectorAll('img[src]')].map((img) => img.getAttribute('src')!.trim());
  if (leadImage) urls.push(leadImage);
  return [...new Set(urls.filter((url) => /^https?:/i.test(url)))].slice(0, IMAGE_CAPS.perArticleCount);
}

/** The host-permission pattern for a URL's origin ("https://cdn.example/*"). */
export function originPattern(url: string): string {
  return `${new URL(url).origin}/*`;
}

/** Whether Readmark may fetch from every one of these URLs' sites itself (optional host access). */
export async function canFetchFromExtension(urls: readonly string[]): Promise<boolean> {
  const origins = [...new Set(urls.map(originPattern))];
  return origins.length === 0 || browser.permissions.contains({ origins });
}

export interface CaptureResult {
  images: CapturedImage[];
  /** Pictures not stored: no permission for their site, or they failed (the reader sees placeholders). */
  missing: string[];
}

// Pictures fetched at once: enough to hide latency, few enough not to hammer a site.
const PARALLEL = 4;
// A picture that takes longer than this is left as a placeholder (the reader may load it later).
const FETCH_TIMEOUT_MS = 15_000;

/**
 * Fetches the article's pictures for storing. A site Readmark holds host access for is fetched
 * by this extension page (no cookies, no referrer); without it, pictures of the page's own
 * origin are read by the content script of `tabId`, which the page already showed;
 * the rest are `missing`, never fetched. Stops fetching once the per-article cap is reached.
 */
export async function captureImages(urls: readonly string[], tabId: number | null): Promise<CaptureResult> {
  const images: CapturedImage[] = [];
  const missing: string[] = [];
  let bytes = 0;
  const queue = [...urls];
  const worker = async () => {
    for (let url = queue.shift(); url !== undefined; url = queue.shift()) {
      if (bytes >= IMAGE_CAPS.perArticle) {
        missing.push(url);
        continue;
      }
      const blob = await readImage(url, tabId);
      if (!blob.ok) {
        missing.push(url);
        continue;
      }
      bytes += blob.value.size;
      images.push({ url, blob: blob.value, hash: await sha256(blob.value) });
    }
  };
  await Promise.all(Array.from({ length: PARALLEL }, worker));
  // In the article's order, whatever order the fetches finished in.
  const order = new Map(urls.map((url, i) => [url, i]));
  images.sort((a, b) => order.get(a.url)! - order.get(b.url)!);
  return { images, missing };
}

async function readImage(url: string, tabId: number | null): Promise<Result<Blob>> {
  if (await canFetchFromExtension([url])) return fetchImage(url);
  if (tabId === null) return err('image-no-access');
  const read = await sendToTab(tabId, 'readPageImage', { url });
  if (!read.ok) return read;
  return ok(new Blob([base64ToBytes(read.value.base64) as BlobPart], { type: read.value.type }));
}

/** Fetches a picture from this extension page: no cookies, no referrer, the HTTP cache when it has it. */
export async function fetchImage(url: string): Promise<Result<Blob>> {
  try {
    const response = await fetch(url, {
      credentials: 'omit',
      referrerPolicy: 'no-referrer',
      cache: 'force-cache',
      signal: AbortSignal.timeout(FETCH_TIMEOUT_MS),
    });
    const type = response.headers.get('content-type') ?? '';
    if (!response.ok) return err('image-status', { status: response.status });
    if (!isStorableImageType(type)) return err('image-unsupported');
    if (Number(response.headers.get('content-length') ?? 0) > IMAGE_CAPS.perImage)
      return err('image-too-large');
    const blob = await response.blob();
    if (blob.size > IMAGE_CAPS.perImage) return err('image-too-large');
    return ok(new Blob([blob], { type: type.split(';')[0]!.trim().toLowerCase() }));
  } catch (error) {
    return err('image-unreadable', { detail: describeThrown(error) });
  }
}

/** Lower-case hex SHA-256 of the picture's bytes (WebCrypto). */
export async function sha256(blob: Blob): Promise<string> {
  return sha256Hex(await blob.arrayBuffer());
}
