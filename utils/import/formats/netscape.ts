import { ImportCollector, type RawDocument } from '../collect';
import { attribute, fromUnixSeconds } from '../read-values';
import type { ParsedImport } from '../types';

/**
 * A Netscape bookmark file: every `<A HREF>` is a bookmark; Firefox's TAGS="a,b" are tags,
 * folders (`<H3>`) are not. Bookmarklets and `place:` queries are skipped like any non-web URL.
 */
export function parseNetscape(doc: Document): ParsedImport {
  const collector = new ImportCollector('netscape');
  for (const link of [...doc.querySelectorAll('a')]) collector.add(linkDocument(link, 'add_date'));
  return collector.finish();
}

/**
 * A saved link written as `<a href tags="a,b" DATE="unix seconds">Title</a>`: how both browser
 * bookmark files and Pocket's legacy export write an item.
 */
export function linkDocument(link: Element, dateAttribute: string): RawDocument {
  return {
    url: attribute(link, 'href'),
    title: link.textContent,
    tags: (attribute(link, 'tags') ?? '').split(','),
    savedAt: fromUnixSeconds(attribute(link, dateAttribute)),
  };
}
