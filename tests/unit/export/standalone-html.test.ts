// @vitest-environment jsdom
// DOMPurify needs a faithful DOM: jsdom's window gives the sanitiser the extension uses.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { toStandaloneHtml } from '@/utils/export';
import { createSanitiser } from '@/utils/extraction';
import type { Highlight } from '@/utils/model';
import { expected, FIXTURE_NAMES, loadFixture } from './load-fixture';

const sanitise = createSanitiser(window as unknown as Parameters<typeof createSanitiser>[0]);
const STYLE_PLACEHOLDER = '<style>/* the stylesheet, checked apart */</style>';
const CSP = "default-src 'none'; img-src https: http: data:; style-src 'unsafe-inline'";

function parseHtml(html: string): Document {
  return new window.DOMParser().parseFromString(html, 'text/html');
}

/** Everything in an exported file that could run code or load something other than an image. */
function activeContent(doc: Document): string[] {
  const found: string[] = [];
  for (const el of Array.from(doc.querySelectorAll('*'))) {
    const tag = el.tagName.toLowerCase();
    if (['script', 'iframe', 'object', 'embed', 'form', 'base', 'link', 'frame'].includes(tag))
      found.push(tag);
    if (tag === 'meta' && el.getAttribute('http-equiv')?.toLowerCase() === 'refresh')
      found.push('meta refresh');
    for (const attr of Array.from(el.attributes)) {
      if (/^on/i.test(attr.name)) found.push(`${tag}[${attr.name}]`);
      if (/href|src|action/i.test(attr.name) && /^\s*(javascript|data:text|vbscript)/i.test(attr.value))
        found.push(`${tag}[${attr.name}=${attr.value}]`);
    }
  }
  return found;
}

/** The exported article without the markup highlighting added. */
function unmark(body: string): string {
  return body
    .replace(/<mark class="hl hl-[a-z]+" title="[^"]*">|<\/mark>/g, '')
    .replace(/<sup class="ref">\d+<\/sup>(<span class="sidenote"><b>\d+\.<\/b> [^<]*<\/span>)?/g, '');
}

describe('toStandaloneHtml', () => {
  it.each(FIXTURE_NAMES)('writes %s as expected', (name) => {
    const { meta, content, highlights } = loadFixture(name);
    const html = toStandaloneHtml(meta, content, highlights, sanitise);
    // The stylesheet is the same in every file: the expected files leave it out, and it is checked apart.
    expect(html.replace(/<style>[\s\S]*?<\/style>/, STYLE_PLACEHOLDER)).toBe(
      expected(`${name}.expected.html`),
    );
  });

  it('has the strict CSP first after the charset, and no script of its own', () => {
    const { meta, content, highlights } = loadFixture('kettle');
    const html = toStandaloneHtml(meta, content, highlights, sanitise);
    const doc = parseHtml(html);
    const head = Array.from(doc.head.children);
    expect(head[0]?.getAttribute('charset')).toBe('utf-8');
    expect(head[1]?.getAttribute('http-equiv')).toBe('Content-Security-Policy');
    expect(head[1]?.getAttribute('content')).toBe(CSP);
    expect(activeContent(doc)).toEqual([]);
    // Print: notes become the numbered list, margin notes go; marks keep their colours on paper.
    const style = doc.querySelector('style')?.textContent ?? '';
    expect(style).toMatch(/@media print \{[^@]*\.sidenote \{ display: none; \}/);
    expect(style).toContain('print-color-adjust: exact');
    expect(style).not.toMatch(/url\(|@import/);
  });

  it('removes every script from a hostile article and escapes hostile metadata and notes', () => {
    const { meta, content, highlights } = loadFixture('hostile');
    const doc = parseHtml(toStandaloneHtml(meta, content, highlights, sanitise));
    expect(activeContent(doc)).toEqual([]);
    expect(doc.querySelector('h1')?.textContent).toBe(meta.title);
    expect(doc.querySelector('.byline')?.textContent).toContain(meta.siteName);
    const notes = Array.from(doc.querySelectorAll('.sidenote, .note')).map((n) => n.textContent);
    expect(notes.join('\n')).toContain('<script>alert("note")</script>');
    // An unknown colour from an edited backup must not reach the class attribute.
    for (const mark of Array.from(doc.querySelectorAll('mark')))
      expect(mark.className).toMatch(/^hl hl-(yellow|green|blue|pink|purple)$/);
  });

  it('marks highlights in the text, numbers them in reading order, and lists every one', () => {
    const { meta, content, highlights } = loadFixture('kettle');
    const doc = parseHtml(toStandaloneHtml(meta, content, highlights, sanitise));
    const marked = Array.from(doc.querySelectorAll('article mark')).map((m) => m.textContent);
    expect(marked).toEqual([
      'boil quietly',
      '. Before the water rolls',
      'That collapse is the hiss you hear.',
      'a kettle that is nearly ready',
      'return temp >= 100',
    ]);
    // The second "a kettle that is nearly ready" (in the blockquote) is the one the prefix points at.
    expect(doc.querySelector('article blockquote mark')?.textContent).toBe('a kettle that is nearly ready');
    const items = Array.from(doc.querySelectorAll('section.notes li'));
    expect(items).toHaveLength(highlights.length);
    expect(items.at(-1)?.textContent).toContain('not found in the text');
  });

  it('marks text next to attributes holding ">" and across character references', () => {
    const { meta, content } = loadFixture('kettle');
    const contentHtml = '<p><a href="https://x.example/" title="1 > 0">one &gt; zero</a> and&nbsp;more</p>';
    const quote = 'one > zero and\u00a0more';
    const highlight: Highlight = {
      id: 'h',
      articleId: meta.id,
      color: 'green',
      note: '',
      quote: { type: 'TextQuoteSelector', exact: quote, prefix: '', suffix: '' },
      position: { type: 'TextPositionSelector', start: 0, end: quote.length },
      createdAt: 0,
      updatedAt: 0,
    };
    const doc = parseHtml(toStandaloneHtml(meta, { ...content, contentHtml }, [highlight], sanitise));
    const marks = Array.from(doc.querySelectorAll('article mark')).map((m) => m.textContent);
    expect(marks).toEqual(['one > zero', 'and\u00a0more']);
    expect(doc.querySelector('article a')?.getAttribute('title')).toBe('1 > 0');
  });

  it('puts the number and note of a highlight inside a link after the link', () => {
    const { meta, content, highlights } = loadFixture('kettle');
    const inLink = {
      ...highlights[0]!,
      quote: {
        ...highlights[0]!.quote,
        exact: 'physics page',
        prefix: 'bubble notes, the ',
        suffix: ', an odd link',
      },
    };
    const doc = parseHtml(toStandaloneHtml(meta, content, [inLink], sanitise));
    const link = doc.querySelector('article a[href*="physics"]');
    expect(link?.querySelector('mark')?.textContent).toBe('physics page');
    expect(link?.querySelector('sup, .sidenote')).toBeNull();
    expect(link?.nextElementSibling?.matches('sup.ref')).toBe(true);
    expect(link?.nextElementSibling?.nextElementSibling?.textContent).toBe(`1. ${inLink.note}`);
  });

  const corpus = path.resolve(process.cwd(), '../shared/corpora/xss-payloads/dompurify-fixtures.json');
  if (!existsSync(corpus)) console.warn(`skipped: XSS corpus not found at ${corpus}`);
  describe.skipIf(!existsSync(corpus))('with the DOMPurify XSS corpus', () => {
    it('lets no payload through, as article, title or note, with a highlight over its text', () => {
      const payloads = JSON.parse(readFileSync(corpus, 'utf8')) as { payload: string }[];
      const { meta, content } = loadFixture('kettle');
      const failures: string[] = [];
      let marked = 0;
      for (const { payload } of payloads) {
        const text = parseHtml(payload).body.textContent ?? '';
        const quote = text.trim().slice(0, 20) || 'x';
        const highlight: Highlight = {
          id: 'h',
          articleId: meta.id,
          color: 'yellow',
          note: payload,
          quote: { type: 'TextQuoteSelector', exact: quote, prefix: '', suffix: '' },
          position: { type: 'TextPositionSelector', start: 0, end: quote.length },
          createdAt: 0,
          updatedAt: 0,
        };
        const html = toStandaloneHtml(
          { ...meta, title: payload, byline: payload, tags: [payload] },
          { ...content, contentHtml: payload },
          [highlight],
          sanitise,
        );
        const active = activeContent(parseHtml(html));
        if (active.length) failures.push(`${payload.slice(0, 80)} -> ${active.join(', ')}`);
        // Marking only adds markup: taken out again, the sanitised article is back byte for byte.
        const body = html.slice(html.indexOf('<article>\n') + 10, html.lastIndexOf('\n</article>'));
        if (body.includes('<mark ')) marked++;
        if (unmark(body) !== sanitise(payload))
          failures.push(`${payload.slice(0, 80)} -> article changed by marking`);
      }
      expect(failures).toEqual([]);
      expect(payloads.length).toBeGreaterThan(100);
      console.log(`XSS corpus: ${payloads.length} payloads, highlight marked in ${marked}`);
      expect(marked).toBeGreaterThan(payloads.length / 4);
      // Over 200 payloads each sanitised twice: seconds of work, more on a loaded two-core machine.
    }, 120_000);
  });
});

describe('toStandaloneHtml header in the reader’s language', () => {
  it('writes dates for the locale (ISO only in datetime) and the words it is given', () => {
    const { meta, content, highlights } = loadFixture('kettle');
    const html = toStandaloneHtml(meta, content, highlights, sanitise, {
      locale: 'fr',
      wording: {
        saved: (date) => `Enregistré le ${date}`,
        readingTime: (minutes) => `${minutes} min de lecture`,
        tags: (list) => `Étiquettes : ${list}`,
      },
    });
    const header = parseHtml(html).querySelector('header.meta')!;
    expect(header.querySelector('.byline')!.textContent).toContain('14 mars 2025');
    expect(header.querySelector('.facts')!.textContent).toBe(
      'Enregistré le 1 janvier 2026 · 1 min de lecture · Étiquettes : physics, kitchen',
    );
    expect(header.textContent).not.toMatch(/\d{4}-\d{2}-\d{2}/);
    expect(header.querySelector('time')!.getAttribute('datetime')).toBe('2025-03-14T09:30:00.000Z');
  });

  it('keeps an unparseable published date as the text the page gave', () => {
    const { meta, content } = loadFixture('kettle');
    const html = toStandaloneHtml({ ...meta, publishedTime: 'last Tuesday' }, content, [], sanitise);
    expect(parseHtml(html).querySelector('.byline')!.textContent).toContain('last Tuesday');
  });
});
