import { strFromU8, unzipSync } from 'fflate';
import { CodedError, describeThrown } from '@/utils/model';

/** A zip's entries by path. */
export type ZipFiles = Record<string, Uint8Array>;

/** True when the bytes start like a zip archive (local file header "PK\x03\x04", or an empty zip). */
export function looksLikeZip(bytes: Uint8Array): boolean {
  return bytes[0] === 0x50 && bytes[1] === 0x4b && (bytes[2] === 0x03 || bytes[2] === 0x05);
}

/** Every entry of a zip; throws a clear error for a truncated or damaged archive. */
export function readZip(bytes: Uint8Array): ZipFiles {
  try {
    return unzipSync(bytes);
  } catch (error) {
    throw new CodedError({ code: 'import-zip-damaged', data: { detail: describeThrown(error) } });
  }
}

/** An entry's text (UTF-8, BOM removed). */
export function zipText(files: ZipFiles, name: string): string {
  return stripBom(strFromU8(files[name]!));
}

export const stripBom = (text: string) => (text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
