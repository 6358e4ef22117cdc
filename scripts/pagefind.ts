/**
 * npm run pagefind [-- --site DIR]: writes the archive's Pagefind index, `<site>/pagefind/`, from
 * the data the build exported (`data/site.json`, `data/documents/<id>.json`). It runs after
 * `astro build` has exited, so its memory never adds to Astro's.
 *
 * The index is exact (see src/lib/search-pairs.ts): a query sent as `pairQuery` finds the
 * documents that contain it, as src/lib/search-text.ts defines it, and only those. Other sites
 * search it through Pagefind's multisite search (see `npm run portal`); each record carries its
 * gazette, year and category as filters, and what a result shows as metadata.
 */
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import * as pagefind from 'pagefind';
import { documentLabel, issueLabel } from '../src/lib/labels.ts';
import { encodeMeta, includeCharacters, META, PAIR_LANGUAGE, pairContent } from '../src/lib/search-pairs.ts';
import { fieldsOf, normalize } from '../src/lib/search-text.ts';
import type { ArchiveSite, PagefindDocument, ResultMeta } from '../src/lib/portal.ts';

// Pagefind reports most failures in `errors` rather than by rejecting, so a build could
// otherwise ship a missing or partial index without noticing.
function check<T extends { errors: string[] }>(step: string, response: T): T {
  if (response.errors.length > 0) throw new Error(`pagefind ${step} failed:\n  ${response.errors.join('\n  ')}`);
  return response;
}

const { values } = parseArgs({ options: { site: { type: 'string', default: process.env.GAZETTE_DIST || 'dist' } } });
const site = values.site;
const read = <T>(path: string): T => JSON.parse(readFileSync(join(site, path), 'utf8')) as T;

const about = read<ArchiveSite>('data/site.json');
const dir = join(site, 'data', 'documents');
const records = readdirSync(dir)
  .filter((f) => f.endsWith('.json'))
  .sort()
  .map((f) => {
    const doc = read<PagefindDocument>(`data/documents/${f}`);
    const meta: ResultMeta = {
      title: documentLabel(doc),
      docNumber: doc.docNumber,
      category: doc.category,
      date: doc.date,
      issue: issueLabel(doc.issue),
      gazette: about.name,
    };
    return {
      url: doc.url,
      content: pairContent(fieldsOf(doc).map(normalize)),
      language: PAIR_LANGUAGE,
      meta: { [META]: encodeMeta(meta) },
      filters: { gazette: [about.name], year: [String(doc.issue.year)], category: [doc.category] },
    };
  });
if (records.length === 0) throw new Error(`no documents in ${dir}`);

const out = join(site, 'pagefind');
rmSync(out, { recursive: true, force: true });
try {
  const chars = new Set<string>();
  for (const r of records) for (const ch of r.content) chars.add(ch);
  const { index } = check('createIndex', await pagefind.createIndex({ includeCharacters: includeCharacters(chars) }));
  if (!index) throw new Error('pagefind createIndex returned no index');
  for (const record of records) check(`addCustomRecord ${record.url}`, await index.addCustomRecord(record));
  check('writeFiles', await index.writeFiles({ outputPath: out }));
  console.log(`pagefind: ${records.length} documents of ${about.name} indexed in ${out}`);
} finally {
  await pagefind.close();
}
