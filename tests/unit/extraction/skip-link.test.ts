import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { extractFromHtml, preparedRemovals } from '@/utils/extraction';

const url = 'https://example.org/harbour';
const prose = (topic: string) =>
  Array.from(
    { length: 4 },
    (_, i) =>
      `<p>${topic} note ${i}: the harbour master logged the tide, the ferry times and the weather over the breakwater.</p>`,
  ).join('');

const removedBySkipRule = (html: string) => {
  const { document } = parseHTML(html);
  return preparedRemovals(document as unknown as Document, url)
    .filter((removal) => removal.rule === 'skip-link')
    .map((removal) => removal.el.textContent?.trim());
};

describe('skip links', () => {
  const page = (header: string, article: string) =>
    `<html><body>${header}<nav><a href="/">Home</a> <a href="/tides">Tides</a></nav><main id="content"><h1>Tide tables</h1>${article}</main></body></html>`;

  it('removes the in-page link that opens the page and points ahead at the content', () => {
    const html = page('<a href="#content">Vers le contenu</a>', prose('Spring'));
    expect(removedBySkipRule(html)).toEqual(['Vers le contenu']);
    expect(extractFromHtml(html, { url }).textContent).not.toContain('Vers le contenu');
  });

  it('removes a group of skip links, and one that opens the article container', () => {
    const group = page(
      '<ul><li><a href="#content">Til indhold</a></li><li><a href="#site-nav">Til menu</a></li></ul><p>Harbour office</p><div id="site-nav"></div>',
      `<article><a href="#body">Zum Text</a><div id="body">${prose('Neap')}</div></article>`,
    );
    expect(removedBySkipRule(group)).toEqual(['Til indhold', 'Til menu', 'Zum Text']);
  });

  it('keeps a table of contents of links to the article sections', () => {
    const html = page(
      '',
      `<ul><li><a href="#spring">Spring tides</a></li><li><a href="#neap">Neap tides</a></li></ul>
       <section id="spring"><h2>Spring tides</h2>${prose('Spring')}</section>
       <h2 id="neap">Neap tides</h2>${prose('Neap')}`,
    );
    expect(removedBySkipRule(html)).toEqual([]);
    const text = extractFromHtml(html, { url }).textContent;
    expect(text).toContain('Spring tides');
    expect(text).toContain('Neap tides');
  });

  it('keeps footnote references and their back-links', () => {
    const html = page(
      '',
      `${prose('Spring')}<p>The gauge was moved in 1932<sup><a href="#fn1" id="ref1">1</a></sup> after a storm.</p>
       <ol><li id="fn1">Records of the harbour board. <a href="#ref1">↩</a></li></ol>`,
    );
    expect(removedBySkipRule(html)).toEqual([]);
    const text = extractFromHtml(html, { url }).textContent;
    expect(text).toContain('Records of the harbour board. ↩');
  });

  it('keeps a link whose target is missing or comes before it', () => {
    const html = page('<a href="#nowhere">Al contenido</a>', `<div id="top"></div>${prose('Spring')}`);
    expect(removedBySkipRule(html)).toEqual([]);
  });
});
