/**
 * Pagefind names a result by its fragment, a short hash unique only within one index. The portal
 * searches archives whose indexes may give two documents the same name, as independently built
 * archives may: each archive is searched on its own, so neither document hides the other and a
 * query's terms are never matched in two documents. Within an archive, the index build finds names
 * that clash across its bundles, to write them again.
 */
import { describe, expect, it } from 'vitest';
import { ARCHIVE_FILTER, type Pagefind, searchArchives } from '../../src/lib/portal.ts';
import { pairQuery } from '../../src/lib/search-pairs.ts';
import { laterClashes } from '../../scripts/pagefind-bundle.ts';
import { normalize } from '../../src/lib/search-text.ts';

interface FakeDocument {
  archive: string;
  id: string;
  url: string;
  text: string;
}

/** Pagefind over the merged archives: every archive's records, filtered as `mergeFilter` does. */
function merged(docs: readonly FakeDocument[], terms: readonly string[]): Pagefind {
  const termOf = new Map(terms.map((t) => [pairQuery(normalize(t))!, normalize(t)]));
  return {
    search: async (query, options) => {
      const term = termOf.get(query);
      if (term === undefined) throw new Error(`unexpected query ${query}`);
      const archive = options?.filters?.[ARCHIVE_FILTER];
      const hits = docs.filter((d) => (archive === undefined || d.archive === archive) && normalize(d.text).includes(term));
      return { results: hits.map((d) => ({ id: d.id, score: d.text.length, data: async () => ({ url: d.url, meta: {} }) })) };
    },
  };
}

const DOCS: FakeDocument[] = [
  { archive: '0', id: 'und_1a2b3c4', url: 'https://a.example/documents/a1/', text: '温州市人民政府公报' },
  { archive: '1', id: 'und_1a2b3c4', url: 'https://b.example/documents/b1/', text: '瓯江市人民政府公报' },
  { archive: '1', id: 'und_5d6e7f8', url: 'https://b.example/documents/b2/', text: '温州' },
];

const urls = async (found: Awaited<ReturnType<typeof searchArchives>>) =>
  (await Promise.all(found.map((r) => r.data()))).map((d) => d.url).sort();

describe('searching archives whose fragments share a name', () => {
  const pagefind = merged(DOCS, ['公报', '温州']);

  it('finds the documents of both archives that bear the name', async () => {
    expect(await urls(await searchArchives(pagefind, ['0', '1'], [['公报']]))).toEqual([
      'https://a.example/documents/a1/',
      'https://b.example/documents/b1/',
    ]);
  });

  it('finds every term in one document, never one term in each of two', async () => {
    expect(await urls(await searchArchives(pagefind, ['0', '1'], [['温州'], ['公报']]))).toEqual(['https://a.example/documents/a1/']);
  });

  it('searches only the archives it is given', async () => {
    expect(await urls(await searchArchives(pagefind, ['1'], [['温州']]))).toEqual(['https://b.example/documents/b2/']);
  });

  it('orders the results of all archives by score', async () => {
    const found = await searchArchives(pagefind, ['0', '1'], [['温州']]);
    expect(found.map((r) => r.score)).toEqual([9, 2]);
  });
});

describe('fragment names that clash across an archive’s bundles', () => {
  it('are named by the later bundle that holds them again', () => {
    const clashes = laterClashes([
      ['und_1a2b3c4', 'und_5d6e7f8'],
      ['und_9a9a9a9', 'und_1a2b3c4'],
      ['und_5d6e7f8', 'und_9a9a9a9', 'und_0000000'],
    ]);
    expect(clashes).toEqual(
      new Map([
        [1, new Set(['und_1a2b3c4'])],
        [2, new Set(['und_5d6e7f8', 'und_9a9a9a9'])],
      ]),
    );
  });

  it('are none when every name is its own', () => {
    expect(laterClashes([['und_1a2b3c4'], ['und_5d6e7f8']])).toEqual(new Map());
  });
});
