/**
 * What a reader of the real archive notices, in real Chromium: every document has a date to
 * show and sort by (its 成文日期, else its issue's month, never an invented day), so is the feed;
 * the legal status a document prints is on its page and in the export; the phone's first screen
 * shows the latest issue's contents; every 规范性文件编号 finds its document; and odd queries get
 * an answer for bounded work.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launch, serve, type Served } from '../support/browser.ts';
import { documents, issues } from '../support/site.ts';
import { EMPTY_QUERY } from '../../src/lib/search-render.ts';
import { MAX_QUERY_CHARS } from '../../src/lib/search-text.ts';

const dir = inject('realDir');
const docs = documents(dir);
const allIssues = issues(dir);

let browser: Browser;
let site: Served;
const pages: Page[] = [];

beforeAll(async () => {
  [browser, site] = await Promise.all([launch(), serve(dir)]);
});
afterAll(async () => {
  await browser?.close();
  await site?.close();
});

async function open(path: string, viewport = { width: 1280, height: 900 }): Promise<Page> {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  pages.push(page);
  await page.goto(site.url + path);
  return page;
}

const monthLabel = (ym: string) => `${Number(ym.slice(0, 4))}年${Number(ym.slice(5, 7))}月`;

describe('dates', () => {
  it('every issue is dated by its printed publication date or by its month', () => {
    for (const i of allIssues) {
      expect(i.month).toBe(`${i.year}-${String(i.number).padStart(2, '0')}`);
      expect(i.date === i.month || /^\d{4}-\d{2}-\d{2}$/.test(i.date ?? '')).toBe(true);
    }
    // The one issue that prints 出版日期 keeps it; the others are dated by month only.
    expect(allIssues.find((i) => i.id === '2023-05')!.date).toBe('2023-06-20');
    expect(allIssues.find((i) => i.id === '2023-10')!.date).toBe('2023-10');
  });

  it('lists no document under 日期不详, and dates those without 成文日期 by their issue’s month', async () => {
    const page = await open('documents/');
    const groups = await page.$$eval('main section', (sections) =>
      sections.map((s) => ({
        heading: s.querySelector('h2')!.textContent!.trim(),
        items: [...s.querySelectorAll('li')].map((li) => ({
          id: new URL(li.querySelector('a')!.href).pathname.split('/').at(-2)!,
          date: li.querySelector('time')?.getAttribute('datetime') ?? null,
        })),
      })),
    );
    expect(groups.map((g) => g.heading)).not.toContain('日期不详');
    const listed = groups.flatMap((g) => g.items.map((item) => ({ ...item, heading: g.heading })));
    expect(listed.map((x) => x.id).toSorted()).toEqual(docs.map((d) => d.id).toSorted());
    for (const x of listed) {
      const d = docs.find((doc) => doc.id === x.id)!;
      expect(x.date, d.id).toBe(d.date ?? d.issueMonth);
      expect(x.heading, d.id).toBe(monthLabel((d.date ?? d.issueMonth)!));
    }
    expect(docs.filter((d) => d.date === null).length).toBeGreaterThan(10);
  });

  it('shows the issue’s month on the page of a document without 成文日期', async () => {
    const d = docs.find((x) => x.date === null && x.category === '政务简讯')!;
    const page = await open(`documents/${d.id}/`);
    const time = page.locator('.meta time').first();
    expect(await time.getAttribute('datetime')).toBe(d.issueMonth);
    expect(await time.textContent()).toBe(monthLabel(d.issueMonth!));
  });

  it('the feed carries printed dates or months, never an invented day', async () => {
    const page = await open('');
    const feed = await page.evaluate(async (url) => {
      const xml = new DOMParser().parseFromString(await (await fetch(url)).text(), 'application/xml');
      const atom = 'http://www.w3.org/2005/Atom';
      const dc = 'http://purl.org/dc/elements/1.1/';
      const textOf = (e: Element, ns: string, name: string) => [...e.getElementsByTagNameNS(ns, name)].map((x) => x.textContent);
      return {
        updated: [...xml.documentElement.children].filter((e) => e.localName === 'updated').map((e) => e.textContent),
        entries: [...xml.getElementsByTagNameNS(atom, 'entry')].map((e) => ({
          id: e.getElementsByTagNameNS(atom, 'id')[0]!.textContent!,
          times: [...textOf(e, atom, 'published'), ...textOf(e, atom, 'updated')],
          dc: textOf(e, dc, 'date'),
        })),
      };
    }, `${site.url}feed.xml`);
    const printed = allIssues.filter((i) => /^\d{4}-\d{2}-\d{2}$/.test(i.date ?? '')).map((i) => `${i.date}T00:00:00+08:00`);
    expect(feed.entries).toHaveLength(allIssues.length);
    for (const e of feed.entries) {
      const issue = allIssues.find((i) => e.id.endsWith(`/issues/${i.id}/`))!;
      expect(e.dc).toEqual([issue.date]);
      for (const t of e.times) expect(printed).toContain(t);
      if (issue.date === issue.month) expect(e.times).toEqual([]);
    }
    for (const t of feed.updated) expect(printed).toContain(t);
  });
});

describe('legal status', () => {
  it('is stated on the page where the text prints it: 施行日期, 有效期至, and what it 废止', async () => {
    const d = docs.find((x) => x.status.effective && x.status.expires && x.status.repeals.length > 0)!;
    const page = await open(`documents/${d.id}/`);
    const meta = Object.fromEntries(
      await page.$$eval('.meta > div', (divs) =>
        divs.map((x) => [x.querySelector('dt')!.textContent!.trim(), x.querySelector('dd time')?.getAttribute('datetime')]),
      ),
    );
    expect(meta['施行日期']).toBe(d.status.effective);
    expect(meta['有效期至']).toBe(d.status.expires);
    const changes = await page.locator('.callout.changes').textContent();
    expect(changes).toContain('本文废止');
    for (const r of d.status.repeals) expect(changes).toContain(r.title!);
  });

  it('states no status on a page whose text prints none', async () => {
    const d = docs.find((x) => !x.status.effective && !x.status.expires && x.category === '市府办文件')!;
    const page = await open(`documents/${d.id}/`);
    expect(await page.locator('.meta dt', { hasText: /施行日期|有效期至/ }).count()).toBe(0);
  });
});

describe('phone', () => {
  it('the home page shows the latest issue’s contents within the first 700 px', async () => {
    const page = await open('', { width: 390, height: 844 });
    const heading = await page.locator('#latest-contents').boundingBox();
    const first = await page.locator('.latest-contents .toc a').first().boundingBox();
    expect(heading!.y).toBeLessThan(700);
    expect(first!.y + first!.height).toBeLessThanOrEqual(700);
  });

  it('a long document folds its contents list, so the text starts on the first screens', async () => {
    const long = docs.find((d) => d.id === 'wzb-2023-42')!;
    const page = await open(`documents/${long.id}/`, { width: 390, height: 844 });
    expect(await page.locator('.doc-toc details').getAttribute('open')).toBeNull();
    expect(await page.locator('.doc-toc ol').first().isVisible()).toBe(false);
    const body = await page.locator('.doc-body').boundingBox();
    expect(body!.y).toBeLessThan(1500);
    // Beside the text on a wide screen, the same list is open.
    const wide = await open(`documents/${long.id}/`);
    expect(await wide.locator('.doc-toc ol').first().isVisible()).toBe(true);
  });
});

describe('search', () => {
  const code = docs.find((d) => d.normativeCode === 'ZJCC01-2023-0007')!;

  async function search(q: string): Promise<{ page: Page; bytes: number; status: string; ids: string[] }> {
    const context = await browser.newContext();
    const page = await context.newPage();
    pages.push(page);
    const bodies: Promise<number>[] = [];
    page.on('response', (r) => {
      if (r.url().includes('/search/exact/')) bodies.push(r.body().then((b) => b.length));
    });
    await page.goto(`${site.url}search/?q=${encodeURIComponent(q)}`);
    await page.waitForFunction(() =>
      ['done', 'idle', 'error'].includes(document.querySelector<HTMLElement>('[data-search-results]')?.dataset.searchState ?? ''),
    );
    await page.waitForLoadState('networkidle');
    const ids = await page.$$eval('[data-search-results] > li h2 a', (as) =>
      as.map((a) => new URL((a as HTMLAnchorElement).href).pathname.split('/').at(-2)!),
    );
    const bytes = (await Promise.all(bodies)).reduce((a, b) => a + b, 0);
    return { page, bytes, status: (await page.textContent('[data-search-status]')) ?? '', ids };
  }

  it.each(['ZJCC01-2023-0007', 'ZJCC01–2023–0007', 'ZJCC01 — 2023 — 0007', 'zjcc01－2023－0007', 'ZJCC0120230007'])(
    'finds the document of a 规范性文件编号 written %s',
    async (q) => {
      const { ids } = await search(q);
      expect(ids).toEqual([code.id]);
    },
  );

  it('every 规范性文件编号 of the archive finds its document', async () => {
    const page = await open('search/');
    await page.waitForFunction(() => 'gazetteSearch' in globalThis);
    const coded = docs.filter((d) => d.normativeCode);
    expect(coded.length).toBeGreaterThan(5);
    const found = await page.evaluate(
      async (codes) => {
        const api = (globalThis as unknown as { gazetteSearch: { search(q: string): Promise<{ ids: string[] }> } }).gazetteSearch;
        return Promise.all(codes.map(async (c) => (await api.search(c.replaceAll('-', ' – '))).ids));
      },
      coded.map((d) => d.normativeCode!),
    );
    expect(found).toEqual(coded.map((d) => [d.id]));
  });

  it('answers an empty or all-space query in the status line', async () => {
    for (const q of ['', '   ', '\u3000']) expect((await search(q)).status).toBe(EMPTY_QUERY);
    const page = await open('search/?q=温州');
    await page.waitForSelector('[data-search-state="done"]');
    await page.fill('input[name="q"]', '   ');
    await page.press('input[name="q"]', 'Enter');
    await expect.poll(() => page.textContent('[data-search-status]')).toBe(EMPTY_QUERY);
    expect(await page.locator('[data-search-results] > li').count()).toBe(0);
  });

  it('bounds the work of a 500-character query and says what it searched', async () => {
    const long = '温州市人民政府办公室关于进一步规范乡镇街道消防工作的实施意见'.repeat(20).slice(0, 500);
    const short = await search(long.slice(0, MAX_QUERY_CHARS));
    const result = await search(long);
    expect(result.status).toContain(`只按前 ${MAX_QUERY_CHARS} 个字检索`);
    expect(result.status.length).toBeLessThan(100);
    expect(result.status).not.toContain(long.slice(0, 40));
    // Exactly what the query cut to its searched length fetches, however long the query typed.
    expect(result.bytes).toBe(short.bytes);
    expect(result.bytes).toBeLessThan(300_000);
    expect(result.ids).toEqual(short.ids);
  });
});
