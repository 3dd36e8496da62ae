/**
 * The WCXB training corpus (../shared/corpora/wcxb-train, see its README): 1,297 real pages, each
 * with a reviewed answer. Node only. It is read in place and never copied into the repository.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';

import { PAGE_TYPES, type PageType } from '@/utils/model';

export { PAGE_TYPES, type PageType };

/** One labelled page: the answer a reader would give. */
export interface TruthPage {
  id: string;
  url: string;
  page_type: PageType;
  title: string | null;
  author: string | null;
  publish_date: string | null;
  /** The main content as plain text, one block per line. */
  main_content: string;
  main_content_markdown: string | null;
  /** Snippets that must appear in the output. */
  with: string[];
  /** Boilerplate snippets that must not appear in the output. */
  without: string[];
}

/** Where the corpus is: $WCXB_DIR, else ../shared/corpora/wcxb-train from the project root. */
export const WCXB_DIR = path.resolve(process.cwd(), process.env.WCXB_DIR ?? '../shared/corpora/wcxb-train');

export function corpusAvailable(dir = WCXB_DIR): boolean {
  return existsSync(path.join(dir, 'truth.jsonl.gz'));
}

/**
 * Every labelled page, in id order; [] with a visible notice when the corpus is absent (tests and
 * scripts skip on an empty list).
 */
export function loadTruth(dir = WCXB_DIR): TruthPage[] {
  if (!corpusAvailable(dir)) {
    console.warn(`WCXB corpus not found at ${dir}: skipped (see utils/training/corpus.ts)`);
    return [];
  }
  const lines = gunzipSync(readFileSync(path.join(dir, 'truth.jsonl.gz')))
    .toString('utf8')
    .split('\n')
    .filter((line) => line.trim());
  return lines
    .map((line) => {
      const page = JSON.parse(line) as TruthPage;
      return { ...page, with: page.with ?? [], without: page.without ?? [] };
    })
    .sort((a, b) => a.id.localeCompare(b.id));
}

/** The saved HTML of one page. */
export function readPageHtml(id: string, dir = WCXB_DIR): string {
  return gunzipSync(readFileSync(path.join(dir, 'html', `${id}.html.gz`))).toString('utf8');
}

/**
 * The split key of a page: its host name without a leading "www." ("www.rei.com" and "rei.com"
 * are one site, one template).
 */
export function hostOf(url: string): string {
  return new URL(url).hostname.toLowerCase().replace(/^www\./, '');
}
