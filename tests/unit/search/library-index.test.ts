import { describe, expect, it } from 'vitest';
import { fingerprintLibrary, LibraryIndex, sameFingerprint } from '@/utils/search';
import { makeArticle, makeHighlight, makeMeta } from './make-article';

const ledger = makeArticle(
  makeMeta('ledger', {
    title: 'The fraud hidden in the ledger',
    byline: 'Ines Calder',
    tags: ['Accounting'],
  }),
  'An auditor followed the money through three shell companies before the books were closed.',
);
const harbour = makeArticle(
  makeMeta('harbour', { title: 'Night shift at the harbour', siteName: 'Coastal Weekly' }),
  'Cranes swing containers onto barges while the tide turns and gulls circle the quay.',
  [makeHighlight('h1', 'harbour', 'gulls circle the quay', 'reminds me of grandfather in Valparaiso')],
);
const garden = makeArticle(
  makeMeta('garden', { title: 'Winter pruning for apple trees', tags: ['gardening', 'Orchards'] }),
  'Cut back crossing branches on a dry day; the fraudulent promise of quick fruit is a myth.',
);

function ids(index: LibraryIndex, query: string): string[] {
  return [...(index.search(query)?.scores.keys() ?? [])];
}

describe('LibraryIndex search', () => {
  const index = LibraryIndex.build([ledger, harbour, garden]);

  it('matches a prefix as the reader types', () => {
    expect(ids(index, 'fra')).toContain('ledger');
    expect(ids(index, 'harb')).toEqual(['harbour']);
  });

  it('tolerates a typo in a longer word', () => {
    expect(ids(index, 'frud')).toContain('ledger');
    expect(ids(index, 'conteiners')).toEqual(['harbour']);
  });

  it('forgives two typos, such as swapped letters, from six letters on', () => {
    expect(ids(index, 'cotnainers')).toEqual(['harbour']);
    expect(ids(index, 'ldeger')).toContain('ledger');
  });

  it('does not make short words fuzzy', () => {
    expect(ids(index, 'cug')).toEqual([]);
  });

  it('completes a 3-letter prefix in titles, tags and notes but only whole words in the body', () => {
    // "aud" begins "auditor", a body word only; "Accounting" is a tag.
    expect(ids(index, 'aud')).toEqual([]);
    expect(ids(index, 'audi')).toEqual(['ledger']);
    expect(ids(index, 'acc')).toEqual(['ledger']);
  });

  it('ranks a title match above a body match', () => {
    expect(ids(index, 'fraud')[0]).toBe('ledger');
    expect(ids(index, 'fraud')).toContain('garden');
  });

  it('finds an article by a word of a note, a quote, a tag, a byline or a site', () => {
    expect(ids(index, 'valparaiso')).toEqual(['harbour']);
    expect(ids(index, 'gulls')).toEqual(['harbour']);
    expect(ids(index, 'orchards')).toEqual(['garden']);
    expect(ids(index, 'accounting')).toEqual(['ledger']);
    expect(ids(index, 'calder')).toEqual(['ledger']);
    expect(ids(index, 'coastal')).toEqual(['harbour']);
  });

  it('folds case and accents', () => {
    expect(ids(index, 'VALPARAÍSO')).toEqual(['harbour']);
  });

  it('needs every word, and falls back to any word when no article has them all', () => {
    expect(index.search('fraud ledger')?.mode).toBe('all-terms');
    expect(ids(index, 'fraud ledger')).toEqual(['ledger']);
    const fallback = index.search('ledger cranes');
    expect(fallback?.mode).toBe('any-term');
    expect([...(fallback?.scores.keys() ?? [])].sort()).toEqual(['harbour', 'ledger']);
  });

  it('ignores stop words, and treats a query of only stop words as no search', () => {
    expect(ids(index, 'the harbour')).toEqual(['harbour']);
    expect(index.search('the of and')).toBeNull();
    expect(index.search('   ')).toBeNull();
  });

  it('tells, per article, the index terms it matched: prefix and typo completions (for snippets)', () => {
    const found = index.search('conteiners gull')!;
    expect(found.mode).toBe('all-terms');
    expect([...found.terms.get('harbour')!].sort()).toEqual(['containers', 'gulls']);
    expect(index.search('frud')!.terms.get('ledger')).toEqual(['fraud']);
  });
});

describe('LibraryIndex updates', () => {
  it('replaces an edited article: the old title word is gone, the new one found', () => {
    const index = LibraryIndex.build([ledger, harbour]);
    index.upsert({ ...ledger, meta: { ...ledger.meta, title: 'Embezzlement at the mill', updatedAt: 2 } });
    expect(ids(index, 'ledger')).toEqual([]);
    expect(ids(index, 'embezzlement')).toEqual(['ledger']);
    expect(index.size).toBe(2);
  });

  it('indexes a highlight added later and forgets one removed', () => {
    const index = LibraryIndex.build([ledger]);
    const note = makeHighlight('h9', 'ledger', 'three shell companies', 'ask the registrar in Tallinn');
    index.upsert({ ...ledger, highlights: [note] });
    expect(ids(index, 'tallinn')).toEqual(['ledger']);
    index.upsert({ ...ledger, highlights: [] });
    expect(ids(index, 'tallinn')).toEqual([]);
  });

  it('removes an article', () => {
    const index = LibraryIndex.build([ledger, harbour]);
    expect(index.remove('harbour')).toBe(true);
    expect(index.remove('harbour')).toBe(false);
    expect(ids(index, 'harbour')).toEqual([]);
    expect(index.has('harbour')).toBe(false);
    index.upsert(harbour);
    expect(ids(index, 'harbour')).toEqual(['harbour']);
  });

  it('indexes only the leading text of a long body', () => {
    const body = `${'plain words '.repeat(50)}zanzibar`;
    const index = LibraryIndex.build([makeArticle(makeMeta('long'), body)], { textLimit: 100 });
    expect(ids(index, 'plain')).toEqual(['long']);
    expect(ids(index, 'zanzibar')).toEqual([]);
  });
});

describe('LibraryIndex persistence', () => {
  const queries = ['fra', 'frud', 'gulls', 'ledger cranes', 'orchards', 'valparaiso'];

  it('gives identical results after a JSON round trip', () => {
    const index = LibraryIndex.build([ledger, harbour, garden]);
    index.remove('garden');
    const loaded = LibraryIndex.load(JSON.stringify(index));
    if (!loaded.ok) throw new Error(JSON.stringify(loaded.error));
    for (const query of queries) expect(loaded.value.search(query)).toEqual(index.search(query));
    expect(sameFingerprint(loaded.value.fingerprint(), index.fingerprint())).toBe(true);
  });

  it('loads asynchronously with the same answers', async () => {
    const index = LibraryIndex.build([ledger, harbour, garden]);
    const loaded = await LibraryIndex.loadAsync(index.toJSON(), index.fingerprint());
    if (!loaded.ok) throw new Error(JSON.stringify(loaded.error));
    for (const query of queries) expect(loaded.value.search(query)).toEqual(index.search(query));
    expect((await LibraryIndex.loadAsync('[]')).ok).toBe(false);
  });

  it('accepts a saved index that covers the library, and detects a stale one', () => {
    const metas = [ledger.meta, harbour.meta];
    const highlights = [...harbour.highlights];
    const saved = LibraryIndex.build([ledger, harbour]).toJSON();
    expect(LibraryIndex.load(saved, fingerprintLibrary(metas, highlights)).ok).toBe(true);

    const edited = [ledger.meta, { ...harbour.meta, updatedAt: harbour.meta.updatedAt + 1 }];
    const noteEdited = [{ ...highlights[0]!, updatedAt: 5 }];
    for (const [m, h] of [
      [edited, highlights],
      [metas, noteEdited],
      [metas, []],
      [[ledger.meta], highlights],
      [[...metas, garden.meta], highlights],
    ] as const) {
      const result = LibraryIndex.load(saved, fingerprintLibrary(m, h));
      expect(result.ok ? 'loaded' : result.error).toMatchObject({
        code: 'search-index-unusable',
        data: { detail: expect.stringMatching(/^stale/) },
      });
    }
  });

  it('keeps its fingerprint current through incremental updates', () => {
    const index = LibraryIndex.build([ledger]);
    index.upsert(harbour);
    index.remove('ledger');
    expect(sameFingerprint(index.fingerprint(), fingerprintLibrary([harbour.meta], harbour.highlights))).toBe(
      true,
    );
  });

  it('rejects data that is not an index, or of another format', () => {
    expect(LibraryIndex.load('{not json').ok).toBe(false);
    expect(LibraryIndex.load({ hello: 1 }).ok).toBe(false);
    const other = { ...LibraryIndex.build([ledger]).toJSON(), format: 0 };
    const result = LibraryIndex.load(other);
    expect(result.ok ? 'loaded' : result.error).toMatchObject({
      code: 'search-index-unusable',
      data: { detail: expect.stringMatching(/format/) },
    });
  });
});
