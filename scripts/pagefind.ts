/**
 * npm run pagefind [-- --content DIR] [--out DIR] [--bundle-chars N] [--jobs N]: writes the
 * archive's Pagefind index (`dist/pagefind/` unless `--out` says otherwise) from the content the
 * ingest generated: each document's frontmatter and its text (`texts/<id>.json`), the same
 * entries Astro's content collections load. It needs nothing of `astro build`, so `npm run build`
 * runs it beside Astro (scripts/build.ts).
 *
 * The index is exact (see src/lib/search-pairs.ts): a query sent as `pairQuery` finds the
 * documents that contain it, as src/lib/search-text.ts defines it, and only those. Other sites
 * search it through Pagefind's multisite search (see `npm run portal`); each record carries its
 * gazette, year and category as filters, and what a result shows as metadata. Its URLs are those
 * of the site built with the same BASE_PATH.
 *
 * Pagefind holds every record of an index in memory until it writes it, several times the size
 * of the text, so the archive is written as bundles of consecutive documents of about N
 * characters of text each, each by a Pagefind service of its own: the memory of the stage is
 * that of the bundles being written however large the archive grows. The first bundle is the
 * output folder itself, the others `<n>/` in it; `bundles.json` (`BUNDLES`) lists them, and a
 * search merges them with `mergeIndex` (src/lib/portal.ts `bundlesOf`).
 */
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { availableParallelism } from 'node:os';
import matter from 'gray-matter';
import { basePath } from '../src/lib/base-path.ts';
import { documentLabel, issueLabel } from '../src/lib/labels.ts';
import { BUNDLES, type Bundles, type ResultMeta } from '../src/lib/portal.ts';
import { Document, DocumentText } from '../src/lib/schema.ts';
import { encodeChar, encodeMeta, FIELD_END, includeCharacters, META, PAIR_LANGUAGE, pairContent } from '../src/lib/search-pairs.ts';
import { fieldsOf, normalize } from '../src/lib/search-text.ts';
import { siteConfig } from '../src/site.config.ts';
import { DEFAULT_OUT } from './ingest.ts';
import { fragmentUrl, laterClashes, type PagefindRecord, SALT, writeBundles } from './pagefind-bundle.ts';

/**
 * Characters of text per bundle. Pagefind takes about 0.5 GB per million characters of text (in
 * pairs), so a bundle written beside `astro build` adds a sixth to Astro's peak; a larger bundle
 * would cost more memory, a smaller one more requests per search (each bundle is fetched its
 * entry, its metadata and a chunk of its index per pair of a query).
 */
const BUNDLE_CHARS = 1_000_000;

const { values } = parseArgs({
  options: {
    content: { type: 'string', default: process.env.GAZETTE_CONTENT || DEFAULT_OUT },
    out: { type: 'string', default: join(process.env.GAZETTE_DIST || 'dist', 'pagefind') },
    jobs: { type: 'string' },
    'bundle-chars': { type: 'string', default: process.env.GAZETTE_PAGEFIND_BUNDLE_CHARS || String(BUNDLE_CHARS) },
  },
});
const bundleChars = Number(values['bundle-chars']);
if (!(bundleChars > 0)) throw new Error(`--bundle-chars must be a positive number, not ${values['bundle-chars']}`);
const base = basePath(process.env.BASE_PATH);

const dir = join(values.content, 'documents');
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.mdx'))
  .sort();
if (files.length === 0) throw new Error(`no documents in ${dir}`);

/** A document as the index needs it: its searchable fields (normalised) and what a result shows. */
interface Entry {
  url: string;
  fields: string[];
  chars: number;
  meta: string;
  filters: Record<string, string[]>;
  /** Set when the document's fragment name was taken in another bundle (see below). */
  salt?: string;
}

function entry(f: string): Entry {
  // With options, gray-matter keeps no cache of every file it has read.
  const doc = Document.parse(matter(readFileSync(join(dir, f), 'utf8'), {}).data);
  const text = DocumentText.parse(JSON.parse(readFileSync(join(values.content, 'texts', `${doc.id}.json`), 'utf8')));
  const meta: ResultMeta = {
    title: documentLabel(doc),
    docNumber: doc.docNumber,
    category: doc.category,
    date: doc.date,
    issue: issueLabel(doc.issue),
    gazette: siteConfig.name,
  };
  const fields = fieldsOf({ ...doc, paragraphs: text.paragraphs }).map(normalize);
  return {
    url: `${base}documents/${doc.id}/`,
    fields,
    chars: fields.reduce((n, field) => n + field.length, 0),
    meta: encodeMeta(meta),
    filters: { gazette: [siteConfig.name], year: [String(doc.issue.year)], category: [doc.category] },
  };
}

/** The Pagefind record of an entry; made only when its bundle is written, being three times its text. */
const record = (e: Entry): PagefindRecord => ({
  url: e.url,
  content: pairContent(e.fields),
  language: PAIR_LANGUAGE,
  meta: { [META]: e.meta, ...(e.salt ? { [SALT]: e.salt } : {}) },
  filters: e.filters,
});

// Every bundle must keep the same characters in its words, or a query holding a symbol that one
// bundle lacks would lose it there and match what it should not: the characters of the whole
// archive are gathered before any bundle is written (those of its text, then as a record holds
// them: encoded, with the field-end marker).
const chars = new Set<string>();
const bundles: Entry[][] = [[]];
let size = 0;
for (const f of files) {
  const e = entry(f);
  if (size > 0 && size + e.chars > bundleChars) {
    bundles.push([]);
    size = 0;
  }
  bundles.at(-1)!.push(e);
  size += e.chars;
  for (const field of e.fields) for (const ch of field) chars.add(ch);
}
const include = includeCharacters([...Array.from(chars, encodeChar), ...FIELD_END]);

const out = values.out;
rmSync(out, { recursive: true, force: true });
const paths = bundles.map((_, i) => (i === 0 ? '' : `${i}/`));
const threads = Math.min(bundles.length, values.jobs ? Number(values.jobs) : availableParallelism());
if (!Number.isInteger(threads) || threads < 1) throw new Error(`--jobs must be a positive integer, not ${values.jobs}`);
const bundle = (i: number) => ({ records: bundles[i]!.map(record), includeCharacters: include, outputPath: join(out, paths[i]!) });
await writeBundles(
  bundles.map((_, i) => () => bundle(i)),
  threads,
);
// A result is known by its fragment's name, a short hash of the fragment that Pagefind keeps
// unique only within one bundle; a name in two bundles would make two documents one. The record
// of the later bundle is written again with a salt in its metadata, which changes its fragment and
// so its name. Names are seven hex digits: an archive of 3,000 documents meets a clash in about one
// build of sixty.
for (let round = 1; ; round++) {
  const clashes = laterClashes(paths.map((path) => readdirSync(join(out, path, 'fragment'))));
  if (clashes.size === 0) break;
  if (round > 8) throw new Error(`pagefind: fragment names still clash after ${round - 1} salts: ${[...clashes.values()].join(' ')}`);
  for (const [later, names] of clashes) {
    const urls = new Set([...names].map((name) => fragmentUrl(join(out, paths[later]!, 'fragment', name))));
    for (const e of bundles[later]!) if (urls.has(e.url)) e.salt = encodeMeta(round);
    // Never the first bundle, whose folder holds the others.
    rmSync(join(out, paths[later]!), { recursive: true });
  }
  await writeBundles(
    [...clashes.keys()].map((i) => () => bundle(i)),
    threads,
  );
}
writeFileSync(join(out, BUNDLES), JSON.stringify({ bundles: paths } satisfies Bundles));
console.log(`pagefind: ${files.length} documents of ${siteConfig.name} indexed in ${out}, ${bundles.length} bundle(s)`);
