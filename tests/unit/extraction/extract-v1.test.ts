// @vitest-environment jsdom
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, test } from 'vitest';
import { createSanitiser, extractArticle, extractFromHtml } from '@/utils/extraction';

const page = readFileSync(resolve(process.cwd(), 'tests/fixtures/pages/news-article.html'), 'utf8');
const url = 'http://127.0.0.1:8000/pages/news-article.html';

describe('extraction invariants', () => {
  test('never mutates the document it is given', () => {
    const doc = new DOMParser().parseFromString(page, 'text/html');
    const before = doc.documentElement.outerHTML;
    const article = extractArticle(doc, { url });
    expect(article.textContent).toContain('The town council voted on Tuesday evening');
    expect(doc.documentElement.outerHTML).toBe(before);
  });

  test('no script, event handler or javascript: URL survives the sanitiser', () => {
    const hostile = page.replace(
      '<h2>What it will cost</h2>',
      `<h2>What it will cost</h2>
       <script>window.hit = 1</script>
       <p onclick="alert(1)">Click <a href="  JaVaScRiPt:alert(1)">here</a> or <a href="java&#x09;script:alert(2)">there</a>
       <img src="x" onerror="alert(3)"><svg><a xlink:href="javascript:alert(4)"><text>svg</text></a></svg>
       <a href="data:text/html,<script>alert(5)</script>">data</a> <a href="vbscript:msgbox(6)">vb</a>
       <iframe srcdoc="<script>alert(7)</script>"></iframe><a href="mailto:desk@news.example">mail</a>
       <a href="#costs">jump</a></p>`,
    );
    const article = extractFromHtml(hostile, { url, sanitise: createSanitiser(window) });
    const html = article.contentHtml;
    expect(html).not.toMatch(/<script|<iframe|srcdoc/i);
    expect(html).not.toMatch(/\son[a-z]+\s*=/i);
    expect(html).not.toMatch(/javascript:|vbscript:|data:text/i);
    expect(html).toContain('href="mailto:desk@news.example"');
    expect(html).toContain('href="#costs"');
  });

  test('createSanitiser refuses a window where DOMPurify would do nothing', async () => {
    const { parseHTML } = await import('linkedom');
    expect(() => createSanitiser(parseHTML('<p></p>').window as never)).toThrow(/DOMPurify/);
  });
});
