import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { ArticleContent, ArticleMeta, Highlight } from '@/utils/model';

export interface ExportFixture {
  meta: ArticleMeta;
  content: ArticleContent;
  highlights: Highlight[];
}

export const FIXTURE_NAMES = ['kettle', 'hostile', 'rtl-cjk'] as const;

const dir = () => path.resolve(process.cwd(), 'tests/fixtures/export');

/** An article with its highlights, from tests/fixtures/export/<name>.json. */
export function loadFixture(name: string): ExportFixture {
  return JSON.parse(readFileSync(path.join(dir(), `${name}.json`), 'utf8')) as ExportFixture;
}

/** An expected output file; a missing one fails the test (expectations never write themselves). */
export function expected(file: string): string {
  return readFileSync(path.join(dir(), file), 'utf8');
}

/** The YAML between the opening and closing `---` fences of a Markdown file. */
export function frontMatterOf(markdown: string): string {
  const match = /^---\n([\s\S]*?)\n---\n/.exec(markdown);
  if (!match?.[1]) throw new Error('no front matter');
  return match[1];
}
