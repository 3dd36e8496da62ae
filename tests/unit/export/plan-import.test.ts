// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { type BackupArticle, planImport } from '@/utils/export';
import type { Highlight } from '@/utils/model';
import { loadFixture } from './load-fixture';

const kettle = loadFixture('kettle');
const rtl = loadFixture('rtl-cjk');
const parsed = {
  articles: [kettle, rtl].map(({ meta, content }): BackupArticle => ({ meta, content })),
  highlights: [...kettle.highlights, ...rtl.highlights],
};
const counter = () => {
  let n = 0;
  return () => `new-${++n}`;
};
const idsOf = (highlights: readonly Highlight[]) => highlights.map((h) => h.id);

describe('planImport', () => {
  it('puts everything as it is into an empty library', () => {
    const plan = planImport(parsed, new Map(), 'skip', { newId: counter() });
    expect(plan.deleteArticleIds).toEqual([]);
    expect(plan.putArticles).toEqual(parsed.articles.map((a) => a.meta));
    expect(plan.putContents).toEqual(parsed.articles.map((a) => a.content));
    expect(plan.putHighlights).toEqual(parsed.highlights);
    expect(plan.skipped).toEqual([]);
  });

  it("'skip' leaves out an article the library has, with its highlights, and says so", () => {
    const existing = new Map([[kettle.meta.canonicalUrl, 'lib-1']]);
    const plan = planImport(parsed, existing, 'skip', { newId: counter() });
    expect(plan.putArticles.map((a) => a.id)).toEqual([rtl.meta.id]);
    expect(idsOf(plan.putHighlights)).toEqual(idsOf(rtl.highlights));
    expect(plan.skipped).toEqual([
      {
        id: kettle.meta.id,
        canonicalUrl: kettle.meta.canonicalUrl,
        existingId: 'lib-1',
        highlights: kettle.highlights.length,
      },
    ]);
  });

  it("'replace' deletes the existing article and puts the backup's under the existing id", () => {
    const existing = new Map([[kettle.meta.canonicalUrl, 'lib-1']]);
    const plan = planImport(parsed, existing, 'replace', { newId: counter() });
    expect(plan.deleteArticleIds).toEqual(['lib-1']);
    expect(plan.putArticles[0]).toEqual({ ...kettle.meta, id: 'lib-1' });
    expect(plan.putContents[0]).toEqual({ ...kettle.content, articleId: 'lib-1' });
    const replaced = plan.putHighlights.filter((h) => h.articleId === 'lib-1');
    expect(idsOf(replaced)).toEqual(idsOf(kettle.highlights));
  });

  it("'keep-both' adds a copy with new ids, highlights re-pointed, and a distinct canonical URL", () => {
    const existing = new Map([[kettle.meta.canonicalUrl, kettle.meta.id]]);
    const plan = planImport(parsed, existing, 'keep-both', { newId: counter() });
    expect(plan.deleteArticleIds).toEqual([]);
    const copy = plan.putArticles[0]!;
    expect(copy.id).toBe('new-1');
    expect(copy.canonicalUrl).toBe(`${kettle.meta.canonicalUrl}#readmark-copy-new-1`);
    expect(copy.title).toBe(kettle.meta.title);
    expect(plan.putContents[0]?.articleId).toBe('new-1');
    const copied = plan.putHighlights.filter((h) => h.articleId === 'new-1');
    expect(copied).toHaveLength(kettle.highlights.length);
    expect(copied.every((h) => h.id.startsWith('new-') && !idsOf(kettle.highlights).includes(h.id))).toBe(
      true,
    );
    expect(copied.map((h) => h.note)).toEqual(kettle.highlights.map((h) => h.note));
    // The article the library did not have keeps its ids.
    expect(plan.putArticles[1]?.id).toBe(rtl.meta.id);
  });

  it('gives a new id to an article whose id another existing article already has', () => {
    const existing = new Map([['https://elsewhere.example/', rtl.meta.id]]);
    const plan = planImport(parsed, existing, 'skip', { newId: counter() });
    const moved = plan.putArticles.find((a) => a.canonicalUrl === rtl.meta.canonicalUrl)!;
    expect(moved.id).toBe('new-1');
    expect(plan.putHighlights.filter((h) => h.articleId === 'new-1')).toHaveLength(rtl.highlights.length);
    expect(plan.putHighlights.some((h) => h.articleId === rtl.meta.id)).toBe(false);
  });

  it('is pure: the parsed backup is not modified', () => {
    const before = structuredClone(parsed);
    planImport(parsed, new Map([[kettle.meta.canonicalUrl, 'lib-1']]), 'keep-both');
    planImport(parsed, new Map([[kettle.meta.canonicalUrl, 'lib-1']]), 'replace');
    expect(parsed).toEqual(before);
  });
});
