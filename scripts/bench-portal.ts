/**
 * npm run bench:portal -- [--archives 3] [--copies 2] [--queries 300] [--seed 1] [--cold 10] [--keep]
 *
 * The portal over many archives, measured in real Chromium: builds that many synthetic archives of
 * different gazettes, two at a time (each of `--copies` copies of content/sources, renumbered so
 * that no two archives share an issue or a document id; scripts/copies.ts, with a site config of
 * its own, as GAZETTE_SITE_CONFIG allows), serves each on an origin of its own, writes the portal
 * over all of them (scripts/portal.ts) and prints:
 *
 * - recall and precision of the portal's search for generated queries against the union of the
 *   archives' texts (ground truth from their data exports, tests/support/search-queries.ts);
 * - the latency of a search once the page is open (median, p95);
 * - a reader's first search: a fresh browser context opens the portal with `?q=`, and the time
 *   until the results are shown and every byte it fetched are counted.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { PortalResult } from '../src/lib/portal.ts';
import { launch, metered, type Served, serve } from '../tests/support/browser.ts';
import { buildArchiveAsync } from '../tests/support/build.ts';
import { type ExportedDoc, generateQueries, readExport, Truth } from '../tests/support/search-queries.ts';
import { writeCopies } from './copies.ts';

const ROOT = resolve(import.meta.dirname, '..');
const { values: args } = parseArgs({
  options: {
    archives: { type: 'string', default: '3' },
    copies: { type: 'string', default: '2' },
    queries: { type: 'string', default: '300' },
    seed: { type: 'string', default: '1' },
    cold: { type: 'string', default: '10' },
    keep: { type: 'boolean', default: false },
  },
});
const count = (name: keyof typeof args) => {
  const n = Number(args[name]);
  if (!Number.isInteger(n) || n < 1) throw new Error(`--${name} must be a positive integer, not ${String(args[name])}`);
  return n;
};
const archives = count('archives');
const copies = count('copies');

/** Builds at once: each is an Astro process of its own, and the machine has two cores. */
const AT_ONCE = 2;

/** Names for the synthetic gazettes: the sexagenary cycle gives sixty that differ. */
const STEMS = '甲乙丙丁戊己庚辛壬癸';
const BRANCHES = '子丑寅卯辰巳午未申酉戌亥';
const gazetteName = (a: number) => `${STEMS[a % 10]}${BRANCHES[a % 12]}市人民政府公报`;

const quantile = (xs: readonly number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.floor(q * s.length))]! : NaN;
};
const ms = (x: number) => `${x.toFixed(0)} ms`;
const kb = (n: number) => `${(n / 1024).toFixed(0)} KB`;
const pct = (x: number) => `${(100 * x).toFixed(2)} %`;

/** Builds archive `a` from copies a·copies … (a+1)·copies − 1; returns its built folder. */
async function buildOne(work: string, a: number): Promise<string> {
  const dir = join(work, `archive-${a}`);
  const sources = join(dir, 'sources');
  mkdirSync(sources, { recursive: true });
  writeCopies(join(ROOT, 'content/sources'), sources, copies, a * copies);
  const config = join(dir, 'site.json');
  const name = gazetteName(a);
  writeFileSync(config, JSON.stringify({ name, publisher: name.replace(/公报$/u, '') }));
  const paths = readdirSync(sources).map((f) => join(sources, f));
  return buildArchiveAsync(paths, '/', { GAZETTE_SITE_CONFIG: config });
}

const idOf = (href: string) => new URL(href).pathname.split('/').filter(Boolean).at(-1)!;

interface Api {
  gazettePortal: { search(q: string): Promise<PortalResult[]> };
}

const work = mkdtempSync(join(tmpdir(), 'gazette-portal-bench-'));
const served: Served[] = [];
const built: string[] = [];
try {
  const started = performance.now();
  for (let a = 0; a < archives; a += AT_ONCE)
    built.push(...(await Promise.all(Array.from({ length: Math.min(AT_ONCE, archives - a) }, (_, i) => buildOne(work, a + i)))));
  const buildMs = performance.now() - started;

  const docs: ExportedDoc[] = [];
  const home = new Map<string, string>();
  for (const [a, dir] of built.entries()) {
    served.push(await serve(dir, '/', true));
    for (const d of readExport(dir)) {
      if (home.has(d.id)) throw new Error(`document ${d.id} is in two archives`);
      home.set(d.id, served[a]!.url);
      docs.push(d);
    }
  }
  const portalDir = join(work, 'portal');
  execFileSync(process.execPath, ['scripts/portal.ts', ...served.flatMap((s) => ['--archive', s.url]), '--out', portalDir], {
    cwd: ROOT,
    stdio: 'ignore',
  });
  const portal = await serve(portalDir);
  served.push(portal);

  const truth = await Truth.of(docs);
  const queries = generateQueries(truth, count('queries'), count('seed'));
  const browser = await launch();
  try {
    const page = await browser.newPage();
    await page.goto(portal.url);
    await page.waitForFunction(() => document.querySelector<HTMLElement>('[data-portal-results]')?.dataset.state === 'ready');
    let tp = 0;
    let fp = 0;
    let fn = 0;
    let exact = 0;
    let mislinked = 0;
    const latency: number[] = [];
    for (const { q } of queries) {
      const { results, took } = await page.evaluate(async (q) => {
        const t0 = performance.now();
        const results = await (globalThis as unknown as Api).gazettePortal.search(q);
        return { results, took: performance.now() - t0 };
      }, q);
      latency.push(took);
      const expected = new Set(truth.expected(q));
      const found = new Set(results.map((r) => idOf(r.href)));
      for (const r of results) if (!r.href.startsWith(`${home.get(idOf(r.href))}documents/`)) mislinked++;
      const hit = [...found].filter((id) => expected.has(id)).length;
      tp += hit;
      fp += found.size - hit;
      fn += expected.size - hit;
      if (hit === expected.size && found.size === expected.size) exact++;
    }

    // A reader's first search: nothing cached, the page opened on a query.
    const first: { ms: number; bytes: number }[] = [];
    for (const { q } of queries.slice(0, count('cold'))) {
      const context = await browser.newContext();
      const fresh = await context.newPage();
      const cdp = await context.newCDPSession(fresh);
      await cdp.send('Network.enable');
      const t0 = performance.now();
      const { bytes } = await metered(cdp, async () => {
        await fresh.goto(`${portal.url}?q=${encodeURIComponent(q)}`);
        await fresh.waitForFunction(() => document.querySelector<HTMLElement>('[data-portal-results]')?.dataset.state === 'done', null, {
          timeout: 120_000,
        });
      });
      first.push({ ms: performance.now() - t0, bytes });
      await context.close();
    }

    console.log(
      `${archives} archives × ${copies} copies (${archives * copies * 4} issues, ${docs.length} documents), built ${AT_ONCE} at a time in ${(buildMs / 1000).toFixed(0)} s`,
    );
    console.log(
      `recall ${pct(tp / Math.max(1, tp + fn))}, precision ${pct(tp / Math.max(1, tp + fp))}: ${exact}/${queries.length} queries exactly right (${fn} missed, ${fp} wrong, ${mislinked} linked into the wrong archive)`,
    );
    console.log('');
    console.log(
      '| archives × copies | documents | queries | recall | precision | search, page open: median / p95 | first search: median / p95 | first search: bytes, median / max |',
    );
    console.log(
      '| ----------------: | --------: | ------: | -----: | --------: | ------------------------------: | -------------------------: | --------------------------------: |',
    );
    console.log(
      `| ${archives} × ${copies} | ${docs.length} | ${queries.length} | ${pct(tp / Math.max(1, tp + fn))} | ${pct(tp / Math.max(1, tp + fp))} | ` +
        `${ms(quantile(latency, 0.5))} / ${ms(quantile(latency, 0.95))} | ` +
        `${ms(
          quantile(
            first.map((f) => f.ms),
            0.5,
          ),
        )} / ${ms(
          quantile(
            first.map((f) => f.ms),
            0.95,
          ),
        )} | ` +
        `${kb(
          quantile(
            first.map((f) => f.bytes),
            0.5,
          ),
        )} / ${kb(Math.max(...first.map((f) => f.bytes)))} |`,
    );
  } finally {
    await browser.close();
  }
  if (args.keep) console.log(`kept ${work} and the archives ${built.join(', ')}`);
} finally {
  for (const s of served) await s.close();
  // Each archive is built in a folder of its own (tests/support/build.ts), beside `work`.
  if (!args.keep) for (const dir of [work, ...built.map(dirname)]) rmSync(dir, { recursive: true, force: true });
}
