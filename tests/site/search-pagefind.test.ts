/**
 * The archive's Pagefind index alone is exact: in real Chromium, hundreds of generated queries
 * (substrings, every 文号 notation, names, AND, Traditional, queries found nowhere and queries of
 * one character) sent to Pagefind as src/lib/search-pairs.ts encodes them find exactly the
 * documents the ground truth (computed from the data export) says, with no other engine involved.
 * The index is written here as several bundles, merged in the page as the portal merges them.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { BUNDLES, type Bundles, bundlesOf, exactSearch, type Pagefind, resultOf } from '../../src/lib/portal.ts';
import { fragmentUrl, laterClashes } from '../../scripts/pagefind-bundle.ts';
import { encodeMeta, META, pairQuery } from '../../src/lib/search-pairs.ts';
import { traditionalChars } from '../../src/lib/search-build.ts';
import { openccConverters } from '../../src/lib/search-opencc.ts';
import { type Converter, normalize, splitQuery, termVariants } from '../../src/lib/search-text.ts';
import { launch, type Served, serve } from '../support/browser.ts';
import { random } from '../support/random.ts';
import { generateQueries, type Query, readExport, Truth } from '../support/search-queries.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const siteDir = inject('siteDir');
let browser: Browser;
let site: Served;
let page: Page;
let truth: Truth;
let converters: Converter[];
let dir: string;
let traditional: Set<string>;

interface Window {
  pagefind: {
    mergeIndex(url: string): Promise<void>;
    search(q: string, o?: object): Promise<{ results: { id: string; score: number; data(): Promise<unknown> }[] }>;
  };
}

/** Pagefind in the page, answering with each result's id and data. */
const live: Pagefind = {
  async search(q, options) {
    const results = await page.evaluate(
      async ([q, options]) => {
        const found = await (window as unknown as Window).pagefind.search(q, options);
        return Promise.all(
          found.results.map(async (r) => ({
            id: r.id,
            score: r.score,
            data: (await r.data()) as { url: string; meta: Record<string, string> },
          })),
        );
      },
      [q, options] as const,
    );
    return { results: results.map((r) => ({ id: r.id, score: r.score, data: async () => r.data })) };
  },
};

const variantsOf = (q: string) => splitQuery(q).map((t) => termVariants(t, traditional, converters));
const idOf = (url: string) => url.split('/').filter(Boolean).at(-1)!;

async function find(q: string, filters?: Record<string, string>, pagefind = live): Promise<string[]> {
  const results = await exactSearch(pagefind, variantsOf(q), filters);
  return (await Promise.all(results.map(async (r) => idOf((await resultOf(r)).href)))).sort();
}

/**
 * Pagefind's answers to many queries, asked in one go: each Pagefind query (a quoted phrase of
 * pairs) is sent once, and the documents it finds are recorded by URL.
 */
async function answered(queries: readonly string[]): Promise<Pagefind> {
  const asked = [...new Set(queries.flatMap((q) => variantsOf(q).flat().map(pairQuery)))].filter((q) => q !== null);
  const urls = await page.evaluate(async (asked) => {
    const out: string[][] = [];
    for (const q of asked) {
      const found = await (window as unknown as Window).pagefind.search(q);
      out.push(await Promise.all(found.results.map(async (r) => ((await r.data()) as { url: string }).url)));
    }
    return out;
  }, asked);
  const byQuery = new Map(asked.map((q, i) => [q, urls[i]!]));
  return {
    search: async (q) => ({
      results: (byQuery.get(q) ?? []).map((url) => ({ id: url, score: 0, data: async () => ({ url, meta: { [META]: encodeMeta({}) } }) })),
    }),
  };
}

/** Queries of one character: characters of the documents, common and rare, and characters of none. */
function oneCharacterQueries(count: number): Query[] {
  const rnd = random(7);
  const chars = [...new Set(truth.docs.flatMap((d) => [...normalize([d.title ?? '', ...d.paragraphs].join(''))]))];
  const out: Query[] = [];
  for (let i = 0; i < count; i++) out.push({ q: chars[Math.floor(rnd() * chars.length)]!, kind: 'substring' });
  for (const q of ['龘', '〓', 'Ω', '"', '＂', '#', '’']) out.push({ q, kind: 'nowhere' });
  return out;
}

beforeAll(async () => {
  // The site's content as the ingest wrote it (beside its dist/, see tests/support/build.ts),
  // indexed in bundles of about 30,000 characters of text; the truth is the site's data export.
  dir = mkdtempSync(join(tmpdir(), 'gazette-pagefind-'));
  // Pagefind reads the language to cut queries in from the page; the index is language-neutral.
  writeFileSync(join(dir, 'index.html'), '<!doctype html><html lang="und"><title>Pagefind</title></html>');
  await promisify(execFile)(
    process.execPath,
    ['scripts/pagefind.ts', '--content', join(siteDir, '..', 'content'), '--out', join(dir, 'pagefind'), '--bundle-chars', '30000'],
    { cwd: ROOT },
  );
  [browser, site, truth, converters] = await Promise.all([launch(), serve(dir), Truth.of(readExport(siteDir)), openccConverters()]);
  traditional = new Set(traditionalChars(converters));
  const bundles = await bundlesOf(new URL('pagefind/', site.url));
  expect(bundles.length).toBeGreaterThanOrEqual(3);
  const [first, ...others] = bundles;
  page = await browser.newPage();
  await page.goto(site.url);
  await page.addScriptTag({ type: 'module', content: `import * as pf from '${first}pagefind.js'; window.pagefind = pf;` });
  await page.waitForFunction(() => 'pagefind' in window);
  await page.evaluate(async (others) => {
    for (const url of others) await (window as unknown as Window).pagefind.mergeIndex(url);
  }, others);
});
afterAll(async () => {
  await browser?.close();
  await site?.close();
});

describe('the Pagefind index', () => {
  it(
    'finds every document containing the query and only those, for 500 generated queries and 60 of one character',
    { timeout: 300_000 },
    async () => {
      const queries = [...generateQueries(truth, 500, 2025), ...oneCharacterQueries(60)];
      expect(queries.length).toBeGreaterThanOrEqual(560);
      const pagefind = await answered(queries.map((q) => q.q));
      const wrong: string[] = [];
      let expectedResults = 0;
      for (const { q, kind } of queries) {
        const expected = truth.expected(q).toSorted();
        expectedResults += expected.length;
        const got = await find(q, {}, pagefind);
        if (got.join() !== expected.join()) wrong.push(`[${kind}] ${q}: found ${got.join(' ')}; expected ${expected.join(' ')}`);
      }
      expect(wrong).toEqual([]);
      expect(expectedResults).toBeGreaterThan(queries.length);
      expect(queries.filter((q) => truth.expected(q.q).length === 0).length).toBeGreaterThan(10);
    },
  );

  it('gives every document a fragment of its own, its name unique across bundles', async () => {
    const { bundles } = JSON.parse(readFileSync(join(dir, 'pagefind', BUNDLES), 'utf8')) as Bundles;
    const listings = bundles.map((b) => readdirSync(join(dir, 'pagefind', b, 'fragment')));
    expect(laterClashes(listings)).toEqual(new Map());
    const urls = bundles.flatMap((b, i) => listings[i]!.map((f) => fragmentUrl(join(dir, 'pagefind', b, 'fragment', f))));
    expect(urls.toSorted()).toEqual(truth.docs.map((d) => `/documents/${d.id}/`).toSorted());
  });

  it('filters by year and category, and labels each result', { timeout: 120_000 }, async () => {
    const all = await find('温州');
    const category = truth.docs.find((d) => d.id === all[0])!.category;
    const filtered = await find('温州', { category });
    expect(filtered.length).toBeGreaterThan(0);
    expect(filtered).toEqual(all.filter((id) => truth.docs.find((d) => d.id === id)!.category === category));
    const year = String(truth.docs[0]!.issue.year);
    expect(await find('温州', { year })).toEqual(all.filter((id) => String(truth.docs.find((d) => d.id === id)!.issue.year) === year));
    const [first] = await exactSearch(live, [[normalize('温州')]]);
    const shown = await resultOf(first!);
    const doc = truth.docs.find((d) => shown.href.includes(`/${d.id}/`))!;
    expect(shown).toMatchObject({ gazette: '温州市人民政府公报', category: doc.category, docNumber: doc.docNumber });
  });
});
