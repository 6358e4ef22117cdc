/**
 * The portal over two archives of different gazettes, one served at a root and one under a
 * sub-path, each on an origin of its own, plus one that does not answer: in real Chromium it
 * finds exactly what the union of the archives holds (ground truth from their data exports),
 * labels and links each result to its archive, filters by gazette, and names the missing archive.
 * One archive's index is in several bundles, as a large archive's is.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { BUNDLES, type Bundles, type PortalResult } from '../../src/lib/portal.ts';
import { launch, type Served, serve } from '../support/browser.ts';
import { buildArchiveAsync } from '../support/build.ts';
import { generateQueries, type Query, readExport, Truth } from '../support/search-queries.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const OTHER = { name: '瓯江市人民政府公报', publisher: '瓯江市人民政府' };
const SUB_PATH = '/library/oujiang/';

let browser: Browser;
let page: Page;
let servers: Served[];
let truth: Truth;
let queries: Query[];
/** Document id → the gazette and URL its archive is served at. */
const home = new Map<string, { gazette: string; url: string }>();
let down: string;

beforeAll(async () => {
  const config = join(mkdtempSync(join(tmpdir(), 'gazette-config-')), 'site.json');
  writeFileSync(config, JSON.stringify(OTHER));
  const first = inject('siteDir');
  // The second archive's index is written in several bundles, each merged by the portal.
  const second = await buildArchiveAsync(['content/sources/2023-10.txt'], SUB_PATH, {
    GAZETTE_SITE_CONFIG: config,
    GAZETTE_PAGEFIND_BUNDLE_CHARS: '20000',
  });
  expect((JSON.parse(readFileSync(join(second, 'pagefind', BUNDLES), 'utf8')) as Bundles).bundles.length).toBeGreaterThanOrEqual(3);
  const [a, b, gone] = await Promise.all([serve(first, '/', true), serve(second, SUB_PATH, true), serve(first)]);
  down = gone.url;
  await gone.close();
  const out = mkdtempSync(join(tmpdir(), 'gazette-portal-'));
  await promisify(execFile)(
    process.execPath,
    ['scripts/portal.ts', '--archive', a.url, '--archive', b.url, '--archive', down, '--out', out],
    {
      cwd: ROOT,
    },
  );
  const portal = await serve(out);
  servers = [a, b, portal];
  const docs = [];
  for (const [dir, gazette, url] of [
    [first, '温州市人民政府公报', a.url],
    [second, OTHER.name, b.url],
  ] as const) {
    for (const d of readExport(dir)) {
      expect(home.has(d.id), d.id).toBe(false);
      home.set(d.id, { gazette, url });
      docs.push(d);
    }
  }
  truth = await Truth.of(docs);
  queries = generateQueries(truth, 300, 77);
  browser = await launch();
  page = await browser.newPage();
  await page.goto(portal.url);
  await page.waitForFunction(() => document.querySelector<HTMLElement>('[data-portal-results]')?.dataset.state === 'ready');
});
afterAll(async () => {
  await browser?.close();
  for (const s of servers ?? []) await s.close();
});

interface Api {
  gazettePortal: { search(q: string, filters?: Record<string, string>): Promise<PortalResult[]> };
}

const searchAll = (qs: readonly string[], filters: Record<string, string> = {}) =>
  page.evaluate(
    async ([qs, filters]) => {
      const out: PortalResult[][] = [];
      for (const q of qs) out.push(await (globalThis as unknown as Api).gazettePortal.search(q, filters));
      return out;
    },
    [qs, filters] as const,
  );

const idOf = (href: string) => new URL(href).pathname.split('/').filter(Boolean).at(-1)!;

describe('the portal', () => {
  it('finds exactly the documents of both archives that contain the query, for 300 generated queries', { timeout: 300_000 }, async () => {
    expect(queries.length).toBeGreaterThanOrEqual(300);
    const found = await searchAll(queries.map((q) => q.q));
    const wrong: string[] = [];
    queries.forEach(({ q, kind }, i) => {
      const expected = truth.expected(q).toSorted();
      const got = found[i]!.map((r) => idOf(r.href)).sort();
      if (got.join() !== expected.join()) wrong.push(`[${kind}] ${q}: found ${got.join(' ')}; expected ${expected.join(' ')}`);
      // Each result is labelled with its gazette and links into its own archive.
      for (const r of found[i]!) {
        const where = home.get(idOf(r.href));
        if (!where || r.gazette !== where.gazette || !r.href.startsWith(`${where.url}documents/`))
          wrong.push(`${q}: ${r.gazette} ${r.href}`);
      }
    });
    expect(wrong).toEqual([]);
    const gazettes = (q: Query) => new Set(truth.expected(q.q).map((id) => home.get(id)!.gazette)).size;
    expect(queries.filter((q) => gazettes(q) === 2).length).toBeGreaterThan(10);
    expect(queries.filter((q) => gazettes(q) === 1).length).toBeGreaterThan(10);
    expect(queries.filter((q) => gazettes(q) === 0).length).toBeGreaterThan(10);
  });

  it('shows a query found in both archives with results of both, labelled and linked', async () => {
    await page.fill('input[name="q"]', '人民政府');
    await page.press('input[name="q"]', 'Enter');
    await page.waitForFunction(() => document.querySelector<HTMLElement>('[data-portal-results]')?.dataset.state === 'done');
    const shown = await page.$$eval('[data-portal-results] > li', (lis) =>
      lis.map((li) => ({ gazette: li.querySelector('.gazette')!.textContent, href: li.querySelector<HTMLAnchorElement>('h2 a')!.href })),
    );
    expect(new Set(shown.map((s) => s.gazette))).toEqual(new Set(['温州市人民政府公报', OTHER.name]));
    for (const s of shown) expect(s.href.startsWith(home.get(idOf(s.href))!.url)).toBe(true);
    const target = shown.find((s) => s.gazette === OTHER.name)!;
    await page.goto(target.href);
    expect(new URL(page.url()).pathname.startsWith(SUB_PATH)).toBe(true);
    expect(await page.textContent('h1')).toBeTruthy();
    await page.goBack();
    await page.waitForFunction(() => document.querySelector<HTMLElement>('[data-portal-results]')?.dataset.state === 'done');
  });

  it('returns only the archive that holds a query found in one', async () => {
    const only = queries.find((q) => {
      const ids = truth.expected(q.q);
      return ids.length > 0 && ids.every((id) => home.get(id)!.gazette === OTHER.name);
    })!;
    const [results] = await searchAll([only.q]);
    expect(results!.length).toBeGreaterThan(0);
    expect(new Set(results!.map((r) => r.gazette))).toEqual(new Set([OTHER.name]));
  });

  it('filters by gazette', async () => {
    const [all, filtered] = [...(await searchAll(['温州'])), ...(await searchAll(['温州'], { gazette: OTHER.name }))];
    expect(filtered!.length).toBeGreaterThan(0);
    expect(filtered!.map((r) => r.href).sort()).toEqual(
      all!
        .filter((r) => r.gazette === OTHER.name)
        .map((r) => r.href)
        .sort(),
    );
  });

  it('names the archive that does not answer', async () => {
    const note = page.locator('[data-portal-unreachable]');
    expect(await note.isVisible()).toBe(true);
    expect(await note.textContent()).toContain(down);
  });
});
