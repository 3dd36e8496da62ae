import { afterEach, describe, expect, test, vi } from 'vitest';
import { readPageImage } from '@/components/toolbar';
import { articleImageUrls } from '@/utils/services';

const PAGE = 'https://news.example/2026/ferry';

afterEach(() => vi.unstubAllGlobals());

describe('readPageImage (content script, no host access)', () => {
  test("reads only the page's own origin: another site is refused without a request", async () => {
    const fetch = vi.fn();
    vi.stubGlobal('fetch', fetch);
    for (const url of [
      'https://cdn.example/a.png',
      'http://news.example/a.png',
      'data:image/png;base64,AA==',
    ]) {
      const read = await readPageImage(url, PAGE);
      expect(read.ok).toBe(false);
    }
    expect(fetch).not.toHaveBeenCalled();
  });

  test("answers the page's own picture as base64, and refuses what is not a storable picture", async () => {
    const bytes = new Uint8Array([137, 80, 78, 71]);
    const fetch = vi.fn(async (url: string, _init?: RequestInit) =>
      url.endsWith('.svg')
        ? new Response('<svg/>', { headers: { 'content-type': 'image/svg+xml' } })
        : new Response(bytes, { headers: { 'content-type': 'image/png; charset=binary' } }),
    );
    vi.stubGlobal('fetch', fetch);
    expect(await readPageImage('https://news.example/img/a.png', PAGE)).toEqual({
      ok: true,
      value: { type: 'image/png', base64: 'iVBORw==' },
    });
    expect((await readPageImage('https://news.example/img/logo.svg', PAGE)).ok).toBe(false);
    expect(fetch.mock.calls[0]?.[1]).toMatchObject({ credentials: 'same-origin', cache: 'force-cache' });
  });
});

test('articleImageUrls: each http(s) picture once, the lead image too, nothing else', () => {
  const html =
    '<p>x</p><img src="https://cdn.example/a.png"><img src="https://cdn.example/a.png"><img alt="no src"><img src="blob:https://x/1">';
  expect(articleImageUrls(html, 'https://cdn.example/lead.jpg')).toEqual([
    'https://cdn.example/a.png',
    'https://cdn.example/lead.jpg',
  ]);
});
