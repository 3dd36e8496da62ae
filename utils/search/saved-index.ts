import type { AsPlainObject } from 'minisearch';
import { err, ok, type Result } from '@/utils/model';
import { fingerprintOf, INDEX_FORMAT, type LibraryFingerprint, sameFingerprint } from './library-fingerprint';
import { INDEXED_TEXT_LIMIT } from './search-document';

/** The persisted form of a LibraryIndex: plain JSON data, safe to keep in IndexedDB. */
export interface SerialisedLibraryIndex {
  format: number;
  textLimit: number;
  /** Per-article stamps behind the fingerprint (see articleStamp). */
  stamps: Record<string, number>;
  index: AsPlainObject;
}

export interface LibraryIndexOptions {
  /** Characters of body text indexed per article; default INDEXED_TEXT_LIMIT. */
  textLimit?: number;
}

/** A persisted index that passed its checks, ready for MiniSearch to load. */
interface SavedIndex {
  index: AsPlainObject;
  stamps: Map<string, number>;
  textLimit: number;
}

/** Checks a persisted index before the costly part of loading it. */
export function readSaved(
  json: unknown,
  expected: LibraryFingerprint | undefined,
  options: LibraryIndexOptions,
): Result<SavedIndex> {
  const data = typeof json === 'string' ? parseJson(json) : json;
  if (!isSerialised(data)) return err('search-index-unusable', { detail: 'not a library index' });
  const textLimit = options.textLimit ?? INDEXED_TEXT_LIMIT;
  if (data.format !== INDEX_FORMAT || data.textLimit !== textLimit)
    return err('search-index-unusable', { detail: 'stale: index format changed' });
  const stamps = new Map(Object.entries(data.stamps));
  if (expected && !sameFingerprint(fingerprintOf(stamps.values()), expected)) {
    return err('search-index-unusable', { detail: 'stale: library changed since the index was saved' });
  }
  return ok({ index: data.index, stamps, textLimit });
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

function isSerialised(data: unknown): data is SerialisedLibraryIndex {
  if (typeof data !== 'object' || data === null) return false;
  const d = data as Partial<SerialisedLibraryIndex>;
  return (
    typeof d.format === 'number' &&
    typeof d.textLimit === 'number' &&
    typeof d.stamps === 'object' &&
    d.stamps !== null &&
    typeof d.index === 'object' &&
    d.index !== null
  );
}
