/**
 * The snapshot's website opened straight from a disk: every internal URL is relative and names a
 * file, and in real Chromium from file:// the styles load and links lead from the home page down
 * to a document and back. The same copy also works served at any sub-path.
 */
import { readFileSync } from 'node:fs';
import { join, posix } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { listFiles } from '../../scripts/snapshot/make.ts';
import { offlinePage, offlineUrl, type Problem, SiteFiles } from '../../scripts/snapshot/offline.ts';
import { launch, serve } from '../support/browser.ts';
import { hrefs, page as parsed, selectAll, text } from '../support/site.ts';
import { snapshotSite } from '../support/snapshot-setup.ts';

const siteDir = inject('siteDir');
let site: string;
let browser: Browser;

beforeAll(async () => {
  site = snapshotSite(siteDir, 'gazette-offline-');
  browser = await launch();
});
afterAll(() => browser?.close());

describe('rewriting a URL', () => {
  const files = ['index.html', 'documents/a/index.html', 'issues/2023-05/index.html', '_astro/site.css', 'data/documents.json', 'feed.xml'];
  const rewrite = (url: string, page: string, base = '/') => {
    const problems: Problem[] = [];
    const out = offlineUrl(url, page, new SiteFiles(base, files), problems);
    return { out, problems: problems.map((p) => p.reason) };
  };

  it('makes internal URLs relative, ending in the file', () => {
    expect(rewrite('/', 'index.html').out).toBe('index.html');
    expect(rewrite('/documents/a/', 'index.html').out).toBe('documents/a/index.html');
    expect(rewrite('/documents/a', 'index.html').out).toBe('documents/a/index.html');
    expect(rewrite('/', 'documents/a/index.html').out).toBe('../../index.html');
    expect(rewrite('/issues/2023-05/', 'documents/a/index.html').out).toBe('../../issues/2023-05/index.html');
    expect(rewrite('/_astro/site.css', 'documents/a/index.html').out).toBe('../../_astro/site.css');
    expect(rewrite('../../feed.xml', 'documents/a/index.html').out).toBe('../../feed.xml');
  });

  it('keeps queries and fragments, and a link within the page', () => {
    expect(rewrite('/documents/a/?q=温州#附件1', 'index.html').out).toBe('documents/a/index.html?q=%E6%B8%A9%E5%B7%9E#%E9%99%84%E4%BB%B61');
    expect(rewrite('/documents/a/#top', 'documents/a/index.html').out).toBe('index.html#top');
    expect(rewrite('#附件1', 'documents/a/index.html').out).toBeNull();
  });

  it('leaves other sites alone', () => {
    for (const url of ['https://www.wenzhou.gov.cn/', '//cdn.example.org/x.js', 'mailto:a@b.c', 'data:image/png;base64,AAAA'])
      expect(rewrite(url, 'index.html')).toEqual({ out: null, problems: [] });
  });

  it('strips the base of a site built for a sub-path', () => {
    expect(rewrite('/mirror/gazette/documents/a/', 'issues/2023-05/index.html', '/mirror/gazette/').out).toBe(
      '../../documents/a/index.html',
    );
    expect(rewrite('/mirror/gazette/', 'documents/a/index.html', '/mirror/gazette/').out).toBe('../../index.html');
  });

  it('reports links that would land nowhere', () => {
    expect(rewrite('/documents/b/', 'index.html').problems).toEqual(['leads to no file of the site']);
    expect(rewrite('/elsewhere/', 'index.html', '/mirror/gazette/').problems).toEqual(["is outside the site's base /mirror/gazette/"]);
  });

  it('rewrites every kind of URL attribute, and nothing else', () => {
    const html =
      '<!doctype html><html><head><link rel="stylesheet" href="/_astro/site.css"><link rel="canonical" href="https://gazette.example.org/">' +
      '</head><body><a href="/documents/a/" data-href="/documents/a/">a</a><img src="/_astro/site.css" srcset="/_astro/site.css 1x, /feed.xml 2x" alt="">' +
      '<form action="/documents/a/" method="get"><input name="q"></form><p>/documents/a/</p></body></html>';
    const out = offlinePage(html, 'issues/2023-05/index.html', new SiteFiles('/', files), []);
    expect(out).toContain('href="../../_astro/site.css"');
    expect(out).toContain('href="https://gazette.example.org/"');
    expect(out).toContain('<a href="../../documents/a/index.html" data-href="/documents/a/">');
    expect(out).toContain('srcset="../../_astro/site.css 1x, ../../feed.xml 2x"');
    expect(out).toContain('action="../../documents/a/index.html"');
    expect(out).toContain('<p>/documents/a/</p>');
  });
});

describe('the snapshot site', () => {
  it('has only relative internal URLs, each naming a file it holds', () => {
    const all = listFiles(site);
    const present = new Set(all);
    const broken: string[] = [];
    let checked = 0;
    for (const file of all.filter((f) => f.endsWith('.html'))) {
      const tree = parsed(site, file);
      const urls = [
        ...hrefs(tree, 'a[href], link[href], area[href]'),
        ...selectAll('script[src], img[src], source[src], iframe[src]', tree).map((e) => String(e.properties.src)),
        ...selectAll('form[action]', tree).map((e) => String(e.properties.action)),
      ];
      for (const url of urls) {
        if (/^[a-z][a-z0-9+.-]*:|^\/\/|^#/i.test(url)) continue;
        checked++;
        const path = posix.normalize(posix.join(posix.dirname(file), decodeURIComponent(url.split(/[?#]/)[0]!)));
        if (url.startsWith('/') || !present.has(path)) broken.push(`${file}: ${url}`);
      }
    }
    expect(broken).toEqual([]);
    expect(checked).toBeGreaterThan(500);
  });

  it('keeps the built site itself as it was, servable under its base', () => {
    expect(hrefs(parsed(siteDir, ''), 'link[rel=stylesheet]')[0]).toMatch(/^\/_astro\//);
  });
});

describe('in Chromium', () => {
  /** A page that records every load that failed. */
  async function open(url: string): Promise<{ page: Page; failed: string[] }> {
    const page = await browser.newPage();
    const failed: string[] = [];
    page.on('requestfailed', (r) => failed.push(r.url()));
    page.on('response', (r) => r.status() >= 400 && failed.push(r.url()));
    await page.goto(url);
    return { page, failed };
  }

  const heading = (page: Page) => page.textContent('h1');
  const styled = (page: Page) => page.$eval('h1', (h) => getComputedStyle(h).fontFamily);

  it('from file://: styles load, and links lead from the home page to a document and back', async () => {
    const { page, failed } = await open(pathToFileURL(join(site, 'index.html')).href);
    const unstyled = await browser.newPage();
    await unstyled.setContent('<h1>x</h1>');
    expect(await styled(page)).not.toBe(await styled(unstyled));
    // The home page's own heading is hidden visually, by the stylesheet.
    expect(await page.$eval('main h1', (h) => getComputedStyle(h).position)).toBe('absolute');

    await page.click('main a:text-is("第5期")');
    await page.waitForURL(/\/issues\/2023-05\/index\.html$/);
    expect(await heading(page)).toContain('2023年第5期');

    await page.click('main a[href$="wzb-2023-51/index.html"]');
    await page.waitForURL(/\/documents\/wzb-2023-51\/index\.html$/);
    expect(await heading(page)).toContain('卫生健康现代化建设实施方案');
    expect(await styled(page)).not.toBe(await styled(unstyled));

    // A heading link stays on the page.
    const anchor = await page.$eval('main a[href^="#附件"]', (a) => a.getAttribute('href')!);
    await page.click(`main a[href="${anchor}"]`);
    expect(decodeURIComponent(new URL(page.url()).hash)).toBe(anchor);

    // Back up: to the issue, by its link, then home, by the masthead.
    await page.click('main a[href$="issues/2023-05/index.html"]');
    await page.waitForURL(/\/issues\/2023-05\/index\.html$/);
    await page.click('a.site-name');
    await page.waitForURL(/\/data\/site\/index\.html$/);
    expect(await page.title()).toBe('温州市人民政府公报');
    await page.goBack();
    await page.waitForURL(/\/issues\/2023-05\/index\.html$/);

    // Every link of the masthead's navigation lands on a page.
    for (const href of await page.$$eval('nav a[href]', (as) => as.map((a) => (a as HTMLAnchorElement).href))) {
      const to = await browser.newPage();
      await to.goto(href);
      expect(await to.textContent('h1'), href).toBeTruthy();
      await to.close();
    }
    expect(failed).toEqual([]);
    await Promise.all([page.close(), unstyled.close()]);
  });

  it('served at any sub-path: links and styles still work', async () => {
    const served = await serve(site, '/any/deep/path/');
    try {
      const { page, failed } = await open(served.url);
      await page.click('main a:text-is("第5期")');
      await page.waitForURL(/\/any\/deep\/path\/issues\/2023-05\/index\.html$/);
      await page.click('main a[href$="wzb-2023-51/index.html"]');
      expect(await heading(page)).toContain('卫生健康现代化建设实施方案');
      expect(failed).toEqual([]);
      await page.close();
    } finally {
      await served.close();
    }
  });
});

// A rewritten page is still the page: same text, same structure.
it('rewriting keeps the text of every page', () => {
  for (const file of listFiles(siteDir)
    .filter((f) => f.endsWith('.html'))
    .slice(0, 20)) {
    const before = text(parsed(siteDir, file));
    expect(text(parsed(site, file))).toBe(before);
    expect(readFileSync(join(site, file), 'utf8').startsWith('<!doctype html>')).toBe(true);
  }
});
