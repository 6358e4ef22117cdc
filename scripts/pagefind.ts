/**
 * npm run pagefind [-- --site DIR] [--bundle-chars N]: writes the archive's Pagefind index,
 * `<site>/pagefind/`, from the data the build exported (`data/site.json`,
 * `data/documents/<id>.json`). It runs after `astro build` has exited, so its memory never adds to
 * Astro's.
 *
 * The index is exact (see src/lib/search-pairs.ts): a query sent as `pairQuery` finds the
 * documents that contain it, as src/lib/search-text.ts defines it, and only those. Other sites
 * search it through Pagefind's multisite search (see `npm run portal`); each record carries its
 * gazette, year and category as filters, and what a result shows as metadata.
 *
 * Pagefind holds every record of an index in memory until it writes it, several times the size
 * of the text, so the archive is written as bundles of consecutive documents of about N
 * characters of text each, one Pagefind process after another: the memory of the stage is that
 * of one bundle however large the archive grows. The first bundle is `pagefind/` itself, the
 * others `pagefind/<n>/`; `pagefind/bundles.json` (`BUNDLES`) lists them, and a search merges
 * them with `mergeIndex` (src/lib/portal.ts `bundlesOf`).
 */
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { availableParallelism } from 'node:os';
import { documentLabel, issueLabel } from '../src/lib/labels.ts';
import { type ArchiveSite, BUNDLES, type Bundles, type PagefindDocument, type ResultMeta } from '../src/lib/portal.ts';
import { encodeMeta, includeCharacters, META, PAIR_LANGUAGE, pairContent } from '../src/lib/search-pairs.ts';
import { fieldsOf, normalize } from '../src/lib/search-text.ts';
import { type PagefindRecord, writeBundles } from './pagefind-bundle.ts';

/**
 * Characters of text per bundle. Pagefind takes about 0.4 GB per million characters of text (in
 * pairs), so two bundles written at once stay well under the peak of `astro build`; a larger
 * bundle would cost more memory, a smaller one more requests per search (each bundle is fetched
 * its entry, its metadata and a chunk of its index per pair of a query).
 */
const BUNDLE_CHARS = 2_000_000;

const { values } = parseArgs({
  options: {
    site: { type: 'string', default: process.env.GAZETTE_DIST || 'dist' },
    jobs: { type: 'string' },
    'bundle-chars': { type: 'string', default: process.env.GAZETTE_PAGEFIND_BUNDLE_CHARS || String(BUNDLE_CHARS) },
  },
});
const site = values.site;
const bundleChars = Number(values['bundle-chars']);
if (!(bundleChars > 0)) throw new Error(`--bundle-chars must be a positive number, not ${values['bundle-chars']}`);
const read = <T>(path: string): T => JSON.parse(readFileSync(join(site, path), 'utf8')) as T;

const about = read<ArchiveSite>('data/site.json');
const dir = join(site, 'data', 'documents');
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.json'))
  .sort();
if (files.length === 0) throw new Error(`no documents in ${dir}`);

/** One document as a Pagefind record. */
function record(f: string): { chars: number; record: PagefindRecord } {
  const doc = read<PagefindDocument>(`data/documents/${f}`);
  const meta: ResultMeta = {
    title: documentLabel(doc),
    docNumber: doc.docNumber,
    category: doc.category,
    date: doc.date,
    issue: issueLabel(doc.issue),
    gazette: about.name,
  };
  const fields = fieldsOf(doc).map(normalize);
  return {
    chars: fields.reduce((n, field) => n + field.length, 0),
    record: {
      url: doc.url,
      content: pairContent(fields),
      language: PAIR_LANGUAGE,
      meta: { [META]: encodeMeta(meta) },
      filters: { gazette: [about.name], year: [String(doc.issue.year)], category: [doc.category] },
    },
  };
}

// The records are built first (their text is a small part of what Pagefind holds for them), to
// gather the characters of the whole archive: every bundle must keep the same characters in its
// words, or a query holding a symbol that one bundle lacks would lose it there and match what it
// should not.
const chars = new Set<string>();
const bundles: PagefindRecord[][] = [[]];
let size = 0;
for (const f of files) {
  const r = record(f);
  if (size > 0 && size + r.chars > bundleChars) {
    bundles.push([]);
    size = 0;
  }
  bundles.at(-1)!.push(r.record);
  size += r.chars;
  for (const ch of r.record.content) chars.add(ch);
}
const include = includeCharacters(chars);

const out = join(site, 'pagefind');
rmSync(out, { recursive: true, force: true });
const paths = bundles.map((_, i) => (i === 0 ? '' : `${i}/`));
const threads = Math.min(bundles.length, values.jobs ? Number(values.jobs) : availableParallelism());
if (!Number.isInteger(threads) || threads < 1) throw new Error(`--jobs must be a positive integer, not ${values.jobs}`);
await writeBundles(
  bundles.map((records, i) => ({ records, includeCharacters: include, outputPath: join(out, paths[i]!) })),
  threads,
);
// A result is known by its fragment's name, a short hash that Pagefind keeps unique only within
// a bundle; a name in two bundles would make two documents one.
const seen = new Map<string, string>();
for (const path of paths)
  for (const f of readdirSync(join(out, path, 'fragment'))) {
    if (seen.has(f)) throw new Error(`pagefind: bundles ${seen.get(f) || '.'} and ${path} both hold fragment ${f}`);
    seen.set(f, path);
  }
writeFileSync(join(out, BUNDLES), JSON.stringify({ bundles: paths } satisfies Bundles));
console.log(`pagefind: ${files.length} documents of ${about.name} indexed in ${out}, ${bundles.length} bundle(s)`);
