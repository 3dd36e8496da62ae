import type { PageImage } from '@/utils/messaging';
import {
  bytesToBase64,
  describeThrown,
  err,
  IMAGE_CAPS,
  isStorableImageType,
  ok,
  type Result,
} from '@/utils/model';

/**
 * Reads one of the page's own pictures for saving, in the content script, when Readmark has no
 * host access. Only what the page itself could read: its own origin (the page's cookies go
 * with the request, as they did when the page showed the picture; from the HTTP cache when it is
 * there) or inline data:. Never another site: that would be a request the reader did not allow.
 */
export async function readPageImage(
  url: string,
  pageUrl: string = location.href,
): Promise<Result<PageImage>> {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return err('image-bad-address');
  }
  const own = /^https?:$/.test(parsed.protocol) && parsed.origin === new URL(pageUrl).origin;
  if (!own) return err('image-other-site');
  try {
    const response = await fetch(parsed.href, { credentials: 'same-origin', cache: 'force-cache' });
    const type = response.headers.get('content-type') ?? '';
    if (!response.ok) return err('image-status', { status: response.status });
    if (!isStorableImageType(type)) return err('image-unsupported');
    if (Number(response.headers.get('content-length') ?? 0) > IMAGE_CAPS.perImage)
      return err('image-too-large');
    const bytes = new Uint8Array(await response.arrayBuffer());
    if (bytes.length > IMAGE_CAPS.perImage) return err('image-too-large');
    return ok({ type: type.split(';')[0]!.trim(), base64: bytesToBase64(bytes) });
  } catch (error) {
    return err('image-unreadable', { detail: describeThrown(error) });
  }
}
