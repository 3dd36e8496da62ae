import { parseHTML } from 'linkedom';

/**
 * Serialised HTML parsed with linkedom (pure JS: runs in a Worker and in Node, never on a live
 * page), as close to a browser's tree as the pipeline needs. Two places where htmlparser2 builds
 * another tree than a browser, each mended in the text before it parses:
 *
 * - A browser's parser keeps every element open at a `</body>` or `</html>` and puts what the page
 *   writes after it into the innermost one (`<article><p>1</p></body><p>2</p></article>`: both
 *   paragraphs in the article); htmlparser2 closes them all there and leaves the rest after the
 *   body, where a post or a paragraph lands apart from its article. Without those two end tags,
 *   which close nothing a browser closes, linkedom builds what the browser does.
 * - `<![CDATA[` in HTML content (not inside SVG or MathML) is, to a browser, a comment that ends
 *   at the next `>`; htmlparser2 reads on to a `]]>`, and a page that never writes one (some
 *   forum themes print a lone `<![CDATA[` at the top of the body) loses its whole body into one
 *   comment. It is written as the comment the browser makes.
 *
 * A live page's capture is the browser's own serialisation, which has neither; HTML read as it
 * came (the import's downloads, `npm run extract`, the training corpus) can have both.
 */
export function parsePage(html: string): Document {
  let text = html.replace(BODY_OR_HTML_END, '');
  if (text.includes('<![CDATA[')) text = text.replace(CDATA_IN_HTML, cdataAsComment);
  return parseHTML(text).document as unknown as Document;
}

const BODY_OR_HTML_END = /<\/(?:body|html)\s*>/gi;

/**
 * What is skipped, in the order a scan meets it: comments, the elements whose text htmlparser2
 * reads raw (script, style, title, textarea: a CDATA there is their text, as in a browser), and
 * SVG and MathML, where a CDATA section is one in a browser too; then, in the third group, a
 * CDATA opening in HTML content with what follows it up to the next `>`.
 */
const CDATA_IN_HTML =
  /<!--[\s\S]*?(?:-->|$)|<(script|style|title|textarea|svg|math)(?=[\s/>])[^>]*>[\s\S]*?(?:<\/\1\s*>|$)|<!\[CDATA\[([^>]*)(?:>|$)/gi;

function cdataAsComment(match: string, _element: string | undefined, cdata: string | undefined): string {
  // `cdata` holds no `>`, so it cannot end the comment early.
  return cdata === undefined ? match : `<!--[CDATA[${cdata}-->`;
}
