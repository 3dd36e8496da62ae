import { describe, expect, it } from 'vitest';
import { extractFromHtml } from '@/utils/extraction';

const prose = (n: number) =>
  Array.from(
    { length: n },
    (_, i) =>
      `<p>The estuary paragraph ${i} is long enough to be prose, with commas, clauses and a stop.</p>`,
  ).join('\n');
const url = 'https://news.example/estuary';
const extract = (body: string) =>
  extractFromHtml(`<html lang="en"><body><article><h1>Estuary</h1>${body}</article></body></html>`, { url });
const srcs = (html: string) => [...html.matchAll(/<img[^>]*\ssrc="([^"]+)"/g)].map((m) => m[1]);

describe('tracking pixels are dropped at extraction', () => {
  it('drops 1×1, tiny, invisible and tracker-host images and keeps the picture', () => {
    const article = extract(`${prose(2)}
      <figure><img src="/img/heron.jpg" width="800" height="533" alt="A heron"></figure>
      <img src="https://cdn.example/p.gif" width="1" height="1" alt="">
      <img src="https://cdn.example/tiny.png" style="width:2px;height:2px" alt="">
      <img src="https://cdn.example/zero.png" height="0" alt="">
      <img src="https://cdn.example/ghost.png" style="opacity:0" alt="">
      <img src="https://cdn.example/offscreen.png" style="position:absolute;left:-9999px" alt="">
      <img src="https://pixel.wp.com/g.gif?blog=1" alt="">
      <img src="https://www.facebook.com/tr?id=1&amp;ev=PageView" alt="">
      ${prose(3)}`);
    expect(srcs(article.contentHtml)).toEqual(['https://news.example/img/heron.jpg']);
  });

  it('keeps pictures that only look small or come from a host that also serves content', () => {
    const article = extract(`${prose(2)}
      <img src="/icons/badge.png" width="24" height="24" alt="Badge">
      <img src="https://www.facebook.com/photos/harbour.jpg" alt="Harbour">
      <img src="/img/wide.jpg" width="1200" alt="Wide">${prose(3)}`);
    expect(srcs(article.contentHtml)).toEqual([
      'https://news.example/icons/badge.png',
      'https://www.facebook.com/photos/harbour.jpg',
      'https://news.example/img/wide.jpg',
    ]);
  });
});

describe('srcset: the candidate that fits the reader', () => {
  it('takes the narrowest width candidate at least 1600 px wide, else the widest', () => {
    const article = extract(`${prose(2)}
      <img src="/img/a-400.jpg" srcset="/img/a-400.jpg 400w, /img/a-1600.jpg 1600w, /img/a-3200.jpg 3200w" alt="A">
      <img src="/img/b-400.jpg" srcset="/img/b-400.jpg 400w, /img/b-1000.jpg 1000w" alt="B">
      <img src="/img/c.jpg" srcset="/img/c.jpg 1x, /img/c@2x.jpg 2x, /img/c@3x.jpg 3x" alt="C">
      ${prose(3)}`);
    expect(srcs(article.contentHtml)).toEqual([
      'https://news.example/img/a-1600.jpg',
      'https://news.example/img/b-1000.jpg',
      'https://news.example/img/c@2x.jpg',
    ]);
    expect(article.contentHtml).not.toContain('srcset');
  });
});
