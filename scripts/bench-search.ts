/**
 * Measures the search page on a built archive, in real Chromium, the way a reader uses it: each
 * query is typed into the form and submitted, and timed until the page marks the search done.
 * Prints recall and precision against the ground truth of tests/support/search-queries.ts,
 * latency, and the bytes each query fetched; with --pagefind, the same figures for Pagefind alone.
 *
 * With --cold N, N of the queries are also run as a reader's first search: a fresh browser
 * context opens the deep link search/?q=…, and everything it fetches is counted.
 *
 * With --copies N, the archive is measured N times over: a temporary copy of the site whose data
 * export and search index hold every document N times (tests/support/search-synthetic.ts).
 *
 *   npm run bench:search -- [--site dist] [--base /] [--queries 600] [--seed 1] [--cold 40] [--copies 1] [--pagefind] [--verbose]
 */
import { rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { Page } from 'playwright-core';
import { exactSearch, type Pagefind } from '../src/lib/portal.ts';
import { traditionalChars } from '../src/lib/search-build.ts';
import { openccConverters } from '../src/lib/search-opencc.ts';
import { pairQuery } from '../src/lib/search-pairs.ts';
import { splitQuery, termVariants } from '../src/lib/search-text.ts';
import { launch, metered, serve } from '../tests/support/browser.ts';
import { generateQueries, type Query, readExport, Truth } from '../tests/support/search-queries.ts';
import { syntheticSite } from '../tests/support/search-synthetic.ts';

const { values: args } = parseArgs({
  options: {
    site: { type: 'string', default: 'dist' },
    base: { type: 'string', default: '/' },
    queries: { type: 'string', default: '600' },
    seed: { type: 'string', default: '1' },
    cold: { type: 'string', default: '40' },
    copies: { type: 'string', default: '1' },
    pagefind: { type: 'boolean', default: false },
    verbose: { type: 'boolean', default: false },
  },
});

interface Outcome {
  query: Query;
  expected: string[];
  found: string[];
  shown: string[];
  ms: number;
  bytes: number;
  requests: number;
}

const quantile = (xs: readonly number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.floor(q * s.length))]! : NaN;
};
const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;

/** Types the query into the form, submits it and waits for the page to finish; returns ms. */
function submit(page: Page, q: string): Promise<{ ms: number; shown: string[] }> {
  return page.evaluate(async (q) => {
    const list = document.querySelector<HTMLElement>('[data-search-results]')!;
    const input = document.querySelector<HTMLInputElement>('input[name="q"]')!;
    const t0 = performance.now();
    input.value = q;
    input.form!.requestSubmit();
    await new Promise<void>((ok) => {
      const check = () => list.dataset.searchState === 'done' || list.dataset.searchState === 'error';
      if (check()) return ok();
      const mo = new MutationObserver(() => {
        if (check()) {
          mo.disconnect();
          ok();
        }
      });
      mo.observe(list, { attributes: true, attributeFilter: ['data-search-state'] });
    });
    const ms = performance.now() - t0;
    if (list.dataset.searchState !== 'done') throw new Error(`search for ${q} failed`);
    const shown = [...list.querySelectorAll<HTMLAnchorElement>(':scope > li h2 a')].map((a) => new URL(a.href).pathname);
    return { ms, shown };
  }, q);
}

async function main(): Promise<void> {
  const copies = Number(args.copies);
  const siteDir = copies > 1 ? await syntheticSite(args.site!, copies) : resolve(args.site!);
  const docs = readExport(siteDir);
  const truth = await Truth.of(docs);
  const queries = generateQueries(truth, Number(args.queries), Number(args.seed));
  const [browser, site] = await Promise.all([launch(), serve(siteDir, args.base)]);
  try {
    const page = await browser.newPage();
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Network.enable');
    const load = await metered(cdp, async () => {
      await page.goto(`${site.url}search/`);
      await page.waitForFunction(() => document.querySelector<HTMLElement>('[data-search-results]')?.dataset.searchState === 'idle');
    });

    const outcomes: Outcome[] = [];
    for (const query of queries) {
      const { value, bytes, requests } = await metered(cdp, () => submit(page, query.q));
      const found = await page.evaluate(
        async (q) =>
          (await (globalThis as unknown as { gazetteSearch: { search(q: string): Promise<{ ids: string[] }> } }).gazetteSearch.search(q))
            .ids,
        query.q,
      );
      outcomes.push({ query, expected: truth.expected(query.q), found, shown: value.shown, ms: value.ms, bytes, requests });
    }

    const report = (name: string, rows: readonly { expected: string[]; found: string[] }[]) => {
      let tp = 0;
      let fn = 0;
      let fp = 0;
      let exact = 0;
      for (const r of rows) {
        const e = new Set(r.expected);
        const f = new Set(r.found);
        const hit = [...f].filter((x) => e.has(x)).length;
        tp += hit;
        fp += f.size - hit;
        fn += e.size - hit;
        if (hit === e.size && f.size === e.size) exact++;
      }
      const pct = (x: number) => `${(100 * x).toFixed(2)} %`;
      console.log(
        `${name}: recall ${pct(tp / Math.max(1, tp + fn))}, precision ${pct(tp / Math.max(1, tp + fp))}, ` +
          `${exact}/${rows.length} queries exactly right (${tp} expected results found, ${fn} missed, ${fp} wrong)`,
      );
    };

    console.log(`archive: ${docs.length} documents, ${siteDir}; ${queries.length} queries (seed ${args.seed})`);
    const kinds = new Map<string, number>();
    for (const q of queries) kinds.set(q.kind, (kinds.get(q.kind) ?? 0) + 1);
    console.log(`  kinds: ${[...kinds].map(([k, n]) => `${k} ${n}`).join(', ')}`);
    report('exact search', outcomes);
    const pageMismatch = outcomes.filter(
      (o) =>
        o.shown.join() !==
        o.found
          .slice(0, 50)
          .map((id) => new URL(`documents/${id}/`, site.url).pathname)
          .join(),
    );
    console.log(`  result lists on the page that differ from the search's first 50: ${pageMismatch.length}`);
    const rest = outcomes.slice(1);
    console.log(
      `latency after the first query: p50 ${quantile(
        rest.map((o) => o.ms),
        0.5,
      ).toFixed(1)} ms, p95 ${quantile(
        rest.map((o) => o.ms),
        0.95,
      ).toFixed(1)} ms, max ${Math.max(...rest.map((o) => o.ms)).toFixed(1)} ms; first query ${outcomes[0]!.ms.toFixed(1)} ms`,
    );
    console.log(
      `bytes: page load ${kb(load.bytes)} (${load.requests} requests); first query ${kb(outcomes[0]!.bytes)} (${outcomes[0]!.requests} requests)`,
    );
    console.log(
      `  per query after the first: p50 ${kb(
        quantile(
          rest.map((o) => o.bytes),
          0.5,
        ),
      )}, p95 ${kb(
        quantile(
          rest.map((o) => o.bytes),
          0.95,
        ),
      )}, max ${kb(Math.max(...rest.map((o) => o.bytes)))}; total ${kb(load.bytes + outcomes.reduce((n, o) => n + o.bytes, 0))}`,
    );
    const failures = outcomes.filter((o) => o.expected.join() !== [...o.found].sort().join());
    for (const f of failures.slice(0, args.verbose ? Infinity : 10)) {
      const e = new Set(f.expected);
      const got = new Set(f.found);
      console.log(
        `  ✗ [${f.query.kind}] ${f.query.q}: missed ${f.expected.filter((x) => !got.has(x)).join(' ') || '-'}; wrong ${f.found.filter((x) => !e.has(x)).join(' ') || '-'}`,
      );
    }

    const coldCount = Math.min(queries.length, Number(args.cold));
    if (coldCount > 0) {
      // Spread over the kinds, and always including the queries whose results are the largest.
      const step = queries.length / coldCount;
      const sample = Array.from({ length: coldCount }, (_, i) => queries[Math.floor(i * step)]!);
      const cold: { q: string; bytes: number; ms: number }[] = [];
      for (const query of sample) {
        const context = await browser.newContext();
        const p = await context.newPage();
        const c = await context.newCDPSession(p);
        await c.send('Network.enable');
        const t0 = Date.now();
        const { bytes } = await metered(c, async () => {
          await p.goto(`${site.url}search/?q=${encodeURIComponent(query.q)}`);
          await p.waitForFunction(() => document.querySelector<HTMLElement>('[data-search-results]')?.dataset.searchState === 'done');
        });
        cold.push({ q: query.q, bytes, ms: Date.now() - t0 });
        await context.close();
      }
      const worst = cold.reduce((a, b) => (b.bytes > a.bytes ? b : a));
      console.log(
        `first search of a fresh visitor (page + query, ${cold.length} queries): p50 ${kb(
          quantile(
            cold.map((c) => c.bytes),
            0.5,
          ),
        )}, p95 ${kb(
          quantile(
            cold.map((c) => c.bytes),
            0.95,
          ),
        )}, max ${kb(worst.bytes)} (${worst.q}); time p50 ${quantile(
          cold.map((c) => c.ms),
          0.5,
        )} ms, max ${Math.max(...cold.map((c) => c.ms))} ms`,
      );
    }

    if (args.pagefind) {
      // Pagefind's exact index (scripts/pagefind.ts), queried as the portal queries it: each
      // distinct Pagefind query once, in a page whose language Pagefind does not cut into words.
      const converters = await openccConverters();
      const traditional = new Set(traditionalChars(converters));
      const terms = queries.map((q) => splitQuery(q.q).map((t) => termVariants(t, traditional, converters)));
      const asked = [...new Set(terms.flat(2).map(pairQuery))].filter((q) => q !== null);
      await page.evaluate(() => (document.documentElement.lang = 'und'));
      const urls = await page.evaluate(async (asked) => {
        const base = new URL('pagefind/', new URL('..', location.href));
        const pagefind = await import(/* @vite-ignore */ new URL('pagefind.js', base).href);
        await pagefind.options({ baseUrl: '/' });
        // The index's other bundles (pagefind/bundles.json, written by scripts/pagefind.ts).
        const { bundles } = (await (await fetch(new URL('bundles.json', base))).json()) as { bundles: string[] };
        for (const b of bundles.slice(1)) await pagefind.mergeIndex(new URL(b, base).href, { baseUrl: '/' });
        const out: string[][] = [];
        for (const q of asked) {
          const r = await pagefind.search(q);
          out.push(await Promise.all(r.results.map(async (x: { data(): Promise<{ url: string }> }) => (await x.data()).url)));
        }
        return out;
      }, asked);
      const answers = new Map(asked.map((q, i) => [q, urls[i]!]));
      const cached: Pagefind = {
        search: async (q) => ({
          results: (answers.get(q) ?? []).map((url) => ({ id: url, score: 0, data: async () => ({ url, meta: {} }) })),
        }),
      };
      const pf = await Promise.all(
        terms.map(async (t) => (await exactSearch(cached, t)).map((r) => r.id.split('/').filter(Boolean).at(-1)!)),
      );
      report(
        'Pagefind alone',
        outcomes.map((o, i) => ({ expected: o.expected, found: pf[i]! })),
      );
    }
    if (failures.length > 0 || pageMismatch.length > 0) process.exitCode = 1;
  } finally {
    await browser.close();
    await site.close();
    if (copies > 1) rmSync(siteDir, { recursive: true, force: true });
  }
}

await main();
