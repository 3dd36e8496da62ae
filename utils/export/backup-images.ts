import * as v from 'valibot';
import {
  base64ToBytes,
  bytesToBase64,
  IMAGE_CAPS,
  type ImageBytes,
  isStorableImageType,
  sha256Hex,
} from '@/utils/model';
import { firstIssue, imageHash } from './backup-schema';

// base64 of the per-image cap, rounded up to whole 4-character groups.
const MAX_BASE64 = Math.ceil(IMAGE_CAPS.perImage / 3) * 4;
const imageSchema = v.object({
  hash: imageHash,
  type: v.pipe(v.string(), v.check(isStorableImageType, 'not a picture type Readmark stores')),
  data: v.pipe(v.string(), v.maxLength(MAX_BASE64, 'larger than the per-picture cap')),
});

/** A backup's picture as the file writes it: bytes as base64. */
export function imageRecord(image: ImageBytes): string {
  return JSON.stringify({ hash: image.hash, type: image.type, data: bytesToBase64(image.bytes) });
}

/**
 * Checks one picture of a backup: fields, size, and that its bytes really hash to its hash (a
 * picture filed under another's hash would stand in for that picture in every article that
 * stores it later). Answers the picture or why it was refused.
 */
export async function checkImage(raw: unknown): Promise<ImageBytes | string> {
  const parsed = v.safeParse(imageSchema, raw);
  if (!parsed.success) return firstIssue(parsed.issues);
  let bytes: Uint8Array;
  try {
    bytes = base64ToBytes(parsed.output.data);
  } catch {
    return 'data: not base64';
  }
  const hash = await sha256Hex(bytes as BufferSource);
  if (hash !== parsed.output.hash) return 'data does not match its hash';
  return { hash, type: parsed.output.type.split(';')[0]!.trim().toLowerCase(), bytes };
}
