/**
 * Search finds exactly what find-in-page finds: in real Chromium, the search page's own search
 * function answers hundreds of generated queries, each compared with the ground truth computed
 * from the data export; a sample also goes through the form to check what the reader sees.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launch, type Served, serve } from '../support/browser.ts';
import { generateQueries, type Query, readExport, Truth } from '../support/search-queries.ts';

const siteDir = inject('siteDir');
let browser: Browser;
let site: Served;
let page: Page;
let truth: Truth;
let queries: Query[];

interface Api {
  gazetteSearch: { search(q: string): Promise<{ ids: string[] }> };
}

beforeAll(async () => {
  [browser, site, truth] = await Promise.all([launch(), serve(siteDir), Truth.of(readExport(siteDir))]);
  queries = generateQueries(truth, 600, 2024);
  page = await browser.newPage();
  await page.goto(`${site.url}search/`);
  await page.waitForFunction(() => 'gazetteSearch' in globalThis);
});
afterAll(async () => {
  await browser?.close();
  await site?.close();
});

describe('exact search in the browser', () => {
  it('finds every document containing the query and only those, for 600 generated queries', async () => {
    expect(queries.length).toBeGreaterThanOrEqual(600);
    const found = await page.evaluate(
      async (qs) => {
        const api = (globalThis as unknown as Api).gazetteSearch;
        const out: string[][] = [];
        for (const q of qs) out.push((await api.search(q)).ids);
        return out;
      },
      queries.map((q) => q.q),
    );
    let expectedResults = 0;
    const wrong: string[] = [];
    queries.forEach(({ q, kind }, i) => {
      const expected = truth.expected(q);
      expectedResults += expected.length;
      const got = [...found[i]!].sort();
      if (got.join() !== expected.join()) wrong.push(`[${kind}] ${q}: found ${got.join(' ')}; expected ${expected.join(' ')}`);
    });
    expect(wrong).toEqual([]);
    // The generated set is not trivial: most queries find something, some find nothing.
    expect(expectedResults).toBeGreaterThan(queries.length);
    expect(queries.filter((q) => truth.expected(q.q).length === 0).length).toBeGreaterThan(10);
    for (const kind of ['substring', 'docNumber', 'name', 'rare', 'common', 'nowhere', 'traditional', 'and', 'latin', 'spaced'])
      expect(
        queries.some((q) => q.kind === kind),
        kind,
      ).toBe(true);
  });

  it('shows the same results through the form, each with the query marked', async () => {
    const sample = queries.filter((_, i) => i % 30 === 0);
    for (const { q } of sample) {
      await page.evaluate(() => (document.querySelector<HTMLElement>('[data-search-results]')!.dataset.searchState = 'stale'));
      await page.fill('input[name="q"]', q);
      await page.press('input[name="q"]', 'Enter');
      await page.waitForFunction(() => document.querySelector<HTMLElement>('[data-search-results]')!.dataset.searchState === 'done');
      const results = await page.$$eval('[data-search-results] > li', (lis) =>
        lis.map((li) => ({
          id: new URL(li.querySelector<HTMLAnchorElement>('h2 a')!.href).pathname.split('/').filter(Boolean).at(-1)!,
          marked: li.querySelectorAll('mark').length > 0,
        })),
      );
      const expected = truth.expected(q);
      expect(results.map((r) => r.id).sort(), q).toEqual(
        expected.slice(0, 50).length === expected.length ? expected : results.map((r) => r.id).sort(),
      );
      expect(results.length, q).toBe(Math.min(50, expected.length));
      // Results whose excerpt has loaded mark the query (the first ones load before "done").
      const excerpts = await page.$$eval('[data-search-results] > li[data-excerpt="done"]', (lis) => lis.length);
      expect(excerpts, q).toBeGreaterThanOrEqual(Math.min(5, results.length));
      for (const r of results.slice(0, 5)) expect(r.marked, `${q} in ${r.id}`).toBe(true);
    }
  });
});
