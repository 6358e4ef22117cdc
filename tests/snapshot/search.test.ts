/**
 * Search in a snapshot opened from a disk (file://), in real Chromium: it finds the same documents,
 * in the same order, as the website's search served over HTTP, for 400 generated queries
 * (phrases, 文号 in every notation, AND, Traditional characters, strings found nowhere), and a
 * reader can search from any page and follow a result to its document.
 */
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launch, type Served, serve } from '../support/browser.ts';
import { generateQueries, readExport, Truth } from '../support/search-queries.ts';
import { snapshotSite } from '../support/snapshot-setup.ts';
import { EMPTY_QUERY } from '../../src/lib/search-render.ts';
import { MAX_QUERY_CHARS } from '../../src/lib/search-text.ts';

/** Every real issue: the most documents, and the most varied text, the tests build. */
const siteDir = inject('realDir');
const RESULTS = '[data-search-results]';
let browser: Browser;
let served: Served;
let site: string;
let truth: Truth;

beforeAll(async () => {
  site = snapshotSite(siteDir, 'gazette-offline-search-');
  [browser, served, truth] = await Promise.all([launch(), serve(siteDir), Truth.of(readExport(siteDir))]);
});
afterAll(async () => {
  await browser?.close();
  await served?.close();
});

const fromDisk = (path: string) => pathToFileURL(join(site, path)).href;

/** A search page once its search has finished (or it has none to run). */
async function open(url: string): Promise<Page> {
  const page = await browser.newPage();
  page.on('pageerror', (e) => console.error(url, e));
  await page.goto(url);
  await page.waitForFunction(
    (sel) => ['done', 'idle', 'error'].includes(document.querySelector<HTMLElement>(sel)?.dataset.searchState ?? ''),
    RESULTS,
  );
  return page;
}

/** Every match of each query, best first, from a page's own search code. */
function searchAll(page: Page, queries: readonly string[]): Promise<string[][]> {
  return page.evaluate(async (qs) => {
    const api = (globalThis as unknown as { gazetteSearch: { search(q: string): Promise<{ ids: string[] }> } }).gazetteSearch;
    const out: string[][] = [];
    for (const q of qs) out.push((await api.search(q)).ids);
    return out;
  }, queries);
}

/** Document ids of the results shown, in order. */
const shown = (page: Page) =>
  page.$$eval(`${RESULTS} > li h2 a`, (as) => as.map((a) => new URL((a as HTMLAnchorElement).href).pathname.split('/').at(-2)!));

describe('search from file://', () => {
  it('finds what the served search finds, in the same order, for generated queries', async () => {
    const queries = generateQueries(truth, 400, 6).map((x) => x.q);
    const [offline, online] = await Promise.all([open(fromDisk('search/index.html')), open(`${served.url}search/`)]);
    const [a, b] = await Promise.all([searchAll(offline, queries), searchAll(online, queries)]);
    const differ = queries.filter((_, i) => JSON.stringify(a[i]) !== JSON.stringify(b[i]));
    expect(differ).toEqual([]);
    // And what they find is every document that contains the query.
    const wrong = queries.filter((q, i) => JSON.stringify(a[i]!.toSorted()) !== JSON.stringify(truth.expected(q)));
    expect(wrong).toEqual([]);
    expect(a.filter((ids) => ids.length > 0).length).toBeGreaterThan(200);
    await Promise.all([offline.close(), online.close()]);
  });

  it('shows the results of the address, with excerpts, linked to document pages that open', async () => {
    const q = '温政办[2023]51号';
    const page = await open(fromDisk('search/index.html') + `?q=${encodeURIComponent(q)}`);
    expect(await page.getAttribute(RESULTS, 'data-search-state')).toBe('done');
    expect(await page.inputValue('input[name="q"]')).toBe(q);
    expect((await shown(page))[0]).toBe('wzb-2023-51');
    expect(await page.textContent('[data-search-status]')).toMatch(/找到 \d+ 篇/);
    expect(await page.$$eval(`${RESULTS} > li .search-result-excerpt`, (ps) => ps.length)).toBeGreaterThan(0);
    const href = await page.getAttribute(`${RESULTS} > li:first-child h2 a`, 'href');
    expect(href).toMatch(/^file:.*\/documents\/wzb-2023-51\/index\.html/);
    await page.click(`${RESULTS} > li:first-child h2 a`);
    await page.waitForURL(/\/documents\/wzb-2023-51\/index\.html/);
    expect(await page.textContent('h1')).toContain('卫生健康现代化建设实施方案');
    await page.close();
  });

  it('searches from the box on every page, with filters, and in Traditional characters', async () => {
    const page = await browser.newPage();
    await page.goto(fromDisk('documents/wzb-2023-51/index.html'));
    await page.fill('input[name="q"]', '衛生健康');
    await page.press('input[name="q"]', 'Enter');
    await page.waitForURL(/\/search\/index\.html\?q=/);
    await page.waitForFunction((sel) => document.querySelector<HTMLElement>(sel)?.dataset.searchState === 'done', RESULTS);
    const all = await shown(page);
    expect(all.toSorted()).toEqual(truth.expected('衛生健康'));
    expect(all.length).toBeGreaterThan(0);

    // A filter reloads the page with the filter in the address, as on the website.
    const category = await page.$eval('select[name="category"]', (s) => (s as HTMLSelectElement).options[1]!.value);
    await page.selectOption('select[name="category"]', category);
    await page.waitForURL(/category=/);
    await page.waitForFunction((sel) => document.querySelector<HTMLElement>(sel)?.dataset.searchState === 'done', RESULTS);
    const filtered = await shown(page);
    expect(filtered.length).toBeGreaterThan(0);
    expect(filtered.every((id) => all.includes(id))).toBe(true);
    await page.close();
  });

  it('finds a document by its 规范性文件编号 in any dash and spacing, as the served page does', async () => {
    const doc = readExport(siteDir).find((d) => d.normativeCode === 'ZJCC01-2023-0007')!;
    for (const q of ['ZJCC01-2023-0007', 'ZJCC01 – 2023 – 0007', 'zjcc01—2023—0007']) {
      const [offline, online] = await Promise.all([
        open(fromDisk('search/index.html') + `?q=${encodeURIComponent(q)}`),
        open(`${served.url}search/?q=${encodeURIComponent(q)}`),
      ]);
      expect(await shown(offline), q).toEqual([doc.id]);
      expect(await shown(online), q).toEqual([doc.id]);
      await Promise.all([offline.close(), online.close()]);
    }
  });

  it('answers an empty query and a 500-character one in the status line', async () => {
    const empty = await open(fromDisk('search/index.html') + '?q=+++');
    expect(await empty.textContent('[data-search-status]')).toBe(EMPTY_QUERY);
    await empty.close();
    const long = '温州市人民政府办公室关于进一步规范乡镇街道消防工作的实施意见'.repeat(20).slice(0, 500);
    const page = await open(fromDisk('search/index.html') + `?q=${encodeURIComponent(long)}`);
    const status = (await page.textContent('[data-search-status]'))!;
    expect(status).toContain(`只按前 ${MAX_QUERY_CHARS} 个字检索`);
    expect(status.length).toBeLessThan(100);
    await page.close();
  });

  it('says when nothing is found', async () => {
    const page = await open(fromDisk('search/index.html') + `?q=${encodeURIComponent('不存在的检索词语')}`);
    expect(await page.textContent('[data-search-status]')).toContain('未找到');
    expect(await shown(page)).toEqual([]);
    await page.close();
  });
});

describe('the snapshot served over HTTP', () => {
  it('searches at any sub-path too', async () => {
    const mirror = await serve(site, '/copies/gazette/');
    try {
      const page = await open(`${mirror.url}search/index.html?q=${encodeURIComponent('卫生健康')}`);
      expect((await shown(page)).toSorted()).toEqual(truth.expected('卫生健康'));
      await page.close();
    } finally {
      await mirror.close();
    }
  });
});
