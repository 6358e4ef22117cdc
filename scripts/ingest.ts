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
import { mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { Root } from 'mdast';
import { VFile } from 'vfile';
import { VFileMessage } from 'vfile-message';
import { reporter } from 'vfile-reporter';
import { type IngestedIssue, ingestIssue } from './ingest/issue.ts';
import { readCorrections } from './ingest/corrections.ts';
import { explain } from './ingest/explain.ts';
import { RULES, SOURCE } from './ingest/messages.ts';
import { mdxFile } from './ingest/mdx.ts';
import { readSource } from './ingest/read.ts';
import { issueReport } from './ingest/report.ts';

export const DEFAULT_SOURCES = 'content/sources';
export const DEFAULT_OUT = 'content/generated';

export interface IngestResult {
  issues: IngestedIssue[];
  files: VFile[];
}

/** Files in the sources folder that are not issues themselves. */
const SIDE_FILE = /\.corrections\.json$|^README(\.md)?$|^\./u;

/**
 * Ingests every source of a folder, one issue at a time: `each` receives an issue as soon as it is
 * converted, so a caller that writes it out holds one issue in memory, however long the run.
 * Returns the files with their messages.
 */
export function ingestSources(sourcesDir: string, each: (ingested: IngestedIssue, file: VFile) => void): VFile[] {
  const files: VFile[] = [];
  const seen = new Map<string, string>();
  // A 文号 is unique in an archive but the same document may be printed twice (a reprint).
  const used = new Set<string>();
  for (const name of readdirSync(sourcesDir).sort()) {
    if (SIDE_FILE.test(name)) continue;
    const path = join(sourcesDir, name);
    try {
      const source = readSource(path, readFileSync(path));
      files.push(source.file);
      const { corrections, file: correctionsFile } = readCorrections(path);
      if (correctionsFile) files.push(correctionsFile);
      const ingested = ingestIssue(source, corrections, correctionsFile);
      const same = seen.get(source.sha256) ?? (ingested.issue.total ? seen.get(`total:${ingested.issue.total}`) : undefined);
      if (same) {
        source.file.fail(`this is the same issue as ${same}; keep one file per issue`, { ruleId: RULES.duplicate, source: SOURCE });
      }
      seen.set(source.sha256, name);
      if (ingested.issue.total) seen.set(`total:${ingested.issue.total}`, name);
      for (const d of ingested.documents) {
        if (used.has(d.meta.id)) d.meta.id = `${d.meta.id}-${ingested.issue.id}`;
        used.add(d.meta.id);
      }
      ingested.issue.documents = ingested.documents.map((d) => d.meta.id);
      each(ingested, source.file);
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

/** The whole folder in memory, for tests and figures. */
export function ingestFolder(sourcesDir: string): IngestResult {
  const issues: IngestedIssue[] = [];
  const files = ingestSources(sourcesDir, (ingested) => issues.push(ingested));
  return { issues, files };
}

function issueTree(ingested: IngestedIssue): Root {
  const para = (value: string) => ({ type: 'paragraph' as const, children: [{ type: 'text' as const, value }] });
  const children: Root['children'] = [];
  if (ingested.frontMatter.length)
    children.push({ type: 'heading', depth: 2, children: [{ type: 'text', value: '版权页' }] }, ...ingested.frontMatter.map(para));
  if (ingested.backMatter.length)
    children.push({ type: 'heading', depth: 2, children: [{ type: 'text', value: '封底' }] }, ...ingested.backMatter.map(para));
  return { type: 'root', children };
}

function prepare(outDir: string): void {
  for (const sub of ['issues', 'documents', 'reports']) {
    rmSync(join(outDir, sub), { recursive: true, force: true });
    mkdirSync(join(outDir, sub), { recursive: true });
  }
}

function writeIssue(outDir: string, ingested: IngestedIssue, file: VFile): void {
  writeFileSync(join(outDir, 'issues', `${ingested.issue.id}.mdx`), mdxFile(ingested.issue, issueTree(ingested)));
  for (const d of ingested.documents) writeFileSync(join(outDir, 'documents', `${d.meta.id}.mdx`), mdxFile(d.meta, d.tree));
  writeFileSync(join(outDir, 'reports', `${ingested.issue.id}.md`), issueReport(ingested, file));
}

export function writeCollections(result: IngestResult, outDir: string): void {
  prepare(outDir);
  for (const ingested of result.issues)
    writeIssue(
      outDir,
      ingested,
      result.files.find((f) => f.stem === ingested.issue.id)!,
    );
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
  const files = ingestSources(values.sources, (ingested, file) => {
    writeIssue(values.out, ingested, file);
    issues++;
    docs += ingested.documents.length;
  });
  // Files without messages are listed only with --verbose ("no issues found" would read as no gazette issues).
  const report = reporter(files, { quiet: !values.verbose });
  if (report) console.error(report);
  if (!values.quiet)
    console.log(`ingest: ${issues} issues, ${docs} documents → ${values.out} (${Math.round(performance.now() - started)} ms)`);
  const failed = files.some((f) => f.messages.some((m) => m.fatal || values.strict));
  if (values.strict && failed) process.exitCode = 1;
}

if (import.meta.main) main();
