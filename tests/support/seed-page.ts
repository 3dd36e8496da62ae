import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { buildSeedPage, type SeedPage } from '../fixtures/extraction/seed-page';

/** The seed page text (../shared/seed), which is not ours and never enters the repo. */
export const SEED_DIR = resolve(process.cwd(), '../shared/seed');
const seedFile = existsSync(SEED_DIR) ? readdirSync(SEED_DIR).find((f) => f.endsWith('.txt')) : undefined;
export const hasSeed = seedFile !== undefined;
if (!hasSeed) console.warn(`[notice] ${SEED_DIR} is absent: the seed-page tests are skipped.`);

/** The seed news page in tagDiv-like markup (the same builder the extraction tests use). */
export function loadSeedPage(): SeedPage {
  return buildSeedPage(readFileSync(join(SEED_DIR, seedFile!), 'utf8'));
}
