/**
 * linkedom's `document.body` is the element right after <head>; when that is not a <body> (a
 * <noscript> or <script> written between </head> and <body>, which a browser's parser would
 * have moved), it creates an empty <body> there and returns it. Every later step, and
 * Readability, then sees an empty page. Browsers put such elements into the body (or the head,
 * for scripts, which no step reads): so does this, before anything asks for `document.body`.
 */
export function settleBody(doc: Document): void {
  const root = doc.documentElement as Element | null;
  if (!root) return;
  const children = [...root.children];
  const body = children.find((el) => el.localName === 'body');
  if (!body) return;
  const head = children.find((el) => el.localName === 'head');
  const strays = children.slice(0, children.indexOf(body)).filter((el) => el !== head);
  body.prepend(...strays);
}
