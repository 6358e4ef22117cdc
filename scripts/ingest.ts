/**
 * npm run ingest [-- --strict] [--sources DIR] [--out DIR] [--quiet | --verbose] [--explain YYYY-NN:LINE]
 *
 * Converts every gazette issue in the sources folder into MDX content collections:
 * `<out>/issues/<YYYY-NN>.mdx`, `<out>/documents/<id>.mdx`, and a report per issue in
 * `<out>/reports/`. Problems are printed as positioned messages; a source that cannot be read is
 * reported and skipped, and the others still build. With --strict any message fails the run.
 * With --explain, nothing is written: the command prints what each stage did with the lines
 * around that source line and which named rule joined or broke each one (see ingest/explain.ts).
 */
import { mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { parseArgs } from 'node:util';
import type { Root } from 'mdast';
import { type Document, NUMBERS_FILE } from '../src/lib/schema.ts';
import { VFile } from 'vfile';
import { VFileMessage } from 'vfile-message';
import { reporter } from 'vfile-reporter';
import { type IngestedIssue, ingestIssue } from './ingest/issue.ts';
import { readCorrections } from './ingest/corrections.ts';
import { explain } from './ingest/explain.ts';
import { freeId } from './ingest/ids.ts';
import { type Earlier, issueLines, lineWith, nameFindings } from './ingest/evidence.ts';
import { type Position, RULES, fail, refuse, warn } from './ingest/messages.ts';
import { truncationFindings } from './ingest/truncation.ts';
import { mdxFile } from './ingest/mdx.ts';
import { numbersFile, textFile } from './ingest/text.ts';
import { readSource } from './ingest/read.ts';
import { issueReport } from './ingest/report.ts';

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
  add(ingested: IngestedIssue, file: VFile): void;
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

/**
 * Ingests every source of a folder, one issue at a time: the sink receives an issue as soon as it
 * is converted, so a caller that writes it out holds one issue in memory, however long the run.
 * Returns the files with their messages.
 */
export function ingestSources(sourcesDir: string, sink: IssueSink): VFile[] {
  const files: VFile[] = [];
  const kept = new Map<string, Kept>();
  const earlier: Earlier[] = [];
  // A 文号 is unique in an archive but the same document may be printed twice (a reprint).
  const used = new Set<string>();
  for (const name of readdirSync(sourcesDir).sort()) {
    if (SIDE_FILE.test(name)) continue;
    const path = join(sourcesDir, name);
    const stat = statSync(path, { throwIfNoEntry: false });
    // Folders (the output, notes) are not sources; a pipe or a device would never end.
    if (stat?.isDirectory()) continue;
    try {
      if (!stat?.isFile()) fail(new VFile({ path }), 'not a regular file; a source is a text file', RULES.notFile);
      const source = readSource(path, readFileSync(path));
      files.push(source.file);
      const { corrections, file: correctionsFile } = readCorrections(path);
      if (correctionsFile) files.push(correctionsFile);
      const ingested = ingestIssue(source, corrections, correctionsFile);
      const findings = nameFindings(source, ingested, earlier);
      for (const f of [...findings, ...truncationFindings(source, ingested)])
        warn(source.file, f.reason, findings.includes(f) ? RULES.issueMismatch : RULES.truncated, f.at);
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
          continue;
        }
      }
      for (const k of identity) kept.set(k, current);
      earlier.push({ id: ingested.issue.id, year: source.year, number: source.number, total: ingested.issue.total, file: name });
      for (const d of ingested.documents) {
        if (used.has(d.meta.id)) d.meta.id = freeId(`${d.meta.id}-${ingested.issue.id}`, used);
        used.add(d.meta.id);
      }
      ingested.issue.documents = ingested.documents.map((d) => d.meta.id);
      sink.add(ingested, source.file);
    } catch (error) {
      if (!(error instanceof VFileMessage)) throw error;
      const file = files.find((f) => f.path === path) ?? new VFile({ path });
      if (!files.includes(file)) {
        file.messages.push(error);
        files.push(file);
      }
    }
  }
  return files;
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

function prepare(outDir: string): void {
  for (const sub of ['issues', 'documents', 'texts', 'reports']) {
    rmSync(join(outDir, sub), { recursive: true, force: true });
    mkdirSync(join(outDir, sub), { recursive: true });
  }
}

/** The files an issue is written to, relative to the output folder. */
function outputsOf(ingested: IngestedIssue): string[] {
  return [
    join('issues', `${ingested.issue.id}.mdx`),
    ...ingested.documents.map((d) => join('documents', `${d.meta.id}.mdx`)),
    ...ingested.documents.map((d) => join('texts', `${d.meta.id}.json`)),
    join('reports', `${ingested.issue.id}.md`),
  ];
}

function writeIssue(outDir: string, ingested: IngestedIssue, file: VFile): void {
  writeFileSync(join(outDir, 'issues', `${ingested.issue.id}.mdx`), mdxFile(ingested.issue, issueTree(ingested)));
  for (const d of ingested.documents) {
    writeFileSync(join(outDir, 'documents', `${d.meta.id}.mdx`), mdxFile(d.meta, d.tree));
    writeFileSync(join(outDir, 'texts', `${d.meta.id}.json`), textFile(d.meta.id, d.tree));
  }
  writeFileSync(join(outDir, 'reports', `${ingested.issue.id}.md`), issueReport(ingested, file));
}

function removeIssue(outDir: string, ingested: IngestedIssue): void {
  for (const f of outputsOf(ingested)) rmSync(join(outDir, f), { force: true });
}

export function writeCollections(result: IngestResult, outDir: string): void {
  prepare(outDir);
  for (const ingested of result.issues)
    writeIssue(
      outDir,
      ingested,
      result.files.find((f) => f.stem === ingested.issue.id)!,
    );
  writeFileSync(join(outDir, NUMBERS_FILE), numbersFile(result.issues.flatMap((i) => i.documents.map((d) => d.meta))));
}

function main(): void {
  const { values } = parseArgs({
    options: {
      strict: { type: 'boolean', default: false },
      sources: { type: 'string', default: process.env.GAZETTE_SOURCES ?? DEFAULT_SOURCES },
      out: { type: 'string', default: process.env.GAZETTE_CONTENT ?? DEFAULT_OUT },
      quiet: { type: 'boolean', default: false },
      verbose: { type: 'boolean', default: false },
      explain: { type: 'string' },
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
  const started = performance.now();
  prepare(values.out);
  let issues = 0;
  let docs = 0;
  // Only the records, by issue id: the sink must not keep each issue's trees alive.
  const written = new Map<string, Document[]>();
  const files = ingestSources(values.sources, {
    add: (ingested, file) => {
      writeIssue(values.out, ingested, file);
      written.set(
        ingested.issue.id,
        ingested.documents.map((d) => d.meta),
      );
      issues++;
      docs += ingested.documents.length;
    },
    remove: (ingested) => {
      removeIssue(values.out, ingested);
      written.delete(ingested.issue.id);
      issues--;
      docs -= ingested.documents.length;
    },
  });
  writeFileSync(join(values.out, NUMBERS_FILE), numbersFile([...written.values()].flat()));
  const refused = refusedFiles(files);
  writeFileSync(join(values.out, REFUSED), `${JSON.stringify(refused, null, 2)}\n`);
  // Files without messages are listed only with --verbose ("no issues found" would read as no gazette issues).
  const report = reporter(files, { quiet: !values.verbose });
  if (report) console.error(report);
  if (!values.quiet)
    console.log(
      `ingest: ${issues} issues, ${docs} documents → ${values.out} (${Math.round(performance.now() - started)} ms)` +
        (refused.length ? `; refused: ${refused.map((r) => basename(r.file)).join(', ')}` : ''),
    );
  process.exitCode = exitCode(files, values.strict);
}

if (import.meta.main) main();
