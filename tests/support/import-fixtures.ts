import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { zipSync } from 'fflate';

/** tests/fixtures/import: our own files in each tool's export format. */
export const IMPORT_FIXTURES = path.resolve(import.meta.dirname, '../fixtures/import');

/**
 * An import fixture's bytes: a file as it is, or a folder (pocket-2025/, omnivore/) zipped the way
 * the tool ships it, so the zips' contents stay readable and reviewable in the repository.
 */
export function importFixture(name: string): Uint8Array {
  const full = path.join(IMPORT_FIXTURES, name);
  if (!statSync(full).isDirectory()) return new Uint8Array(readFileSync(full));
  const files: Record<string, Uint8Array> = {};
  for (const file of readdirSync(full, { recursive: true, encoding: 'utf8' }).sort()) {
    const abs = path.join(full, file);
    if (statSync(abs).isFile()) files[file.split(path.sep).join('/')] = new Uint8Array(readFileSync(abs));
  }
  return zipSync(files);
}
