// @vitest-environment jsdom
// Real article HTML (Readability's expected outputs for its test pages) through both exporters.
// The suite exports every third page in name order (44 of 130: a fixed selection, the same on
// every machine; the exporters' own work, about 0.15 CPU-s a page, is this file's whole cost);
// `EXPORT_CORPUS_EVERY=1` exports all of them.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { toMarkdown, toStandaloneHtml } from '@/utils/export';
import { createSanitiser } from '@/utils/extraction';
import type { Highlight } from '@/utils/model';
import { frontMatterOf, loadFixture } from './load-fixture';

const corpus = path.resolve(process.cwd(), '../shared/corpora/readability-test-pages');
const present = existsSync(corpus);
if (!present) console.warn(`skipped: Readability test pages not found at ${corpus}`);

describe.skipIf(!present)('exporting the Readability test pages', () => {
  const sanitise = createSanitiser(window as unknown as Parameters<typeof createSanitiser>[0]);
  const every = Number(process.env.EXPORT_CORPUS_EVERY ?? 3);
  const pages = present
    ? readdirSync(corpus)
        .filter((name) => existsSync(path.join(corpus, name, 'expected.html')))
        .sort()
        .filter((_, index) => index % every === 0)
    : [];

  it('exports every page chosen, with a highlight from the middle of its text placed in nearly all', {
    timeout: 120_000,
  }, () => {
    const { meta, content } = loadFixture('kettle');
    let markdownPlaced = 0;
    let htmlPlaced = 0;
    const problems: string[] = [];
    for (const page of pages) {
      const contentHtml = sanitise(readFileSync(path.join(corpus, page, 'expected.html'), 'utf8'));
      const info = JSON.parse(readFileSync(path.join(corpus, page, 'expected-metadata.json'), 'utf8'));
      const doc = new window.DOMParser().parseFromString(contentHtml, 'text/html');
      const text = (doc.body.textContent ?? '').replace(/\s+/g, ' ').trim();
      const start = Math.floor(text.length / 2);
      const exact = text.slice(start, start + 40).trim();
      const highlight: Highlight = {
        id: 'h',
        articleId: meta.id,
        color: 'blue',
        note: `note for ${page}`,
        quote: {
          type: 'TextQuoteSelector',
          exact,
          prefix: text.slice(start - 32, start),
          suffix: text.slice(start + 40, start + 72),
        },
        position: { type: 'TextPositionSelector', start, end: start + exact.length },
        createdAt: 0,
        updatedAt: 0,
      };
      const pageMeta = {
        ...meta,
        title: info.title ?? page,
        byline: info.byline ?? null,
        url: `https://example.com/${page}/`,
      };
      const markdown = toMarkdown(pageMeta, { ...content, contentHtml }, [highlight], {
        inlineHighlights: true,
      });
      if (parse(frontMatterOf(markdown)).title !== pageMeta.title) problems.push(`${page}: front matter`);
      if (/\]\((?!https?:|mailto:)/.test(markdown)) problems.push(`${page}: a link that is not absolute`);
      if (!markdown.includes(`note for ${page}`)) problems.push(`${page}: note lost in Markdown`);
      if (markdown.includes('[^h1]:')) markdownPlaced++;
      const html = toStandaloneHtml(pageMeta, { ...content, contentHtml }, [highlight], sanitise);
      const out = new window.DOMParser().parseFromString(html, 'text/html');
      if (out.querySelector('script, iframe, object, embed, [onerror], [onload]'))
        problems.push(`${page}: active content`);
      if (!out.querySelector('section.notes')?.textContent?.includes(`note for ${page}`))
        problems.push(`${page}: note lost in HTML`);
      if (out.querySelector('article mark')) htmlPlaced++;
    }
    expect(problems).toEqual([]);
    expect(pages.length).toBeGreaterThan(120 / every);
    console.log(
      `highlight marked in the text: Markdown ${markdownPlaced}/${pages.length}, HTML ${htmlPlaced}/${pages.length}`,
    );
    // Misses are expected where Markdown cannot mark (code, tables kept as HTML) or HTML must not (MathML).
    expect(markdownPlaced / pages.length).toBeGreaterThan(0.9);
    expect(htmlPlaced / pages.length).toBeGreaterThan(0.95);
  });
});
