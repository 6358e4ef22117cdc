/**
 * The search page in real Chromium against the built fixture archive, served like any static
 * site: the form, 文号 notations, AND, Traditional characters, filters and sorting, deep links and
 * history, more than one page of results, a sub-path, and a page opened from disk.
 */
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { seriousViolations } from '../support/axe.ts';
import { launch, type Served, serve } from '../support/browser.ts';
import { readExport, Truth } from '../support/search-queries.ts';
import { MIRROR_BASE } from '../support/site.ts';

const siteDir = inject('siteDir');
let browser: Browser;
let site: Served;
let truth: Truth;

beforeAll(async () => {
  [browser, site, truth] = await Promise.all([launch(), serve(siteDir), Truth.of(readExport(siteDir))]);
});
afterAll(async () => {
  await browser?.close();
  await site?.close();
});

const RESULTS = '[data-search-results]';

/** Waits for the search started by `action` to finish. */
async function searched(page: Page, action: () => Promise<unknown>): Promise<void> {
  await page.evaluate((sel) => {
    document.querySelector<HTMLElement>(sel)!.dataset.searchState = 'stale';
  }, RESULTS);
  await action();
  await page.waitForFunction((sel) => document.querySelector<HTMLElement>(sel)?.dataset.searchState === 'done', RESULTS);
}

async function open(path: string, base = site.url): Promise<Page> {
  const page = await browser.newPage();
  await page.goto(base + path);
  await page.waitForFunction(
    (sel) => ['done', 'idle'].includes(document.querySelector<HTMLElement>(sel)?.dataset.searchState ?? ''),
    RESULTS,
  );
  return page;
}

/** Document ids of the results shown, in order. */
const shown = (page: Page) =>
  page.$$eval(`${RESULTS} > li h2 a`, (as) =>
    as.map((a) => new URL((a as HTMLAnchorElement).href).pathname.split('/').filter(Boolean).at(-1)!),
  );

async function submit(page: Page, q: string): Promise<void> {
  await searched(page, async () => {
    await page.fill('input[name="q"]', q);
    await page.press('input[name="q"]', 'Enter');
  });
}

async function search(q: string): Promise<string[]> {
  const page = await open(`search/?q=${encodeURIComponent(q)}`);
  try {
    return await shown(page);
  } finally {
    await page.close();
  }
}

describe('search page', () => {
  it('finds a document by a phrase of its text', async () => {
    expect(await search('卫生健康现代化')).toContain('wzb-2023-51');
  });

  it('finds a document by its 文号', async () => {
    expect(await search('温政办〔2023〕53号')).toContain('wzb-2023-53');
  });

  it.each([
    '温政办〔2023〕51号',
    '温政办[2023]51号',
    '温政办［2023］51号',
    '温政办(2023)51号',
    '温政办〔2023〕51',
    '温政办（2023）51号',
    ' 温政办 〔2023〕 51 号 ',
  ])('puts the document first for its 文号 written as %s', async (q) => {
    expect((await search(q))[0]).toBe('wzb-2023-51');
  });

  it('reads the query from the address, so a search can be shared', async () => {
    const page = await open(`search/?q=${encodeURIComponent('政务简讯')}`);
    expect(await page.inputValue('input[name="q"]')).toBe('政务简讯');
    expect((await shown(page)).sort()).toEqual(truth.expected('政务简讯'));
    await page.close();
  });

  it('searches from the form, records the search in the address, and goes back', async () => {
    const page = await open('search/');
    await submit(page, '卫生健康');
    expect(new URL(page.url()).searchParams.get('q')).toBe('卫生健康');
    const first = await shown(page);
    expect(first.sort()).toEqual(truth.expected('卫生健康'));
    await submit(page, '招商');
    expect(new URL(page.url()).searchParams.get('q')).toBe('招商');
    await searched(page, () => page.goBack());
    expect(await page.inputValue('input[name="q"]')).toBe('卫生健康');
    expect((await shown(page)).sort()).toEqual(first);
    await page.close();
  });

  it('shows title, 文号, date, issue, category and an excerpt with the query marked', async () => {
    const page = await open(`search/?q=${encodeURIComponent('安宁疗护')}`);
    const results = await page.$$eval(`${RESULTS} > li`, (lis) =>
      lis.map((li) => ({
        meta: li.querySelector('.search-result-meta')?.textContent ?? '',
        marks: [...li.querySelectorAll('mark')].map((m) => m.textContent),
        href: li.querySelector('h2 a')!.getAttribute('href')!,
      })),
    );
    expect(results.length).toBe(truth.expected('安宁疗护').length);
    const doc = results.find((r) => r.href.includes('/wzb-2023-51/'))!;
    expect(doc.meta).toContain('温政办〔2023〕51号');
    expect(doc.meta).toContain('2023年5月16日');
    expect(doc.meta).toContain('2023年第5期');
    expect(doc.meta).toContain('市府办文件');
    for (const r of results) {
      expect(r.marks.map((m) => m?.replace(/\s/g, ''))).toContain('安宁疗护');
      // The document page highlights the occurrence through a text fragment, without script.
      expect(decodeURIComponent(r.href)).toMatch(/#:~:text=.*安宁疗护/u);
    }
    await page.close();
  });

  it('requires every space-separated term (AND)', async () => {
    const both = truth.expected('卫生 招商');
    expect(both).toEqual(truth.expected('卫生').filter((id) => truth.expected('招商').includes(id)));
    expect((await search('卫生 招商')).sort()).toEqual(both);
    expect(await search('卫生健康 招商引资不存在的词')).toEqual([]);
  });

  it('finds Simplified text from a query in Traditional characters', async () => {
    expect(await search('衛生健康')).toContain('wzb-2023-51');
    expect((await search('溫州')).sort()).toEqual(truth.expected('温州'));
  });

  it('says so when nothing matches', async () => {
    const page = await open(`search/?q=${encodeURIComponent('不存在的检索词语')}`);
    expect(await shown(page)).toEqual([]);
    expect(await page.textContent('[data-search-status]')).toContain('未找到');
    await page.close();
  });

  it('filters by category and year, and sorts by date, from the address and from the controls', async () => {
    const all = truth.expected('温州');
    const inCategory = truth.docs.filter((d) => all.includes(d.id) && d.category === '市府办文件').map((d) => d.id);
    expect(inCategory.length).toBeGreaterThan(0);
    const page = await open(`search/?q=${encodeURIComponent('温州')}&category=${encodeURIComponent('市府办文件')}`);
    expect((await shown(page)).sort()).toEqual(inCategory);
    expect(await page.inputValue('select[name="category"]')).toBe('市府办文件');

    await searched(page, () => page.selectOption('select[name="category"]', ''));
    expect((await shown(page)).sort()).toEqual(all);
    const year = String(truth.docs.find((d) => d.id === all[0])!.issue.year);
    await searched(page, () => page.selectOption('select[name="year"]', year));
    expect(new URL(page.url()).searchParams.get('year')).toBe(year);
    expect((await shown(page)).sort()).toEqual(
      truth.docs.filter((d) => all.includes(d.id) && String(d.issue.year) === year).map((d) => d.id),
    );

    await searched(page, () => page.selectOption('select[name="sort"]', 'newest'));
    const ids = await shown(page);
    const dates = ids.map((id) => truth.docs.find((d) => d.id === id)!.date ?? '');
    const dated = dates.filter(Boolean);
    expect(dated).toEqual([...dated].sort().reverse());
    await page.close();
  });

  it('shows results a page at a time and moves the keyboard focus to the next page', async () => {
    const all = truth.expected('温州');
    expect(all.length).toBeGreaterThan(4);
    const page = await open('search/');
    await page.evaluate((sel) => (document.querySelector<HTMLElement>(sel)!.dataset.pageSize = '3'), RESULTS);
    await submit(page, '温州');
    expect(await shown(page)).toHaveLength(3);
    expect(await page.textContent('[data-search-more] button')).toContain(String(all.length - 3));
    await page.click('[data-search-more] button');
    await page.waitForFunction((sel) => document.querySelectorAll(`${sel} > li`).length === 6, RESULTS);
    expect(await page.evaluate((sel) => document.activeElement === document.querySelector(`${sel} > li:nth-child(4) a`), RESULTS)).toBe(
      true,
    );
    await page.close();
  });

  it('is driven by the keyboard alone and announces the outcome', async () => {
    const page = await open('search/');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    await page.focus('input[name="q"]');
    await searched(page, async () => {
      await page.keyboard.type('卫生健康');
      await page.keyboard.press('Enter');
    });
    expect(await page.getAttribute('[data-search-status]', 'role')).toBe('status');
    expect(await page.textContent('[data-search-status]')).toMatch(/找到 \d+ 篇/u);
    await page.close();
  });

  it.each(['light', 'dark'] as const)(
    'has no axe-core violations above minor with results, filters and sub-results shown (%s)',
    async (colorScheme) => {
      const context = await browser.newContext({ colorScheme });
      const page = await context.newPage();
      await page.goto(`${site.url}search/?q=${encodeURIComponent('安宁疗护')}`);
      await page.waitForFunction((sel) => document.querySelector<HTMLElement>(sel)?.dataset.searchState === 'done', RESULTS);
      expect(await page.$$eval('.search-result-sections a', (as) => as.length)).toBeGreaterThan(0);
      const violations = await seriousViolations(page);
      expect(violations).toEqual([]);
      await context.close();
    },
  );

  it('tells a reader who opened the page from disk what to do', async () => {
    const page = await browser.newPage();
    await page.goto(pathToFileURL(join(siteDir, 'search', 'index.html')).href);
    expect(await page.textContent('[data-search-status]')).toContain('静态网页服务器');
    expect(await page.getAttribute(RESULTS, 'data-search-state')).toBe('unavailable');
    await page.close();
  });
});

describe('pages', () => {
  it('serve Chinese documents as zh-CN', async () => {
    const page = await browser.newPage();
    await page.goto(`${site.url}documents/wzb-2023-51/`);
    expect(await page.getAttribute('html', 'lang')).toBe('zh-CN');
    expect(await page.textContent('h1')).toContain('卫生健康现代化建设实施方案');
    await page.close();
  });
});

describe('under a sub-path', () => {
  let mirror: Served;
  beforeAll(async () => {
    mirror = await serve(inject('mirrorDir'), MIRROR_BASE);
  });
  afterAll(() => mirror?.close());

  it('searches and links results to pages that exist', async () => {
    const page = await open(`search/?q=${encodeURIComponent('温政办[2023]51号')}`, mirror.url);
    const href = await page.getAttribute(`${RESULTS} > li:first-child h2 a`, 'href');
    expect(href).toMatch(new RegExp(`^${MIRROR_BASE}documents/wzb-2023-51/`, 'u'));
    await page.click(`${RESULTS} > li:first-child h2 a`);
    await page.waitForURL(/\/documents\/wzb-2023-51\//u);
    expect(await page.textContent('h1')).toContain('卫生健康现代化建设实施方案');
    await page.close();
  });
});
