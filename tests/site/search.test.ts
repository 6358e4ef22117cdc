/**
 * Search in real Chromium against the built fixture archive, served like any static site.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launch, type Served, serve } from '../support/browser.ts';

let browser: Browser;
let site: Served;

beforeAll(async () => {
  [browser, site] = await Promise.all([launch(), serve(inject('siteDir'))]);
});
afterAll(async () => {
  await browser?.close();
  await site?.close();
});

async function search(q: string): Promise<string[]> {
  const page = await browser.newPage();
  try {
    await page.goto(`${site.url}search/?q=${encodeURIComponent(q)}`);
    const list = page.locator('[data-search-results][data-search-state="done"]');
    await list.waitFor({ state: 'attached' });
    return await list.locator('a').evaluateAll((as) => as.map((a) => new URL((a as HTMLAnchorElement).href).pathname));
  } finally {
    await page.close();
  }
}

describe('search page', () => {
  it('finds a document by a phrase of its text', async () => {
    expect(await search('卫生健康现代化')).toContain('/documents/wzb-2023-51/');
  });

  it('finds a document by its 文号', async () => {
    expect(await search('温政办〔2023〕53号')).toContain('/documents/wzb-2023-53/');
  });

  it('reads the query from the address, so a search can be shared', async () => {
    const page = await browser.newPage();
    await page.goto(`${site.url}search/?q=${encodeURIComponent('政务简讯')}`);
    await expect.poll(() => page.inputValue('input[name="q"]')).toBe('政务简讯');
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
