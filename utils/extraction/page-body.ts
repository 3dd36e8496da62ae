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

/**
 * Puts what each <noscript> of the body holds in its place. A page rendered by script can serve
 * its whole text for no-script readers inside one (Discourse forums: a thread's posts), which
 * Readability removes with the scripts; the pipeline's last try on a page where it found no text.
 * Parsed with scripting on, a <noscript> holds its markup as text: that is parsed here as HTML.
 */
export function unwrapNoscripts(doc: Document): void {
  const body = doc.body as HTMLElement | null;
  if (!body) return;
  for (const noscript of [...body.getElementsByTagName('noscript')]) {
    if (!noscript.firstElementChild && noscript.textContent?.includes('<'))
      noscript.innerHTML = noscript.textContent;
    noscript.replaceWith(...noscript.childNodes);
  }
}
