import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

/** Titles, authors and dates: no block, feature or article text that training reads comes from them. */
const METADATA_CODE = /^(?:meta-|metadata|json-ld)/;

/**
 * A short hash of the code a training cache was computed with, to key the cache by: every
 * TypeScript file of the extraction room but the metadata readers, then the files named in `also`
 * (the cache's own code, the model file where the cached results depend on it). The whole room
 * rather than a list of the files that seem to matter: two such hand-kept lists once missed
 * prepare-steps.ts and skip-link.ts, so a change to either would have trained on stale pages.
 */
export function extractionCodeHash(also: readonly string[]): string {
  const hash = createHash('sha1');
  const dir = path.resolve(process.cwd(), 'utils/extraction');
  for (const file of readdirSync(dir).sort())
    if (file.endsWith('.ts') && !METADATA_CODE.test(file)) hash.update(readFileSync(path.join(dir, file)));
  for (const file of also) hash.update(readFileSync(path.resolve(process.cwd(), file)));
  return hash.digest('hex').slice(0, 12);
}
