/**
 * Searching many archives as one: each archive's Pagefind index (scripts/pagefind.ts) merged into
 * one search with Pagefind's `mergeIndex`, queried exactly (search-pairs.ts) with the archive's own
 * rules of a match (search-text.ts): every term must occur, in one of its variants.
 */
import { decodeMeta, META, pairQuery } from './search-pairs.ts';

/** `data/site.json` of an archive. */
export interface ArchiveSite {
  name: string;
  publisher: string;
  /** Where the archive was built to be served, with its base path. */
  url: string;
  language: string;
}

/**
 * `pagefind/bundles.json` of an archive: the folders of its Pagefind bundles, relative to
 * `pagefind/` (the first is `pagefind/` itself), which together index every document once.
 */
export const BUNDLES = 'bundles.json';
export interface Bundles {
  bundles: string[];
}

/** The URL of each Pagefind bundle of the archive whose `pagefind/` is at `base`. */
export async function bundlesOf(base: URL | string): Promise<string[]> {
  const manifest = new URL(BUNDLES, base);
  const response = await fetch(manifest);
  if (!response.ok) throw new Error(`${manifest.href}: HTTP ${response.status}`);
  return ((await response.json()) as Bundles).bundles.map((b) => new URL(b, base).href);
}

/** What a result shows, stored with each record. */
export interface ResultMeta {
  title: string;
  docNumber: string | null;
  category: string;
  date: string | null;
  issue: string;
  gazette: string;
}

/** The parts of Pagefind's browser API used here. */
export interface PagefindResult {
  /** The name of the result's fragment, unique within one index (an archive's bundles, see scripts/pagefind.ts) only. */
  id: string;
  score: number;
  data(): Promise<{ url: string; meta: Record<string, string> }>;
}
export interface Pagefind {
  search(term: string, options?: { filters?: Record<string, string> }): Promise<{ results: PagefindResult[] }>;
}

/**
 * The documents that contain every term, a term being the normalised forms it stands for
 * (`termVariants`). Results are Pagefind's, in its order for the first term.
 */
export async function exactSearch(
  pagefind: Pagefind,
  terms: readonly (readonly string[])[],
  filters: Record<string, string> = {},
): Promise<PagefindResult[]> {
  if (terms.length === 0) return [];
  let hits: Map<string, PagefindResult> | null = null;
  for (const variants of terms) {
    const found = new Map<string, PagefindResult>();
    for (const variant of variants) {
      const query = pairQuery(variant);
      if (query === null) continue;
      for (const r of (await pagefind.search(query, { filters })).results) if (!hits || hits.has(r.id)) found.set(r.id, r);
    }
    hits = found;
    if (hits.size === 0) break;
  }
  return [...hits!.values()];
}

/**
 * The filter a portal gives every record of an archive (`mergeIndex`'s `mergeFilter`), valued by
 * the archive's place in the portal. Two archives may hold fragments of the same name, so results
 * are only told apart within one archive: each archive is searched on its own.
 */
export const ARCHIVE_FILTER = 'archive';

/** `exactSearch` over each of `archives` (values of `ARCHIVE_FILTER`), best scores first. */
export async function searchArchives(
  pagefind: Pagefind,
  archives: readonly string[],
  terms: readonly (readonly string[])[],
  filters: Record<string, string> = {},
): Promise<PagefindResult[]> {
  const each = await Promise.all(archives.map((a) => exactSearch(pagefind, terms, { ...filters, [ARCHIVE_FILTER]: a })));
  return each.flat().sort((a, b) => b.score - a.score);
}

export interface PortalResult extends ResultMeta {
  href: string;
}

export async function resultOf(r: PagefindResult): Promise<PortalResult> {
  const data = await r.data();
  return { ...decodeMeta<ResultMeta>(data.meta[META]!), href: data.url };
}
