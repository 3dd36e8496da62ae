/**
 * Writes utils/training/wcxb-split.json. Run once (`npx tsx utils/training/make-split.ts`); the
 * committed file is the split. Re-running with the same corpus, seed and share gives the same file.
 */
import { writeFileSync } from 'node:fs';
import { loadTruth } from './corpus';
import { makeSplit, SPLIT_FILE } from './split';

const SEED = 20251206;
const VALIDATION_SHARE = 0.22;

const pages = loadTruth();
if (pages.length === 0) process.exit(1);
const split = makeSplit(pages, SEED, VALIDATION_SHARE);
writeFileSync(SPLIT_FILE, `${JSON.stringify(split, null, 1)}\n`);
const hosts = Object.values(split.hosts);
console.log(
  `${hosts.length} hosts, ${hosts.filter((part) => part === 'validation').length} in validation → ${SPLIT_FILE}`,
);
