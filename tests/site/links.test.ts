/**
 * A link crawler over the built archive, served over HTTP like any static site: at the root
 * and under a sub-path. Every internal link, asset and #anchor must resolve, and nothing may
 * point outside the base path. The feed and the sitemap are followed too, their canonical URLs
 * mapped onto the test server.
 */
import type { Root } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { serve, type Served } from '../support/browser.ts';
import { htmlPages, MIRROR_BASE, selectAll, TEST_SITE_URL } from '../support/site.ts';

interface Crawl {
  pages: number;
  checked: number;
  anchors: number;
  broken: string[];
}

const LINKING = [
  ['a[href]', 'href'],
  ['link[href]', 'href'],
  ['img[src]', 'src'],
  ['script[src]', 'src'],
  ['iframe[src]', 'src'],
  ['source[src]', 'src'],
  ['form[action]', 'action'],
] as const;

async function crawl(site: Served, dir: string, base: string): Promise<Crawl> {
  const origin = new URL(site.url).origin;
  const canonicalRoot = `${TEST_SITE_URL}${base}`;
  /** Canonical URLs (feed, sitemap) are checked on the test server. */
  const local = (u: URL) => (u.href.startsWith(canonicalRoot) ? new URL(u.href.slice(canonicalRoot.length), site.url) : u);
  const fetched = new Map<string, Promise<{ status: number; type: string; body: string }>>();
  const get = (u: string) => {
    let r = fetched.get(u);
    if (!r) {
      r = fetch(u).then(async (res) => ({ status: res.status, type: res.headers.get('content-type') ?? '', body: await res.text() }));
      fetched.set(u, r);
    }
    return r;
  };
  const trees = new Map<string, Root>();
  const ids = (u: string, html: string) => {
    let tree = trees.get(u);
    if (!tree) trees.set(u, (tree = fromHtml(html)));
    return new Set(selectAll('[id], a[name]', tree).map((e) => String(e.properties.id ?? e.properties.name)));
  };

  const broken: string[] = [];
  let checked = 0;
  let anchors = 0;
  const seen = new Set<string>();
  const queue = [
    site.url,
    `${site.url}404.html`,
    `${site.url}feed.xml`,
    `${site.url}sitemap.xml`,
    ...htmlPages(dir).map((p) => site.url + p),
  ];

  async function check(from: string, raw: string): Promise<void> {
    if (/^(mailto|tel|data):/.test(raw)) return;
    const target = local(new URL(raw, from));
    if (target.origin !== origin) return;
    checked++;
    if (!target.pathname.startsWith(base)) {
      broken.push(`${from} → ${raw} (outside ${base})`);
      return;
    }
    const page = target.href.split('#')[0]!;
    const res = await get(page);
    if (res.status !== 200) {
      broken.push(`${from} → ${raw} (${res.status})`);
      return;
    }
    if (!seen.has(page) && /html|xml/.test(res.type)) {
      seen.add(page);
      queue.push(page);
    }
    if (target.hash && target.hash !== '#') {
      anchors++;
      if (!ids(page, res.body).has(decodeURIComponent(target.hash.slice(1)))) broken.push(`${from} → ${raw} (no such anchor)`);
    }
  }

  let pages = 0;
  const done = new Set<string>();
  while (queue.length > 0) {
    const batch = queue.splice(0, 16).filter((u) => !done.has(u));
    await Promise.all(
      batch.map(async (u) => {
        done.add(u);
        const res = await get(u);
        if (res.status !== 200) {
          broken.push(`${u} (${res.status})`);
          return;
        }
        pages++;
        const targets: string[] = [];
        if (res.type.includes('html')) {
          const tree = fromHtml(res.body);
          trees.set(u, tree);
          for (const [selector, attr] of LINKING)
            for (const e of selectAll(selector, tree)) targets.push(String(e.properties[attr === 'href' ? 'href' : attr]));
        } else if (res.type.includes('xml')) {
          // Atom links and sitemap locations.
          for (const m of res.body.matchAll(/<link\b[^>]*\bhref="([^"]+)"|<loc>([^<]+)<\/loc>|<a href="([^"]+)"/g))
            targets.push((m[1] ?? m[2] ?? m[3])!.replace(/&amp;/g, '&'));
          for (const m of res.body.matchAll(/&lt;a href=&quot;([^&]+)&quot;/g)) targets.push(m[1]!);
        }
        await Promise.all(targets.map((t) => check(u, t)));
      }),
    );
  }
  return { pages, checked, anchors, broken };
}

describe.each([
  ['at the root', 'realDir', '/'],
  ['under a sub-path', 'mirrorDir', MIRROR_BASE],
] as const)('every internal link %s', (_, key, base) => {
  const dir = inject(key);
  let site: Served;
  beforeAll(async () => {
    site = await serve(dir, base);
  });
  afterAll(() => site?.close());

  it('resolves: pages, assets and anchors', async () => {
    const result = await crawl(site, dir, base);
    console.info(
      `crawl ${base}: ${result.pages} pages and files, ${result.checked} links (${result.anchors} to anchors), ${result.broken.length} broken`,
    );
    expect(result.broken).toEqual([]);
    expect(result.pages).toBeGreaterThanOrEqual(htmlPages(dir).length);
  });
});
