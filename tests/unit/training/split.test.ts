import { describe, expect, it } from 'vitest';
import { loadSplit, loadTruth, makeSplit, PAGE_TYPES, partOf } from '../../../utils/training';

const pages = loadTruth();
const split = loadSplit();

describe('committed WCXB host split', () => {
  it('puts about a fifth of the hosts in validation', () => {
    const parts = Object.values(split.hosts);
    const share = parts.filter((part) => part === 'validation').length / parts.length;
    expect(share).toBeGreaterThan(0.2);
    expect(share).toBeLessThan(0.25);
  });

  it('is what make-split produces from its seed, host by host (needs the corpus)', (context) => {
    if (pages.length === 0) context.skip();
    expect(makeSplit(pages, split.seed, split.validationShare)).toEqual(split);
  });

  it('files every corpus page and puts every page type in validation (needs the corpus)', (context) => {
    if (pages.length === 0) context.skip();
    const validationTypes = new Set(
      pages.filter((page) => partOf(page, split) === 'validation').map((page) => page.page_type),
    );
    expect([...validationTypes].sort()).toEqual([...PAGE_TYPES].sort());
  });

  it('refuses a host it does not know', () => {
    expect(() => partOf({ url: 'https://never-seen.example/' }, split)).toThrow(/not in the committed split/);
  });
});
