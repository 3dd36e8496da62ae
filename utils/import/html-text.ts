import type { HtmlParser } from './types';

/**
 * Plain text of an HTML fragment (a stored highlight's innerHTML): tags stripped, entities
 * decoded, block boundaries kept as line breaks, runs of spaces collapsed. Through the injected
 * parser, so it runs in Node and the browser alike; script/style contents are not text.
 */
export function htmlToText(html: string, parseHtml: HtmlParser): string {
  if (!/[<&]/.test(html)) return html.trim();
  const doc = parseHtml(`<!doctype html><html><body>${html}</body></html>`);
  for (const element of [...doc.body.querySelectorAll('script, style, template')]) element.remove();
  for (const br of [...doc.body.querySelectorAll('br')]) br.replaceWith(doc.createTextNode('\n'));
  for (const block of [...doc.body.querySelectorAll('p, div, li, blockquote, h1, h2, h3, h4, h5, h6')])
    block.append(doc.createTextNode('\n'));
  return (doc.body.textContent ?? '')
    .split('\n')
    .map((line) => line.replace(/[ \t\r\f\v]+/g, ' ').trim())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
