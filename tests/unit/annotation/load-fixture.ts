import { readFileSync } from 'node:fs';
import path from 'node:path';

/** Parses a fixture from tests/fixtures/annotation into a fresh document of the test's DOM. */
export function loadFixture(name: string): Document {
  const html = readFileSync(path.resolve(process.cwd(), 'tests/fixtures/annotation', name), 'utf8');
  return new DOMParser().parseFromString(html, 'text/html');
}

/** The element holding the article: the reader copy's root, or the live page's body. */
export function articleRoot(doc: Document): Element {
  return doc.querySelector('article') ?? doc.body;
}
