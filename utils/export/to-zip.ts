import { strToU8, Zip, ZipDeflate } from 'fflate';
import { err, ok, type Result } from '@/utils/model';
import { forEachChunked, type ProgressOptions } from './chunked';
import { safeFileName, uniqueNamer } from './safe-file-name';

export interface ZipEntry {
  /** File name, possibly with folders ("notes/Title.md"); each part is made safe and names are made unique. */
  name: string;
  data: string | Uint8Array;
}

/**
 * A zip archive of `files`, deflated, built with fflate's streaming zipper on the calling thread
 * (fflate's async mode starts Workers, which extension pages' CSP may refuse). Names are made safe
 * per path segment and de-duplicated: "Title.md", "Title (2).md". Cancel returns nothing partial.
 */
export async function toZip(
  files: readonly ZipEntry[],
  options: ProgressOptions = {},
): Promise<Result<Uint8Array>> {
  const chunks: Uint8Array[] = [];
  let failure: Error | null = null;
  const zip = new Zip((error, chunk) => {
    if (error) failure = error;
    else chunks.push(chunk);
  });
  const unique = uniqueNamer();
  // Zip entries carry a DOS date; a fixed one keeps the archive byte-for-byte reproducible.
  const mtime = new Date(2000, 0, 1);
  const done = await forEachChunked(
    files,
    (file) => {
      const entry = new ZipDeflate(unique(safePath(file.name)), { level: 6 });
      entry.mtime = mtime;
      zip.add(entry);
      entry.push(typeof file.data === 'string' ? strToU8(file.data) : file.data, true);
    },
    options,
  );
  if (!done) {
    zip.terminate();
    return err('cancelled');
  }
  zip.end();
  if (failure) throw failure;
  return ok(concat(chunks));
}

function safePath(name: string): string {
  const parts = name.split(/[/\\]+/).filter((part) => part && part !== '.' && part !== '..');
  const file = parts.pop() ?? '';
  const dot = file.lastIndexOf('.');
  const safeFile =
    dot > 0
      ? `${safeFileName(file.slice(0, dot))}.${safeFileName(file.slice(dot + 1), 'bin')}`
      : safeFileName(file);
  return [...parts.map((part) => safeFileName(part)), safeFile].join('/');
}

function concat(chunks: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(chunks.reduce((sum, chunk) => sum + chunk.length, 0));
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.length;
  }
  return out;
}
