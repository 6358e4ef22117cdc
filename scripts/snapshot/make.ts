/**
 * A snapshot of the archive: one BagIt bag holding everything needed to read, check and rebuild
 * it — the website made to work from a disk, search included (`data/site/`), the source texts
 * with their corrections (`data/sources/`) and the data export (`data/export/`).
 */
import { randomBytes } from 'node:crypto';
import { existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { select } from 'hast-util-select';
import { SOURCE_NAME } from '../ingest/read.ts';
import { siteConfig } from '../../src/site.config.ts';
import { basePath } from '../../src/lib/base-path.ts';
import { BagWriter, byPath, isSoftwareAgent, MANIFEST, parseManifestLine, PAYLOAD_DIR, softwareAgent, TAG_FILES } from './bag.ts';
import { listEntries, readLines, readTagFields } from './entries.ts';
import { parsePage, type Problem, rewriteTree, serializePage, SiteFiles } from './offline.ts';
import { hasExactSearch, INDEX_DIR, indexScript, offlineSearchPage, SEARCH_PAGE, searchScripts } from './search.ts';
import type { IssueRecord } from '../../src/lib/export.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const PACKAGE = readJson<{ name: string; version: string }>(join(ROOT, 'package.json'));

export interface SnapshotOptions {
  /** The built site (dist/). */
  site: string;
  /** The folder of source texts and corrections the site was built from. */
  sources: string;
  /** Where the bag goes; an earlier bag made by `npm run snapshot` there is replaced. */
  out: string;
  /** Replace whatever is at `out`, not only an earlier bag (never the inputs or the project). */
  force?: boolean;
  /** The path the site was built for (BASE_PATH), '/' by default. */
  base?: string;
  /** The time every date in the bag is taken from (see `snapshotTime`). */
  time: Date;
}

export interface SnapshotResult {
  payloadFiles: number;
  payloadBytes: number;
  issues: number;
  documents: number;
}

/**
 * SOURCE_DATE_EPOCH (reproducible-builds.org) when set; otherwise today, at midnight UTC, since the
 * bag records only the day — two snapshots made on one day are then the same too.
 */
export function snapshotTime(env: NodeJS.ProcessEnv = process.env): Date {
  const epoch = env.SOURCE_DATE_EPOCH?.trim();
  if (epoch) {
    if (!/^\d+$/.test(epoch)) throw new Error(`SOURCE_DATE_EPOCH must be whole seconds since 1970, not "${epoch}"`);
    return new Date(Number(epoch) * 1000);
  }
  const now = new Date();
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
}

/** Every file under `dir`, relative with forward slashes, sorted; names starting with a dot are left out. */
export function listFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string, prefix: string) => {
    for (const name of readdirSync(d).sort(byPath)) {
      if (name.startsWith('.')) continue;
      const full = join(d, name);
      const st = statSync(full);
      if (st.isDirectory()) walk(full, `${prefix}${name}/`);
      else if (st.isFile()) out.push(`${prefix}${name}`);
    }
  };
  walk(dir, '');
  return out.sort(byPath);
}

const inside = (child: string, parent: string) => {
  const r = relative(parent, child);
  return r !== '..' && !r.startsWith(`..${sep}`) && !isAbsolute(r);
};

/** Lists at most this many reasons, so a refusal stays readable. */
const SHOWN = 10;

/**
 * Why the folder `out` is not a bag this tool made and nothing else: its bag-info.txt names this
 * tool as Bag-Software-Agent, it holds only the tag files the tool writes and the files its
 * payload manifest lists, and only regular files and folders. Nothing in it is then lost when it
 * is replaced. No reasons means it is such a bag.
 */
function notMadeHere(out: string): string[] {
  const { files, others } = listEntries(out);
  const reasons = others.map((o) => `${o.path} is ${o.kind}`);
  const info = files.has('bag-info.txt') ? readTagFields(out, 'bag-info.txt', ['Bag-Software-Agent']).fields : new Map<string, string>();
  if (!isSoftwareAgent(info.get('Bag-Software-Agent'), PACKAGE.name))
    reasons.push(`its bag-info.txt does not name ${PACKAGE.name} (npm run snapshot) as Bag-Software-Agent`);
  const listed = new Set<string>(TAG_FILES);
  if (files.has(MANIFEST))
    for (const line of readLines(join(out, MANIFEST))) {
      const entry = 'text' in line ? parseManifestLine(line.text) : undefined;
      if (entry?.path.startsWith(`${PAYLOAD_DIR}/`)) listed.add(entry.path);
    }
  for (const f of [...files.keys()].sort(byPath)) if (!listed.has(f)) reasons.push(`${f} is not part of the bag`);
  return reasons;
}

/**
 * Refuses to write into or around the inputs or the project, and, unless `force`, to replace
 * anything but an earlier bag this tool made.
 */
function checkOut(out: string, inputs: readonly string[], force: boolean): void {
  for (const input of inputs)
    if (inside(out, input) || inside(input, out)) throw new Error(`the snapshot cannot go in ${out}: it would overlap ${input}`);
  if (inside(ROOT, out)) throw new Error(`the snapshot cannot go in ${out}: it would hold the project`);
  const st = lstatSync(out, { throwIfNoEntry: false });
  if (!st || force) return;
  const advice = 'choose another folder, or give --force to replace it';
  if (!st.isDirectory()) throw new Error(`${out} exists and is not a folder; ${advice}`);
  if (readdirSync(out).length === 0) return;
  const reasons = notMadeHere(out);
  if (reasons.length)
    throw new Error(
      `${out} is not a bag made by npm run snapshot, and replacing it would delete what it holds; ${advice}:\n` +
        reasons
          .slice(0, SHOWN)
          .map((r) => `  ${r}`)
          .join('\n') +
        (reasons.length > SHOWN ? `\n  and ${reasons.length - SHOWN} more` : ''),
    );
}

const issueLabel = (i: IssueRecord) => `${i.year}年第${i.number}期`;

function readJson<T>(file: string): T {
  return JSON.parse(readFileSync(file, 'utf8')) as T;
}

/** The site must be built from these sources: a stale build would make a bag that contradicts itself. */
function checkBuiltFrom(issues: readonly IssueRecord[], sources: readonly string[]): void {
  const built = new Set(issues.map((i) => i.id));
  const given = new Set(sources.flatMap((f) => (SOURCE_NAME.test(f) ? [f.slice(0, -'.txt'.length)] : [])));
  const notBuilt = [...given].filter((id) => !built.has(id));
  const noSource = [...built].filter((id) => !given.has(id));
  if (notBuilt.length || noSource.length)
    throw new Error(
      'the site was not built from these sources (run `npm run build` first):' +
        (notBuilt.length ? `\n  issues not in the site: ${notBuilt.join(', ')}` : '') +
        (noSource.length ? `\n  issues without a source: ${noSource.join(', ')}` : ''),
    );
}

export function makeSnapshot(options: SnapshotOptions): SnapshotResult {
  const siteDir = resolve(options.site);
  const sourcesDir = resolve(options.sources);
  const out = resolve(options.out);
  const base = basePath(options.base);
  if (!existsSync(join(siteDir, 'index.html'))) throw new Error(`no built site in ${siteDir} (run \`npm run build\` first)`);
  const force = options.force ?? false;
  checkOut(out, [siteDir, sourcesDir], force);

  const siteFiles = listFiles(siteDir);
  const sourceFiles = listFiles(sourcesDir);
  const issues = readJson<IssueRecord[]>(join(siteDir, 'data/issues.json')).toSorted((a, b) => byPath(a.id, b.id));
  const documents = readJson<unknown[]>(join(siteDir, 'data/documents.json'));
  checkBuiltFrom(issues, sourceFiles);

  // Written beside the old bag and swapped in at the end, so a failed run leaves the old one whole;
  // the folder's name is new (mkdir fails on an existing one), so nothing already there is ever
  // written into or deleted. Not mkdtemp: the bag keeps the usual permissions, not owner-only.
  mkdirSync(dirname(out), { recursive: true });
  const work = join(dirname(out), `.${basename(out)}.partial-${randomBytes(6).toString('hex')}`);
  mkdirSync(work);
  try {
    const bag = new BagWriter(work);
    const search = hasExactSearch(siteFiles);
    const offlineSearch = search ? searchScripts() : [];
    const site = new SiteFiles(base, [...siteFiles, ...offlineSearch.map((f) => f.path)]);
    const problems: Problem[] = [];
    let canonical: string | undefined;
    for (const file of siteFiles) {
      const bytes = readFileSync(join(siteDir, file));
      if (search && file.startsWith(INDEX_DIR)) {
        const script = indexScript(file, bytes);
        bag.add(`site/${script.path}`, script.bytes);
      }
      if (!file.endsWith('.html')) {
        bag.add(`site/${file}`, bytes);
        continue;
      }
      const tree = parsePage(bytes.toString('utf8'));
      if (file === 'index.html') canonical = select('link[rel~=canonical]', tree)?.properties.href?.toString();
      rewriteTree(tree, file, site, problems);
      if (search && file === SEARCH_PAGE) offlineSearchPage(tree);
      bag.add(`site/${file}`, new TextEncoder().encode(serializePage(tree)));
    }
    for (const f of offlineSearch) bag.add(`site/${f.path}`, f.bytes);
    if (problems.length)
      throw new Error(
        `links that would not work from a disk:\n${problems.map((p) => `  ${p.page}: ${p.url} ${p.reason}`).join('\n')}` +
          (base === '/' ? '' : `\n(the site is taken to be built for BASE_PATH=${base})`),
      );
    for (const file of siteFiles)
      if (file.startsWith('data/')) bag.add(`export/${file.slice('data/'.length)}`, readFileSync(join(siteDir, file)));
    for (const file of sourceFiles) bag.add(`sources/${file}`, readFileSync(join(sourcesDir, file)));

    const first = issues[0];
    const last = issues.at(-1);
    const range = first && last ? `${first.id} to ${last.id}` : 'none';
    const description =
      `${siteConfig.name}: ${issues.length} issues` +
      (first && last ? ` (${issueLabel(first)} to ${issueLabel(last)})` : '') +
      `, ${documents.length} documents. ${PAYLOAD_DIR}/site/ is the website: open ${PAYLOAD_DIR}/site/index.html in a browser, ` +
      `or serve ${PAYLOAD_DIR}/site/ with any static web server at any path. ${PAYLOAD_DIR}/sources/ holds the text of each ` +
      `printed issue and its corrections, from which the archive is built; ${PAYLOAD_DIR}/export/ the data export ` +
      '(issues.json, documents.json, documents/<id>.json).';
    bag.finish([
      ['Source-Organization', siteConfig.publisher],
      ['External-Description', description],
      ...(canonical ? [['External-Identifier', canonical] as const] : []),
      ['Bagging-Date', options.time.toISOString().slice(0, 10)],
      ['Bag-Software-Agent', softwareAgent(PACKAGE.name, PACKAGE.version)],
      ['Issue-Range', range],
      ['Issue-Count', String(issues.length)],
      ['Document-Count', String(documents.length)],
    ]);

    let bytes = 0;
    for (const f of bag.files.values()) bytes += f.size;
    // Checked again: the folder may have changed while the bag was made.
    checkOut(out, [siteDir, sourcesDir], force);
    rmSync(out, { recursive: true, force: true });
    renameSync(work, out);
    return { payloadFiles: bag.files.size, payloadBytes: bytes, issues: issues.length, documents: documents.length };
  } catch (error) {
    rmSync(work, { recursive: true, force: true });
    throw error;
  }
}
