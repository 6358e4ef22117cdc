/**
 * A larger archive for measuring search at scale without building thousands of pages: a copy of a
 * built site whose data export holds the documents `copies` times over (the whole archive
 * repeated, so common character pairs are spread over every part of it, as in a real archive
 * that grows issue by issue) and whose search index is built from them. Everything else (the
 * search page, its scripts) is the built site's, linked in place.
 */
import { mkdirSync, mkdtempSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { buildIndex, type IndexInput, traditionalChars } from '../../src/lib/search-build.ts';
import { openccConverters } from '../../src/lib/search-opencc.ts';
import { readExport } from './search-queries.ts';

const INDEX_DIR = join('search', 'exact');

/** Links every entry of `from` into `to` but those named in `skip`. */
function linkAll(from: string, to: string, skip: readonly string[]): void {
  mkdirSync(to, { recursive: true });
  for (const entry of readdirSync(from)) if (!skip.includes(entry)) symlinkSync(join(from, entry), join(to, entry));
}

export async function syntheticSite(siteDir: string, copies: number): Promise<string> {
  const site = resolve(siteDir);
  const docs = readExport(site);
  const work = mkdtempSync(join(tmpdir(), `gazette-search-x${copies}-`));
  linkAll(site, work, ['data', 'search']);
  linkAll(join(site, 'data'), join(work, 'data'), ['documents']);
  linkAll(join(site, 'search'), join(work, 'search'), ['exact']);
  mkdirSync(join(work, 'data', 'documents'));

  const inputs: IndexInput[] = [];
  for (let c = 0; c < copies; c++) {
    const prefix = `x${String(c).padStart(3, '0')}-`;
    for (const d of docs) {
      const id = prefix + d.id;
      writeFileSync(join(work, 'data', 'documents', `${id}.json`), JSON.stringify({ ...d, id }));
      inputs.push({
        id,
        label: d.title ?? d.docNumber ?? d.category,
        title: d.title,
        docNumber: d.docNumber,
        paragraphs: d.paragraphs,
        category: d.category,
        issuer: d.issuer,
        date: d.date,
        sortDate: null,
        year: d.issue.year,
        issue: `${d.issue.year}年第${d.issue.number}期`,
        headings: [],
      });
    }
  }
  const { manifest, files } = buildIndex(inputs, traditionalChars(await openccConverters()));
  const out = join(work, INDEX_DIR);
  mkdirSync(out, { recursive: true });
  writeFileSync(join(out, 'manifest.json'), JSON.stringify(manifest));
  for (const [name, bytes] of files) {
    mkdirSync(dirname(join(out, name)), { recursive: true });
    writeFileSync(join(out, name), bytes);
  }
  return work;
}
