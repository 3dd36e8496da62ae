// @vitest-environment jsdom
// DOMPurify needs a faithful DOM, and Turndown a DOMParser: jsdom gives both.
import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { imageFilePath, replaceImageSources, toMarkdownZip, toStandaloneHtml } from '@/utils/export';
import { createSanitiser } from '@/utils/extraction';
import { base64ToBytes, type ImageBytes } from '@/utils/model';
import { makeExtracted } from '../../support/articles';

const sanitise = createSanitiser(window as unknown as Parameters<typeof createSanitiser>[0]);
// A real 1×1 PNG (our own bytes: a single transparent pixel, written out by hand).
const PNG = base64ToBytes(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
);
const HASH = 'a'.repeat(64);
const image: ImageBytes = { hash: HASH, type: 'image/png', bytes: PNG };
const src = 'https://cdn.example/bridge.png?w=1600&q=80';
const html = `<p>The bridge at dawn.</p><figure><img src="${src.replace('&', '&amp;')}" alt="Bridge > river"></figure><img src="https://cdn.example/other.jpg" alt="">`;
const meta = {
  ...makeExtracted(),
  id: 'article-1',
  tags: [],
  favourite: 0 as const,
  archived: 0 as const,
  savedAt: 1,
  updatedAt: 1,
  readAt: null,
  progress: 0,
};
const content = {
  articleId: 'article-1',
  contentHtml: html,
  textContent: 'The bridge at dawn.',
  removed: [],
};

describe('replaceImageSources', () => {
  it('replaces only the listed pictures, matching the decoded URL, and escapes the new value', () => {
    const out = replaceImageSources(html, new Map([[src, 'data:image/png;base64,AA&"']]));
    expect(out).toContain('<img src="data:image/png;base64,AA&amp;&quot;" alt="Bridge > river">');
    expect(out).toContain('<img src="https://cdn.example/other.jpg" alt="">');
    expect(out).toContain('<p>The bridge at dawn.</p>');
  });
});

describe('HTML export', () => {
  it('inlines stored pictures as data: URLs after sanitising; others keep their address', () => {
    const dataUrl = `data:image/png;base64,${Buffer.from(PNG).toString('base64')}`;
    const out = toStandaloneHtml(meta, content, [], sanitise, { images: new Map([[src, dataUrl]]) });
    const doc = new window.DOMParser().parseFromString(out, 'text/html');
    const imgs = [...doc.querySelectorAll('article img')].map((img) => img.getAttribute('src'));
    expect(imgs).toEqual([dataUrl, 'https://cdn.example/other.jpg']);
  });
});

describe('Markdown zip', () => {
  it('puts each stored picture once in images/ and links it relatively from every article', async () => {
    const second = { ...meta, id: 'article-2', title: 'Second look at the bridge' };
    const zipped = await toMarkdownZip(
      [
        { meta, content, highlights: [], images: [{ url: src, hash: HASH }] },
        {
          meta: second,
          content: { ...content, articleId: 'article-2' },
          highlights: [],
          images: [{ url: src, hash: HASH }],
        },
      ],
      { images: new Map([[HASH, image]]) },
    );
    if (!zipped.ok) throw new Error(JSON.stringify(zipped.error));
    const files = unzipSync(zipped.value);
    const path = imageFilePath(image);
    expect(path).toBe(`images/${HASH}.png`);
    expect(Object.keys(files).sort()).toEqual(
      [path, `${meta.title}.md`, 'Second look at the bridge.md'].sort(),
    );
    expect([...files[path]!]).toEqual([...PNG]);
    const markdown = strFromU8(files[`${meta.title}.md`]!);
    expect(markdown).toContain(`](${path})`);
    expect(markdown).toContain('](https://cdn.example/other.jpg)');
  });
});
