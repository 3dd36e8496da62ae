import { toMarkdown, toStandaloneHtml } from '@/utils/export';
import type { Sanitiser } from '@/utils/extraction';
import type { ArticleContent, ArticleMeta, ExtractedArticle } from '@/utils/model';

export const FORMATS = ['json', 'markdown', 'html', 'text'] as const;
export type Format = (typeof FORMATS)[number];

/** File extension for each output format. */
export const EXTENSIONS: Record<Format, string> = { json: 'json', markdown: 'md', html: 'html', text: 'txt' };

/** The fields of the JSON output, in order: the article without isProbablyArticle. */
export const JSON_FIELDS = [
  'url',
  'title',
  'byline',
  'siteName',
  'publishedTime',
  'lang',
  'dir',
  'leadImage',
  'canonicalUrl',
  'excerpt',
  'wordCount',
  'readingTimeMinutes',
  'contentHtml',
  'textContent',
  'removed',
] as const satisfies readonly (keyof ExtractedArticle)[];

/** The article in one of the CLI's output formats. */
export function formatArticle(article: ExtractedArticle, format: Format, sanitise: Sanitiser): string {
  const { meta, content } = asStored(article);
  switch (format) {
    case 'json':
      return `${JSON.stringify(Object.fromEntries(JSON_FIELDS.map((key) => [key, article[key]])), null, 2)}\n`;
    case 'markdown':
      return toMarkdown(meta, content, []);
    case 'html':
      return toStandaloneHtml(meta, content, [], sanitise);
    case 'text':
      return `${article.title}\n\n${article.textContent}\n`;
  }
}

/**
 * The extracted article as the library would store it (no tags, not yet read), so the command
 * line writes Markdown and HTML with the very exporters the extension uses.
 */
function asStored(article: ExtractedArticle): { meta: ArticleMeta; content: ArticleContent } {
  // What the library does not store: the pipeline's verdict and the preview's opening.
  const { contentHtml, textContent, removed, isProbablyArticle: _, opening: _shown, ...fields } = article;
  const now = Date.now();
  return {
    meta: {
      ...fields,
      id: 'cli',
      tags: [],
      favourite: 0,
      archived: 0,
      savedAt: now,
      updatedAt: now,
      readAt: null,
      progress: 0,
    },
    content: { articleId: 'cli', contentHtml, textContent, removed },
  };
}
