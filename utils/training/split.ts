/**
 * The train/validation split of the WCXB corpus, by host (pages of one site share a template, so
 * a page-level split would let the model see the validation templates). Made once by
 * make-split.ts with a fixed seed and committed as data (wcxb-split.json): tune on "train" only,
 * quote figures on "validation" only.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { hostOf, PAGE_TYPES, type PageType, type TruthPage } from './corpus';

export type Part = 'train' | 'validation';

export const SPLIT_FILE = path.join(path.dirname(fileURLToPath(import.meta.url)), 'wcxb-split.json');

export interface SplitFile {
  seed: number;
  validationShare: number;
  /** host → part */
  hosts: Record<string, Part>;
}

export function loadSplit(file = SPLIT_FILE): SplitFile {
  return JSON.parse(readFileSync(file, 'utf8')) as SplitFile;
}

/** The part a page belongs to. Throws for a host the split does not know: the split is fixed. */
export function partOf(page: Pick<TruthPage, 'url'>, split: SplitFile): Part {
  const part = split.hosts[hostOf(page.url)];
  if (!part) throw new Error(`Host ${hostOf(page.url)} is not in the committed split (${SPLIT_FILE}).`);
  return part;
}

/** mulberry32: a tiny seeded PRNG, so the split (and training) are the same on every machine. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Fisher–Yates with the given PRNG (a copy; the input is left alone). */
export function shuffled<T>(items: readonly T[], random: () => number): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/**
 * Splits by host, stratified by page type: each host is filed under the type most of its pages
 * have (ties: the first in PAGE_TYPES), and within each type `share` of the hosts (rounded, at
 * least one) go to validation.
 */
export function makeSplit(pages: readonly TruthPage[], seed: number, share: number): SplitFile {
  const typesByHost = new Map<string, Map<PageType, number>>();
  for (const page of pages) {
    const host = hostOf(page.url);
    const counts = typesByHost.get(host) ?? new Map<PageType, number>();
    counts.set(page.page_type, (counts.get(page.page_type) ?? 0) + 1);
    typesByHost.set(host, counts);
  }
  const hostsByType = new Map<PageType, string[]>(PAGE_TYPES.map((type) => [type, []]));
  for (const [host, counts] of [...typesByHost].sort(([a], [b]) => a.localeCompare(b))) {
    const type = PAGE_TYPES.reduce((best, t) => ((counts.get(t) ?? 0) > (counts.get(best) ?? 0) ? t : best));
    hostsByType.get(type)!.push(host);
  }
  const random = seededRandom(seed);
  const hosts: Record<string, Part> = {};
  for (const type of PAGE_TYPES) {
    const list = shuffled(hostsByType.get(type)!, random);
    const validation = list.length ? Math.max(1, Math.round(list.length * share)) : 0;
    list.forEach((host, index) => {
      hosts[host] = index < validation ? 'validation' : 'train';
    });
  }
  const sorted = Object.fromEntries(Object.entries(hosts).sort(([a], [b]) => a.localeCompare(b)));
  return { seed, validationShare: share, hosts: sorted };
}

/** Each host's cross-validation fold: the hosts sorted, shuffled with `seed`, dealt round the folds. */
export function hostFolds(hosts: readonly string[], folds: number, seed: number): Map<string, number> {
  const shuffledHosts = shuffled([...new Set(hosts)].sort(), seededRandom(seed));
  return new Map(shuffledHosts.map((host, i) => [host, i % folds]));
}
