// @vitest-environment jsdom
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { createSanitiser, extractArticle, extractFromHtml } from '@/utils/extraction';
import { extractOwnedDocument } from '../../../utils/extraction/extract-article';
import { loadFixtures } from '../../fixtures/extraction/corpus';

const sanitise = createSanitiser(new JSDOM('').window as unknown as Window & typeof globalThis);
const SAFE_URL = /^(?:https?:|mailto:|#)/i;

/** Elements and attributes in `html` that could run code: parsed, so escaped text does not count. */
const checker = new JSDOM('').window.document;

function unsafeParts(html: string): string[] {
  const template = checker.createElement('template');
  template.innerHTML = html;
  const found: string[] = [];
  for (const el of template.content.querySelectorAll('*')) {
    if (/^(script|iframe|object|embed|frame|form|style|base|meta|link)$/i.test(el.localName))
      found.push(el.localName);
    for (const { name, value } of el.attributes) {
      if (/^on/i.test(name)) found.push(`${el.localName}[${name}]`);
      if (/^(href|src|xlink:href|action|formaction|poster|cite)$/i.test(name) && !SAFE_URL.test(value.trim()))
        found.push(`${el.localName}[${name}=${value.slice(0, 30)}]`);
    }
  }
  return found;
}

const prose = Array.from(
  { length: 6 },
  (_, i) =>
    `<p>Paragraph ${i}: a long enough sentence about rivers, bridges and the towns that grew around them.</p>`,
).join('');

const hostileArticle = `<html><head><title>t</title></head><body><article>${prose}
<p><a href=" JavaScript:alert(1)">a</a> <a href="vbscript:msgbox(1)">b</a> <a href="data:text/html,<script>alert(1)</script>">c</a>
<img src="x" onerror="alert(1)"> <svg onload="alert(1)"></svg> <iframe src="javascript:alert(1)"></iframe>
The sources are <a href="/relative/link" onclick="steal()">relative</a>, <a href="#section">fragment</a> and <a href="mailto:a@b.example">mail</a> links in a sentence of the story.</p>
<script>alert(1)</script><details open ontoggle="alert(1)"><summary>more</summary>${prose}</details>
<div class="newsletter" onclick="steal()"><p>Sign up for our weekly letter.</p><a href="javascript:alert(1)">go</a><img src="x" onerror="alert(2)"></div>
${prose}</article></body></html>`;

describe('invariants', () => {
  it('never mutates the input document', () => {
    for (const { html, expected } of loadFixtures()) {
      const { document } = new JSDOM(html).window;
      const before = document.documentElement.outerHTML;
      extractArticle(document, { url: expected.url, sanitise });
      expect(document.documentElement.outerHTML).toBe(before);
    }
  });

  it('lets no script, handler or unsafe URL through, with or without DOMPurify', () => {
    const { document } = new JSDOM(hostileArticle).window;
    const purified = extractArticle(document, { url: 'https://example.org/post', sanitise });
    const scrubbed = extractFromHtml(hostileArticle, { url: 'https://example.org/post' });
    for (const article of [purified, scrubbed]) {
      expect(unsafeParts(article.contentHtml)).toEqual([]);
      expect(article.removed.map((block) => block.label)).toContain('newsletter box');
      for (const block of article.removed) expect(unsafeParts(block.html)).toEqual([]);
      expect(article.contentHtml).toContain('href="https://example.org/relative/link"');
      expect(article.contentHtml).toContain('href="#section"');
      expect(article.contentHtml).toContain('href="mailto:a@b.example"');
    }
  });

  // jsdom implements no named-property clobbering, so the test does what a browser does: own
  // properties that shadow the DOM's getters and methods, on the form (which prepare replaces)
  // and on the caller's document (which the pipeline only copies). A browser's clobbering of the
  // copy is live and ends when prepare drops the names; an own property would not, so the copy
  // is not clobbered here.
  it('survives DOM clobbering by named controls and images', () => {
    const html = `<html><head><title>Clobbered</title></head><body><img name="x"><form id="f"><input name="parentNode">${prose}</form></body></html>`;
    const { document } = new JSDOM(html).window;
    const input = document.querySelector('input')!;
    const img = document.querySelector('img')!;
    const clobber = (target: object, names: string[], value: unknown) => {
      for (const name of names) Object.defineProperty(target, name, { value, configurable: true });
    };
    const owned = document.implementation.createHTMLDocument('');
    owned.replaceChild(owned.importNode(document.documentElement, true), owned.documentElement);
    clobber(
      owned.querySelector('form')!,
      [
        'parentNode',
        'firstChild',
        'firstElementChild',
        'nextElementSibling',
        'tagName',
        'getAttribute',
        'getElementsByTagName',
        'replaceWith',
      ],
      owned.querySelector('input'),
    );
    clobber(
      document,
      ['cloneNode', 'documentElement', 'body', 'title', 'querySelectorAll', 'getElementsByTagName'],
      img,
    );
    expect(input).toBeTruthy();

    const viaCopy = extractArticle(document, { url: 'https://example.org/a', sanitise });
    expect(viaCopy.textContent).toContain('Paragraph 5');
    const inPlace = extractOwnedDocument(owned, { url: 'https://example.org/a', sanitise });
    expect(inPlace.textContent).toContain('Paragraph 5');
    expect(inPlace.title).toBe('Clobbered');
  });

  const payloadsFile = path.resolve(process.cwd(), '../shared/corpora/xss-payloads/dompurify-fixtures.json');
  const hasPayloads = existsSync(payloadsFile);
  if (!hasPayloads) console.warn(`XSS payload test skipped: ${payloadsFile} not found`);

  it.skipIf(!hasPayloads)(
    "keeps DOMPurify's own payloads out of contentHtml and the removed trace",
    () => {
      const payloads = JSON.parse(readFileSync(payloadsFile, 'utf8')) as { payload: string }[];
      let dangerous = 0;
      for (const { payload } of payloads) {
        const html = `<html><body><article>${prose}<div>${payload}</div>${prose}</article><div class="comments">${payload}</div></body></html>`;
        const article = extractFromHtml(html, { url: 'https://example.org/a', sanitise });
        // The payload went through a real article, not an empty result that is trivially clean.
        expect(article.contentHtml, payload).toContain('Paragraph 5');
        expect(unsafeParts(article.contentHtml), payload).toEqual([]);
        for (const block of article.removed) expect(unsafeParts(block.html), payload).toEqual([]);
        if (unsafeParts(payload).length > 0) dangerous++;
      }
      // Control: most payloads carry parts the checker flags, so a clean result above means removal.
      expect(dangerous).toBeGreaterThan(payloads.length / 2);
    },
    60_000,
  );
});
