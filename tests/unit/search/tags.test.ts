import { describe, expect, it } from 'vitest';
import { countTags, normaliseTag, renameTag, tagKey } from '@/utils/search';
import { makeMeta } from './make-article';

describe('normaliseTag and tagKey', () => {
  it('trims, collapses spaces and drops a leading #, keeping capitals for display', () => {
    expect(normaliseTag('  Machine \t learning ')).toBe('Machine learning');
    expect(normaliseTag('#AI')).toBe('AI');
    expect(normaliseTag(' # ')).toBeNull();
    expect(tagKey(' Machine  Learning')).toBe('machine learning');
    expect(tagKey('#AI')).toBe(tagKey('ai'));
  });
});

describe('renameTag', () => {
  const metas = [
    makeMeta('1', { tags: ['ml', 'Policy'] }),
    makeMeta('2', { tags: ['Policy'] }),
    makeMeta('3', { tags: ['ML', 'machine learning'] }),
  ];

  it('renames across metas and returns only the changed ones, stamped', () => {
    const result = renameTag(metas, 'ML', 'Machine learning', 99);
    if (!result.ok) throw new Error(JSON.stringify(result.error));
    expect(result.value.map((m) => [m.id, m.tags, m.updatedAt])).toEqual([
      ['1', ['Machine learning', 'Policy'], 99],
      // Merged into the tag it already had: one tag, not two.
      ['3', ['Machine learning'], 99],
    ]);
    expect(metas[0]!.tags).toEqual(['ml', 'Policy']);
  });

  it('treats a change of capitals as a change, and the same name as none', () => {
    const upper = renameTag(metas, 'policy', 'POLICY', 1);
    expect(upper.ok && upper.value.map((m) => m.id)).toEqual(['1', '2']);
    const same = renameTag(metas, 'policy', 'Policy', 1);
    expect(same.ok && same.value).toEqual([]);
  });

  it('refuses an empty name', () => {
    expect(renameTag(metas, 'ml', '  ', 1).ok).toBe(false);
    expect(renameTag(metas, '#', 'x', 1).ok).toBe(false);
  });
});

describe('countTags', () => {
  it('counts articles per tag, in the spelling most use, most used first', () => {
    const metas = [
      makeMeta('1', { tags: ['AI', 'ai', 'Zoology'] }),
      makeMeta('2', { tags: ['ai '] }),
      makeMeta('3', { tags: ['ai', 'Birds'] }),
      makeMeta('4', { tags: ['birds'] }),
    ];
    expect(countTags(metas, 'en')).toEqual([
      { tag: 'ai', key: 'ai', count: 3 },
      { tag: 'Birds', key: 'birds', count: 2 },
      { tag: 'Zoology', key: 'zoology', count: 1 },
    ]);
  });
});
