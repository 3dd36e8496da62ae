import { afterEach, describe, expect, it } from 'vitest';
import { type ExtractModel, extractFromHtml, extractModel, parsePage } from '@/utils/extraction';

// Our own prose: a thread about a harbour ferry timetable.
const post = (n: number) =>
  `Post ${n}: the winter timetable moved the first crossing to seven, and the harbour office says the change holds until the spring tides, when the old slot comes back for good.`;
const url = 'https://harbour-forum.example/t/winter-timetable/41';

describe('page-type treatments and the safety nets that keep a page from reading worse than Readability', () => {
  const model = extractModel() as ExtractModel;
  const saved = { gentle: model.gentlePrepare, restore: model.restoreRemovals };
  afterEach(() => {
    model.gentlePrepare = saved.gentle;
    model.restoreRemovals = saved.restore;
  });

  it("keeps every post of a thread whose list item holds the post's blockquote", () => {
    const items = [1, 2, 3, 4]
      .map(
        (n) =>
          `<li class="message"><div class="author">member${n}</div><blockquote>${post(n)}</blockquote></li>`,
      )
      .join('');
    const article = extractFromHtml(`<html><body><ol class="messageList">${items}</ol></body></html>`, {
      url,
    });
    for (const n of [1, 2, 3, 4]) expect(article.textContent).toContain(`Post ${n}:`);
  });

  it('reads the body of a page that writes an element between </head> and <body>', () => {
    const html = `<!doctype html><html><head><title>Winter timetable</title></head><noscript><img src="/pixel.gif"></noscript><body><article><p>${post(1)}</p><p>${post(2)}</p></article></body></html>`;
    const article = extractFromHtml(html, { url });
    expect(article.textContent).toContain('Post 1:');
    expect(article.textContent).toContain('Post 2:');
  });

  it('prepares a page that leaves out <html> (or writes an element before it, or a second one inside it) as the same page with one', () => {
    const head = '<head><title>Winter timetable</title></head>';
    const body = `<body><article><p>${post(1)}</p><p>${post(2)}</p><div class="newsletter"><p>Sign up for the harbour newsletter and never miss a sailing.</p></div><p>${post(3)}</p></article></body>`;
    const whole = extractFromHtml(`<!DOCTYPE html><html>${head}${body}</html>`, { url });
    expect(whole.textContent).not.toContain('Sign up');
    expect(whole.removed.map((block) => block.label)).toContain('newsletter box');
    for (const html of [
      `<!DOCTYPE html>\n${head}\n${body}`,
      `<style>p{}</style><html>${head}${body}</html>`,
      `<!DOCTYPE html><html lang="en"><html lang="en">${head}${body}</html></html>`,
    ]) {
      const article = extractFromHtml(html, { url });
      expect(article.textContent).toBe(whole.textContent);
      expect(article.removed).toEqual(whole.removed);
      expect(article.title).toBe('Winter timetable');
    }
  });

  it('reads what a page writes after a </body> that came too early, as a browser does', () => {
    const html = `<html><head><title>Winter timetable</title></head><body><header><a href="/">Harbour forum</a></header><article><p>${post(1)}</p></body><div class="thread"><p>${post(2)}</p><p>${post(3)}</p></div></article></html>`;
    // Where a browser puts it: inside the <article> still open at the </body>, not after the body.
    const article = parsePage(html).querySelector('article');
    expect(article?.querySelectorAll('p')).toHaveLength(3);
    expect(article?.nextSibling).toBeNull();
    const extracted = extractFromHtml(html, { url });
    for (const n of [1, 2, 3]) expect(extracted.textContent).toContain(`Post ${n}:`);
  });

  it('reads what a page writes inside <head> from its first element a head cannot hold, in the body, as a browser does', () => {
    // A browser ends the head at the <div>: it and everything after it (the <link> too) go into the body.
    const html = `<html><head><title>Winter timetable</title><meta name="x" content="y"><div class="thread"><p>${post(1)}</p><p>${post(2)}</p><p>${post(3)}</p></div><link rel="stylesheet" href="/late.css"></head><body><footer><a href="/">Harbour forum</a></footer></body></html>`;
    const extracted = extractFromHtml(html, { url });
    for (const n of [1, 2, 3]) expect(extracted.textContent).toContain(`Post ${n}:`);
  });

  it('reads the body after a lone <![CDATA[ as a browser does: a comment up to the next ">"', () => {
    const script = 'var opened = "<![CDATA[ kept as the script wrote it";';
    const html = `<html><head><title>Winter timetable</title><script>${script}</script></head><body><![CDATA[ theme marker <div class="wrapper"><!-- <![CDATA[ in a comment --><svg><text><![CDATA[a<b]]></text></svg><article><p>${post(1)}</p><p>${post(2)}</p></article></div></body></html>`;
    const document = parsePage(html);
    // The browser's comment holds what came before the first ">", and the wrapper follows it.
    const comment = [...document.body.childNodes].find((node) => node.nodeType === 8);
    expect(comment?.textContent).toBe('[CDATA[ theme marker <div class="wrapper"');
    expect(document.querySelectorAll('article p')).toHaveLength(2);
    // Raw text, comments and SVG are left as they were written.
    expect(document.querySelector('script')?.textContent).toBe(script);
    expect(document.body.innerHTML).toContain('<!-- <![CDATA[ in a comment -->');
    expect(document.querySelector('svg')?.innerHTML).toContain('[CDATA[a<b]]');
    const extracted = extractFromHtml(html, { url });
    for (const n of [1, 2]) expect(extracted.textContent).toContain(`Post ${n}:`);
  });

  it('prepares again without the rules when they leave no article text', () => {
    // A theme that names every component "cmp-…": the cookie rule matches each block.
    const blocks = [1, 2, 3].map((n) => `<div class="cmp-text"><p>${post(n)}</p></div>`).join('');
    const article = extractFromHtml(
      `<html><body><main class="cmp-container">${blocks}</main></body></html>`,
      {
        url,
      },
    );
    expect(article.textContent).toContain('Post 1:');
    expect(article.textContent).toContain('Post 3:');
  });

  it('reads a script-rendered thread from its <noscript> copy when the page shows no text without it (Discourse)', () => {
    const posts = [1, 2, 3]
      .map(
        (n) =>
          `<div class="topic-body crawler-post"><span class="creator">member${n}</span><div class="post"><p>${post(n)}</p></div></div>`,
      )
      .join('');
    const html = `<html><body><div id="app"></div><noscript><div id="main-outlet"><h1>Winter timetable</h1>${posts}</div></noscript><script>start()</script></body></html>`;
    const article = extractFromHtml(html, { url });
    for (const n of [1, 2, 3]) expect(article.textContent).toContain(`Post ${n}:`);
  });

  it('a <noscript> notice alone is no article', () => {
    const html = `<html><body><div id="app"></div><noscript><p>Please turn on JavaScript to read this thread.</p></noscript></body></html>`;
    expect(() => extractFromHtml(html, { url })).toThrow(/No article text/);
  });

  it('a page of menus has no article, with or without the rules', () => {
    const menu = '<nav><a href="/">Home</a> | <a href="/about">About us</a> · <a href="/news">News</a></nav>';
    expect(() => extractFromHtml(`<html><body>${menu}</body></html>`, { url })).toThrow(/No article text/);
  });

  it("prepares a page type listed in the model's gentlePrepare without the removal rules", () => {
    const html = `<html><body><div id="thread"><p>${post(1)} ${post(2)}</p><div class="responses"><p>${post(3)}</p></div><p>${post(4)} ${post(5)}</p></div></body></html>`;
    model.gentlePrepare = [];
    model.restoreRemovals = [];
    const withRules = extractFromHtml(html, { url });
    expect(withRules.textContent).not.toContain('Post 3:');
    model.gentlePrepare = [withRules.pageType];
    const gentle = extractFromHtml(html, { url });
    expect(gentle.textContent).toContain('Post 3:');
    expect(gentle.removed.some((block) => block.rule === 'comments')).toBe(false);
  });
});
