/**
 * The reading site in real Chromium, on the real archive: every page type passes axe-core,
 * fits a phone, loads no script, prints without the site's chrome, and the links between
 * documents can be followed by a reader.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { seriousViolations } from '../support/axe.ts';
import { launch, serve, type Served } from '../support/browser.ts';
import { documents, hrefs, htmlPages, issues, page as built, paragraphsOf, select } from '../support/site.ts';

const dir = inject('realDir');
const docs = documents(dir);
const allIssues = issues(dir);
const latest = allIssues.at(-1)!;

// One page of each type, chosen from the data so the choice follows the converter.
const longest = docs.toSorted((a, b) => paragraphsOf(dir, b.id).join('').length - paragraphsOf(dir, a.id).join('').length)[0]!;
const interpretation = docs.find((d) => d.category === '政策解读' && select('.callout a', built(dir, `documents/${d.id}/`)))!;
const listOfDocuments = docs.find((d) => d.category === '发文目录' && select('.doc-body a.doc-ref', built(dir, `documents/${d.id}/`)))!;
const firstHref = (path: string, selector: string) => hrefs(select('main', built(dir, path)), selector)[0]!.replace(/^\//, '');
const withStatus = docs.find((d) => d.status.expires && d.status.repeals.length > 0)!;
const undated = docs.find((d) => d.date === null && d.category === '政务简讯')!;

const PAGE_TYPES: [string, string][] = [
  ['home', ''],
  ['year', `years/${latest.year}/`],
  ['issue', `issues/${latest.id}/`],
  ['document (long, with contents)', `documents/${longest.id}/`],
  ['政策解读', `documents/${interpretation.id}/`],
  ['发文目录', `documents/${listOfDocuments.id}/`],
  ['categories', 'categories/'],
  ['category', firstHref('categories/', '.index-list a')],
  ['issuing bodies', 'issuers/'],
  ['issuing body', firstHref('issuers/', '.index-list a')],
  ['文号 index', 'numbers/'],
  ['all documents', 'documents/'],
  ['document with 施行日期, 有效期至 and 废止', `documents/${withStatus.id}/`],
  ['document dated by its issue', `documents/${undated.id}/`],
  ['网站地图', 'sitemap/'],
  ['404', '404.html'],
  ['search', 'search/'],
  // Results, with the highlighted matches whose contrast dark mode must keep.
  ['search results', 'search/?q=温州市'],
];

let browser: Browser;
let site: Served;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  [browser, site] = await Promise.all([launch(), serve(dir)]);
});
afterAll(async () => {
  await Promise.all(contexts.map((c) => c.close()));
  await browser?.close();
  await site?.close();
});

async function open(path: string, options: Parameters<Browser['newContext']>[0] = {}): Promise<Page> {
  const context = await browser.newContext(options);
  contexts.push(context);
  const page = await context.newPage();
  await page.goto(site.url + path);
  return page;
}

/**
 * Each page type is loaded in light and dark colours at desktop and phone widths, each load
 * shared by its checks (the light desktop one watches for script requests).
 */
interface Loaded {
  page: Page;
  scripts: string[];
}
const VARIANTS = {
  'desktop-light': { colorScheme: 'light', viewport: { width: 1280, height: 900 } },
  'desktop-dark': { colorScheme: 'dark', viewport: { width: 1280, height: 900 } },
  'phone-light': { colorScheme: 'light', viewport: { width: 390, height: 844 } },
  'phone-dark': { colorScheme: 'dark', viewport: { width: 390, height: 844 } },
} as const;
type Variant = keyof typeof VARIANTS;
const loads = new Map<string, Promise<Loaded>>();
function load(path: string, variant: Variant): Promise<Loaded> {
  const key = `${variant} ${path}`;
  let loaded = loads.get(key);
  if (!loaded) {
    loaded = (async () => {
      const context = await browser.newContext(VARIANTS[variant]);
      contexts.push(context);
      const page = await context.newPage();
      const scripts: string[] = [];
      page.on('request', (r) => {
        if (r.resourceType() === 'script') scripts.push(r.url());
      });
      await page.goto(site.url + path, { waitUntil: 'load' });
      if (path.includes('?q=')) await page.waitForSelector('[data-search-state="done"]');
      return { page, scripts };
    })();
    loads.set(key, loaded);
  }
  return loaded;
}

describe.each(PAGE_TYPES)('%s page', (_, path) => {
  it.each([
    ['light, desktop', 'desktop-light'],
    ['dark, desktop', 'desktop-dark'],
    ['light, phone', 'phone-light'],
    ['dark, phone', 'phone-dark'],
  ] as const)('has no axe-core violations above minor (%s)', async (__, variant) => {
    const { page } = await load(path, variant);
    const violations = await seriousViolations(page);
    expect(violations).toEqual([]);
  });

  it('fits a 390px phone screen without sideways scrolling', async () => {
    const { page } = await load(path, 'phone-dark');
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
  });
});

// Reading pages carry no JavaScript; the search page is the one page that needs it.
describe.each(PAGE_TYPES.filter(([, path]) => !path.startsWith('search/')))('%s page', (_, path) => {
  it('loads no script', async () => {
    const { scripts } = await load(path, 'desktop-light');
    expect(scripts).toEqual([]);
  });
});

describe('reading', () => {
  it('skip link takes keyboard users to the main content', async () => {
    const page = await open(`documents/${longest.id}/`);
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.className)).toBe('skip-link');
    expect(await page.locator('.skip-link').isVisible()).toBe(true);
    await page.keyboard.press('Enter');
    await expect.poll(() => page.evaluate(() => location.hash)).toBe('#main');
  });

  it('focus is visible on links', async () => {
    const page = await open(`issues/${latest.id}/`);
    const link = page.locator('.toc a').first();
    await link.focus();
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Tab');
    const outline = await link.evaluate((a) => getComputedStyle(a).outlineStyle + ' ' + getComputedStyle(a).outlineWidth);
    expect(outline).toBe('solid 3px');
  });

  it('document text is set in Chinese style: indented paragraphs, a comfortable measure and line height', async () => {
    const page = await open(`documents/${longest.id}/`, { viewport: { width: 1280, height: 900 } });
    const p = page.locator('.doc-body > p').first();
    const style = await p.evaluate((e) => {
      const s = getComputedStyle(e);
      return { indent: parseFloat(s.textIndent) / parseFloat(s.fontSize), lineHeight: parseFloat(s.lineHeight) / parseFloat(s.fontSize) };
    });
    expect(style.indent).toBe(2);
    expect(style.lineHeight).toBeGreaterThanOrEqual(1.7);
    const perLine = await page.locator('.doc-body').evaluate((e) => e.clientWidth / parseFloat(getComputedStyle(e).fontSize));
    expect(perLine).toBeGreaterThan(28);
    expect(perLine).toBeLessThanOrEqual(40);
    const family = await page.evaluate(() => getComputedStyle(document.body).fontFamily);
    expect(family).toMatch(/PingFang SC.*Noto Sans CJK SC/);
  });

  it('switches to dark colours when the system asks for them', async () => {
    const light = await open('', { colorScheme: 'light' });
    const dark = await open('', { colorScheme: 'dark' });
    const bg = (p: Page) => p.evaluate(() => getComputedStyle(document.body).backgroundColor);
    expect(await bg(light)).toBe('rgb(255, 255, 255)');
    expect(await bg(dark)).not.toBe('rgb(255, 255, 255)');
  });

  it('prints the document without navigation', async () => {
    const page = await open(`documents/${longest.id}/`);
    await page.emulateMedia({ media: 'print' });
    for (const selector of ['.site-nav', '.site-search', '.doc-toc', '.pager', '.breadcrumbs']) {
      expect(await page.locator(selector).first().isVisible(), selector).toBe(false);
    }
    expect(await page.locator('.doc-body').isVisible()).toBe(true);
    expect(await page.locator('.meta').isVisible()).toBe(true);
  });

  it('the citation line selects as a whole for copying', async () => {
    const page = await open(`documents/${longest.id}/`);
    const citation = page.locator('.citation');
    expect(await citation.evaluate((e) => getComputedStyle(e).userSelect)).toBe('all');
    await citation.click();
    expect(await page.evaluate(() => getSelection()?.toString().trim())).toBe((await citation.textContent())!.trim());
  });

  it('the contents list jumps to a heading', async () => {
    const page = await open(`documents/${longest.id}/`, { viewport: { width: 390, height: 844 } });
    // On a phone the list is folded under its heading, so that the text comes first.
    await page.locator('.doc-toc summary').click();
    const entry = page.locator('.doc-toc a').nth(2);
    const href = (await entry.getAttribute('href'))!;
    await entry.click();
    await expect.poll(() => page.evaluate(() => decodeURIComponent(location.hash))).toBe(decodeURIComponent(href));
    const target = page.locator(`[id="${decodeURIComponent(href.slice(1))}"]`);
    expect(await target.evaluate((e) => e.getBoundingClientRect().top)).toBeLessThan(100);
  });
});

describe('following the links', () => {
  const h1 = (page: Page) => page.locator('h1').innerText();

  it('from the home page to the latest issue, a document, the next document and back to the issue', async () => {
    const page = await open('');
    await page.locator('.latest h2 a').click();
    await page.waitForURL(`**/issues/${latest.id}/`);
    const first = docs.find((d) => d.id === latest.documents[0])!;
    await page.locator(`.toc a[href$="/documents/${first.id}/"]`).click();
    await page.waitForURL(`**/documents/${first.id}/`);
    await page.locator('.pager a[rel="next"]').click();
    await page.waitForURL(`**/documents/${latest.documents[1]}/`);
    await page.locator(`.meta a[href$="/issues/${latest.id}/"]`).click();
    await page.waitForURL(`**/issues/${latest.id}/`);
  });

  it('from a 政策解读 to the document it interprets, and back', async () => {
    const page = await open(`documents/${interpretation.id}/`);
    await page.locator('.doc-meta .callout a').click();
    await page.waitForURL((u) => !u.pathname.endsWith(`/${interpretation.id}/`));
    const target = docs.find((d) => page.url().endsWith(`/documents/${d.id}/`))!;
    expect(await h1(page)).toBe(target.title);
    await page.locator(`#interpreted-by a[href$="/documents/${interpretation.id}/"]`).click();
    await page.waitForURL(`**/documents/${interpretation.id}/`);
    expect(await h1(page)).toBe(interpretation.title);
  });

  it('from a 发文目录 row to its document, whose 被引用 leads back', async () => {
    const page = await open(`documents/${listOfDocuments.id}/`);
    const row = page.locator('.doc-body a.doc-ref').first();
    const rowText = await row.innerText();
    await row.click();
    await page.waitForURL((u) => !u.pathname.endsWith(`/${listOfDocuments.id}/`));
    const target = docs.find((d) => page.url().endsWith(`/documents/${d.id}/`))!;
    expect(rowText.replace(/\s+/g, '')).toContain(target.docNumber!.replace(/\s+/g, ''));
    expect(await h1(page)).toBe(target.title);
    await page.locator(`#cited-by a[href$="/documents/${listOfDocuments.id}/"]`).click();
    await page.waitForURL(`**/documents/${listOfDocuments.id}/`);
  });

  it('from the 文号 index to the document of that number', async () => {
    const page = await open('numbers/');
    const number = page.locator('.number-list a').first();
    const label = await number.innerText();
    await number.click();
    await page.waitForURL('**/documents/**');
    expect(await page.locator('.meta div:has(> dt:text-is("文号")) > dd').innerText()).toBe(label);
  });

  it('parses the Atom feed and the sitemap as XML, listing every issue and every page', async () => {
    const page = await open('');
    const parsed = await page.evaluate(async () => {
      const read = async (path: string) => new DOMParser().parseFromString(await (await fetch(path)).text(), 'application/xml');
      const feed = await read('feed.xml');
      const map = await read('sitemap.xml');
      return {
        errors: feed.getElementsByTagName('parsererror').length + map.getElementsByTagName('parsererror').length,
        feedRoot: feed.documentElement.namespaceURI,
        entries: [...feed.getElementsByTagName('entry')].map((e) => e.getElementsByTagName('link')[0]?.getAttribute('href')),
        locs: [...map.getElementsByTagName('loc')].map((l) => l.textContent),
      };
    });
    expect(parsed.errors).toBe(0);
    expect(parsed.feedRoot).toBe('http://www.w3.org/2005/Atom');
    expect(parsed.entries).toEqual(allIssues.toReversed().map((i) => `https://gazette.test.example/issues/${i.id}/`));
    const pages = htmlPages(dir).filter((p) => p !== '404.html');
    expect(new Set(parsed.locs)).toEqual(new Set(pages.map((p) => `https://gazette.test.example/${p}`)));
  });
});
