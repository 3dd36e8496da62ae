import { parseHTML } from 'linkedom';

/**
 * Serialised HTML parsed with linkedom (pure JS: runs in a Worker and in Node, never on a live
 * page), as close to a browser's tree as the pipeline needs.
 *
 * A browser's parser keeps every element open at a `</body>` or `</html>` and puts what the page
 * writes after it into the innermost one (`<article><p>1</p></body><p>2</p></article>`: both
 * paragraphs in the article); htmlparser2 closes them all there and leaves the rest after the
 * body, where a post or a paragraph lands apart from its article. Without those two end tags,
 * which close nothing a browser closes, linkedom builds what the browser does.
 */
export function parsePage(html: string): Document {
  return parseHTML(html.replace(BODY_OR_HTML_END, '')).document as unknown as Document;
}

const BODY_OR_HTML_END = /<\/(?:body|html)\s*>/gi;
