import { describe, expect, test } from 'vitest';
import { articleKey, sameOrigin } from '@/utils/model';

describe('articleKey: which article a page is', () => {
  test("is the page's own address, normalised, when it declares nothing", () => {
    expect(articleKey('https://news.example/a/?utm_source=x#top', null)).toBe('https://news.example/a');
  });

  test('hears a canonical the page declares on its own origin (a variant merges with its article)', () => {
    expect(articleKey('https://news.example/amp/a?s=1', 'https://news.example/a/')).toBe(
      'https://news.example/a',
    );
  });

  test('ignores a canonical on another origin: another host, port, or scheme', () => {
    for (const claim of [
      'https://bank.example/a',
      'https://news.example:8443/a',
      'http://news.example/a',
      'https://sub.news.example/a',
    ])
      expect(articleKey('https://news.example/a', claim)).toBe('https://news.example/a');
    expect(articleKey('http://127.0.0.1:4001/a', 'http://127.0.0.1:4002/b')).toBe('http://127.0.0.1:4001/a');
  });

  test('ignores a declared value that is not a web address, and refuses a page that is not one', () => {
    expect(articleKey('https://news.example/a', 'javascript:alert(1)')).toBe('https://news.example/a');
    expect(articleKey('https://news.example/a', 'not a url')).toBe('https://news.example/a');
    expect(articleKey('file:///home/me/a.html', 'https://news.example/a')).toBeNull();
    expect(articleKey('chrome-extension://id/reader.html', null)).toBeNull();
  });
});

describe('sameOrigin', () => {
  test('compares scheme, host and port of http(s) URLs only', () => {
    expect(sameOrigin('https://A.example/x', 'https://a.example:443/y')).toBe(true);
    expect(sameOrigin('https://a.example/x', 'http://a.example/x')).toBe(false);
    expect(sameOrigin('data:text/html,x', 'data:text/html,x')).toBe(false);
    expect(sameOrigin('', 'https://a.example/')).toBe(false);
  });
});
