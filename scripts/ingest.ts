/**
 * npm run ingest [-- --strict] [--sources DIR] [--out DIR] [--quiet | --verbose] [--jobs N] [--explain YYYY-NN:LINE]
 *
 * Converts every gazette issue in the sources folder into MDX content collections:
 * `<out>/issues/<YYYY-NN>.mdx`, `<out>/documents/<id>.mdx`, and a report per issue in
 * `<out>/reports/`. Problems are printed as positioned messages; a source that cannot be read is
 * reported and skipped, and the others still build. With --strict any message fails the run.
 * Sources are converted on --jobs threads (by default one per core for a large archive), with the
 * same output and messages as on one.
 * A file is written only when its bytes change, and files whose source is gone are removed, so a
 * second run over the same sources leaves the output as it was.
 * With --explain, nothing is written: the command prints what each stage did with the lines
 * around that source line and which named rule joined or broke each one (see ingest/explain.ts).
 */
import { mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { basename, join } from 'node:path';
import { parseArgs } from 'node:util';
import type { Root } from 'mdast';
import { type Document, NUMBERS_FILE } from '../src/lib/schema.ts';
import { VFile } from 'vfile';
import { reporter } from 'vfile-reporter';
import { toMdx } from '../src/lib/mdx-syntax.ts';
import { type Converted, convertSource } from './ingest/convert.ts';
import type { IngestedIssue } from './ingest/issue.ts';
import { explain } from './ingest/explain.ts';
import { freeId } from './ingest/ids.ts';
import { type Earlier, issueLines, lineWith, nameFindings } from './ingest/evidence.ts';
import { type Position, RULES, refuse, warn } from './ingest/messages.ts';
import { mdxFile } from './ingest/mdx.ts';
import { numbersFile, textFile } from './ingest/text.ts';
import { issueReport } from './ingest/report.ts';
import { convertInWorkers } from './ingest-worker.ts';

export const DEFAULT_SOURCES = 'content/sources';
export const DEFAULT_OUT = 'content/generated';
/** The files the last run refused, for the build to fail on after it has built the rest. */
export const REFUSED = 'refused.json';

export interface IngestResult {
  issues: IngestedIssue[];
  files: VFile[];
}

/** Where converted issues go as soon as each is ready. */
export interface IssueSink {
  /** `bodies`: the MDX of each document, without frontmatter. */
  add(ingested: IngestedIssue, file: VFile, bodies: readonly string[]): void;
  /** An issue added earlier is refused after all: a later file is the same issue. */
  remove(ingested: IngestedIssue): void;
}

/** Files in the sources folder that are not issues themselves. */
const SIDE_FILE = /\.corrections\.json$|^README(\.md)?$|^\./u;

interface Kept {
  name: string;
  file: VFile;
  ingested: IngestedIssue;
  /** Its name agrees with everything the issue prints. */
  named: boolean;
  /** Where it prints 总第N期. */
  at?: Position;
  /** Refused when a later file turned out to be the same issue. */
  refused?: boolean;
}

/**
 * Two files are the same issue when their bytes or their 总第N期 are the same. Which one is the
 * issue is decided by what it prints, never by which name sorts first: the file whose name agrees
 * with the printed evidence is kept; when that does not tell them apart, both are refused.
 */
function sameIssue(a: Kept, b: Kept): Kept | null {
  if (a.named && !b.named) return a;
  if (b.named && !a.named) return b;
  return null;
}

function refuseDuplicate(loser: Kept, other: Kept, decided: boolean): void {
  const why = decided
    ? `what it prints contradicts its name, and ${other.name} is named as it prints`
    : `nothing printed tells which of the two names is right`;
  refuse(loser.file, `this is the same issue as ${other.name} (${why}); keep one file per issue`, RULES.duplicate, loser.at);
}

/** The sources of a folder, in the order they are ingested: files that are not side files. */
function sourcePaths(sourcesDir: string): string[] {
  return (
    readdirSync(sourcesDir)
      .sort()
      .filter((name) => !SIDE_FILE.test(name))
      .map((name) => join(sourcesDir, name))
      // Folders (the output, notes) are not sources; a pipe or a device is refused (ingest/convert.ts).
      .filter((path) => !statSync(path, { throwIfNoEntry: false })?.isDirectory())
  );
}

/**
 * The decisions that need the issues before: the same issue twice, a 文号 id already taken, a
 * running count that goes back. Takes converted sources in the order of `sourcePaths` and passes
 * each issue kept to the sink; `files` collects every file with its messages.
 */
function archiveOf(sink: IssueSink): { accept(converted: Converted): void; files: VFile[] } {
  const files: VFile[] = [];
  const kept = new Map<string, Kept>();
  const earlier: Earlier[] = [];
  // A 文号 is unique in an archive but the same document may be printed twice (a reprint).
  const used = new Set<string>();
  const accept = ({ path, files: own, issue }: Converted) => {
    files.push(...own);
    if (!issue) return;
    const { source, ingested, truncation, bodies } = issue;
    const name = basename(path);
    const findings = nameFindings(source, ingested, earlier);
    for (const f of findings) warn(source.file, f.reason, RULES.issueMismatch, f.at);
    for (const f of truncation) warn(source.file, f.reason, RULES.truncated, f.at);
    const total = ingested.issue.total;
    const current: Kept = {
      name,
      file: source.file,
      ingested,
      named: !findings.length,
      ...(total !== null && { at: lineWith(source, issueLines(source, ingested), `总第${total}期`) }),
    };
    const identity = [source.sha256, ...(total !== null ? [`total:${total}`] : [])];
    const same = identity.map((k) => kept.get(k)).find((k) => k !== undefined);
    if (same) {
      const winner = sameIssue(same, current);
      if (winner !== same && !same.refused) {
        refuseDuplicate(same, current, winner !== null);
        same.refused = true;
        sink.remove(same.ingested);
        for (const d of same.ingested.documents) used.delete(d.meta.id);
        earlier.splice(
          earlier.findIndex((e) => e.file === same.name),
          1,
        );
      }
      if (winner !== current) {
        refuseDuplicate(current, same, winner !== null);
        return;
      }
    }
    for (const k of identity) kept.set(k, current);
    earlier.push({ id: ingested.issue.id, year: source.year, number: source.number, total: ingested.issue.total, file: name });
    for (const d of ingested.documents) {
      if (used.has(d.meta.id)) d.meta.id = freeId(`${d.meta.id}-${ingested.issue.id}`, used);
      used.add(d.meta.id);
    }
    ingested.issue.documents = ingested.documents.map((d) => d.meta.id);
    sink.add(ingested, source.file, bodies);
  };
  return { accept, files };
}

/**
 * Ingests every source of a folder, one issue at a time: the sink receives an issue as soon as it
 * is converted, so a caller that writes it out holds one issue in memory, however long the run.
 * Returns the files with their messages.
 */
export function ingestSources(sourcesDir: string, sink: IssueSink): VFile[] {
  const archive = archiveOf(sink);
  for (const path of sourcePaths(sourcesDir)) archive.accept(convertSource(path));
  return archive.files;
}

/** The same on `jobs` threads (scripts/ingest-worker.ts), with the same result. */
export async function ingestSourcesInParallel(sourcesDir: string, sink: IssueSink, jobs: number): Promise<VFile[]> {
  const archive = archiveOf(sink);
  for await (const converted of convertInWorkers(sourcePaths(sourcesDir), jobs)) archive.accept(converted);
  return archive.files;
}

export interface Refused {
  file: string;
  messages: string[];
}

/** Files the ingest refused (an error, not a warning), each with its reasons. */
export function refusedFiles(files: readonly VFile[]): Refused[] {
  return files.flatMap((f) => {
    const fatal = f.messages.filter((m) => m.fatal);
    return fatal.length ? [{ file: f.path, messages: fatal.map((m) => `${m.line ?? 1}:${m.column ?? 1} ${m.reason} (${m.ruleId})`) }] : [];
  });
}

/** The whole folder in memory, for tests and figures. */
export function ingestFolder(sourcesDir: string): IngestResult {
  const issues: IngestedIssue[] = [];
  const files = ingestSources(sourcesDir, {
    add: (ingested) => issues.push(ingested),
    remove: (ingested) => issues.splice(issues.indexOf(ingested), 1),
  });
  return { issues, files };
}

/** What the build prints when sources were refused. */
export function refusedSummary(refused: readonly Refused[], allowed: boolean): string {
  const head = allowed
    ? `build: ${refused.length} source file(s) refused and left out (GAZETTE_ALLOW_REFUSED=1):`
    : `build failed: ${refused.length} source file(s) refused; every other issue was built. Fix them, or set GAZETTE_ALLOW_REFUSED=1 to publish without them:`;
  return [head, ...refused.flatMap((r) => [`  ${r.file}`, ...r.messages.map((m) => `    ${m}`)])].join('\n');
}

/**
 * With --strict, any message fails the run. Otherwise the run succeeds: a refused source is
 * reported, the others are written, and the build fails on it afterwards (scripts/refused.ts).
 */
export function exitCode(files: readonly VFile[], strict: boolean): number {
  return strict && files.some((f) => f.messages.length) ? 1 : 0;
}

/** The issue page's own text: the front matter (masthead, colophon) and the back cover. */
export function issueTree(ingested: IngestedIssue): Root {
  const para = (value: string) => ({ type: 'paragraph' as const, children: [{ type: 'text' as const, value }] });
  const children: Root['children'] = [];
  if (ingested.frontMatter.length)
    children.push({ type: 'heading', depth: 2, children: [{ type: 'text', value: '版权页' }] }, ...ingested.frontMatter.map(para));
  if (ingested.backMatter.length)
    children.push({ type: 'heading', depth: 2, children: [{ type: 'text', value: '封底' }] }, ...ingested.backMatter.map(para));
  return { type: 'root', children };
}

/** The folders of the output that hold one file per issue, document or report. */
const COLLECTIONS = ['issues', 'documents', 'texts', 'reports'];

/**
 * Writes `text` unless the file already holds exactly these bytes, so that a file keeps its
 * modification time while its content stays the same, and whatever watches the folder (astro dev,
 * a copy or a backup) sees only what changed. Every file of the output is written through here.
 */
function writeIfChanged(path: string, text: string): boolean {
  const bytes = Buffer.from(text);
  const old = statSync(path, { throwIfNoEntry: false });
  if (old?.size === bytes.length && readFileSync(path).equals(bytes)) return false;
  writeFileSync(path, bytes);
  return true;
}

/** What a run did to the output folder. */
export interface Written {
  written: number;
  unchanged: number;
  removed: number;
}

/**
 * The output folder of a run. Issues are written as they come; at the end, files of the
 * collections that this run did not produce (their source is gone, or was refused) are removed.
 */
export function outputOf(outDir: string): IssueSink & { finish(): Written } {
  for (const sub of COLLECTIONS) mkdirSync(join(outDir, sub), { recursive: true });
  const produced = new Set<string>();
  const counts: Written = { written: 0, unchanged: 0, removed: 0 };
  // The records of the documents written, by issue: the 文号 they hold are listed at the end. Only
  // the records are kept, so that no issue's trees stay alive.
  const held = new Map<string, Document[]>();
  const write = (path: string, text: string) => {
    produced.add(path);
    counts[writeIfChanged(join(outDir, path), text) ? 'written' : 'unchanged']++;
  };
  // The files of an issue, relative to the output folder.
  const issuePath = (ingested: IngestedIssue) => join('issues', `${ingested.issue.id}.mdx`);
  const documentPath = (id: string) => join('documents', `${id}.mdx`);
  const textPath = (id: string) => join('texts', `${id}.json`);
  const reportPath = (ingested: IngestedIssue) => join('reports', `${ingested.issue.id}.md`);
  return {
    add(ingested, file, bodies) {
      write(issuePath(ingested), mdxFile(ingested.issue, issueTree(ingested)));
      ingested.documents.forEach((d, i) => {
        write(documentPath(d.meta.id), mdxFile(d.meta, bodies[i]!));
        write(textPath(d.meta.id), textFile(d.meta.id, d.tree));
      });
      held.set(
        ingested.issue.id,
        ingested.documents.map((d) => d.meta),
      );
      write(reportPath(ingested), issueReport(ingested, file));
    },
    remove(ingested) {
      const ids = ingested.documents.map((d) => d.meta.id);
      for (const path of [issuePath(ingested), ...ids.map(documentPath), ...ids.map(textPath), reportPath(ingested)]) produced.delete(path);
      held.delete(ingested.issue.id);
    },
    finish() {
      write(NUMBERS_FILE, numbersFile([...held.values()].flat()));
      for (const sub of COLLECTIONS)
        for (const name of readdirSync(join(outDir, sub))) {
          const path = join(sub, name);
          if (produced.has(path)) continue;
          rmSync(join(outDir, path), { recursive: true, force: true });
          counts.removed++;
        }
      return counts;
    },
  };
}

export function writeCollections(result: IngestResult, outDir: string): Written {
  const output = outputOf(outDir);
  for (const ingested of result.issues)
    output.add(
      ingested,
      result.files.find((f) => f.stem === ingested.issue.id)!,
      ingested.documents.map((d) => toMdx(d.tree)),
    );
  return output.finish();
}

/**
 * A worker thread first loads the pipeline and warms it up, which costs about what converting a
 * few issues does; so by default a thread is started for every SOURCES_PER_THREAD sources, up to
 * one per core, and a small archive is converted in this thread alone.
 */
const SOURCES_PER_THREAD = 8;
const defaultJobs = (sources: number) => Math.max(1, Math.min(availableParallelism(), Math.floor(sources / SOURCES_PER_THREAD)));

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      strict: { type: 'boolean', default: false },
      sources: { type: 'string', default: process.env.GAZETTE_SOURCES ?? DEFAULT_SOURCES },
      out: { type: 'string', default: process.env.GAZETTE_CONTENT ?? DEFAULT_OUT },
      quiet: { type: 'boolean', default: false },
      verbose: { type: 'boolean', default: false },
      explain: { type: 'string' },
      jobs: { type: 'string' },
    },
  });
  if (values.explain) {
    try {
      console.log(explain(values.sources, values.explain));
    } catch (error) {
      console.error(`ingest --explain: ${error instanceof Error ? error.message : String(error)}`);
      process.exitCode = 1;
    }
    return;
  }
  const jobs = values.jobs === undefined ? defaultJobs(sourcePaths(values.sources).length) : Number(values.jobs);
  if (!Number.isInteger(jobs) || jobs < 1) {
    console.error(`ingest: --jobs must be a positive integer, not ${values.jobs}`);
    process.exitCode = 1;
    return;
  }
  const started = performance.now();
  const output = outputOf(values.out);
  let issues = 0;
  let docs = 0;
  const sink: IssueSink = {
    add: (ingested, file, bodies) => {
      output.add(ingested, file, bodies);
      issues++;
      docs += ingested.documents.length;
    },
    remove: (ingested) => {
      output.remove(ingested);
      issues--;
      docs -= ingested.documents.length;
    },
  };
  const files = jobs === 1 ? ingestSources(values.sources, sink) : await ingestSourcesInParallel(values.sources, sink, jobs);
  const refused = refusedFiles(files);
  writeIfChanged(join(values.out, REFUSED), `${JSON.stringify(refused, null, 2)}\n`);
  const written = output.finish();
  // Files without messages are listed only with --verbose ("no issues found" would read as no gazette issues).
  const report = reporter(files, { quiet: !values.verbose });
  if (report) console.error(report);
  if (!values.quiet)
    console.log(
      `ingest: ${issues} issues, ${docs} documents → ${values.out} (${written.written} files written, ${written.unchanged} unchanged, ${written.removed} removed; ${Math.round(performance.now() - started)} ms)` +
        (refused.length ? `; refused: ${refused.map((r) => basename(r.file)).join(', ')}` : ''),
    );
  process.exitCode = exitCode(files, values.strict);
}

if (import.meta.main) await main();
