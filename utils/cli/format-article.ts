import TurndownService from 'turndown';
// @ts-expect-error turndown-plugin-gfm ships no types.
import { gfm } from 'turndown-plugin-gfm';
import type { ExtractedArticle } from '@/utils/model';

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
export function formatArticle(article: ExtractedArticle, format: Format): string {
  switch (format) {
    case 'json':
      return `${JSON.stringify(Object.fromEntries(JSON_FIELDS.map((key) => [key, article[key]])), null, 2)}\n`;
    case 'markdown':
      return toMarkdown(article);
    case 'html':
      return toHtmlDocument(article);
    case 'text':
      return `${article.title}\n\n${article.textContent}\n`;
  }
}

function toMarkdown(article: ExtractedArticle): string {
  const turndown = new TurndownService({ headingStyle: 'atx', codeBlockStyle: 'fenced', emDelimiter: '_' });
  turndown.use(gfm);
  const facts = [article.byline, article.siteName, article.publishedTime?.slice(0, 10)].filter(Boolean);
  const header = [
    `# ${article.title}`,
    facts.length ? `_${facts.join(' · ')}_` : '',
    `<${article.canonicalUrl}>`,
  ];
  return `${header.filter(Boolean).join('\n\n')}\n\n${turndown.turndown(article.contentHtml)}\n`;
}

const escapeHtml = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

function toHtmlDocument(article: ExtractedArticle): string {
  const lang = article.lang ? ` lang="${escapeHtml(article.lang)}"` : '';
  const dir = article.dir ? ` dir="${article.dir}"` : '';
  return `<!DOCTYPE html>
<html${lang}${dir}>
<head>
<meta charset="utf-8">
<title>${escapeHtml(article.title)}</title>
<link rel="canonical" href="${escapeHtml(article.canonicalUrl)}">
</head>
<body>
<article>
<h1>${escapeHtml(article.title)}</h1>
${article.contentHtml}
</article>
</body>
</html>
`;
}
