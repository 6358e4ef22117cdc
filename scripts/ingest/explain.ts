/**
 * `npm run ingest -- --explain YYYY-NN:LINE`: what the pipeline did with the source lines around
 * one line — the printed page it is on and that page's measure, whether it was dropped as a
 * printing artifact and why, where reading order moved it, the block it went into, the named rule
 * that joined it to the line read before it or broke there (see reflow/lines.ts), the named rule
 * that made it open a document (see documents.ts), and where it ended up. A maintainer who meets a bad paragraph finds the rule that made it.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readCorrections } from './corrections.ts';
import type { LineFate, LineTrace } from './fates.ts';
import { ingestIssue } from './issue.ts';
import { readSource } from './read.ts';

/** Lines shown either side of the one asked about. */
export const SPAN = 6;

export const EXPLAIN_FORM = /^(\d{4}-\d{2}):(\d+)$/u;

function fateOf(f: LineFate | undefined): string {
  switch (f?.kind) {
    case 'document':
      return `in document ${f.id}`;
    case 'issue':
      return `in the issue's ${f.part} matter`;
    case 'dropped':
      return `dropped (${f.reason})`;
    case 'blank':
      return 'blank';
    default:
      return 'unread';
  }
}

function stagesOf(t: LineTrace): string[] {
  const out = [
    `${t.page === null ? 'unnumbered page' : `page ${t.page}`} (page ${t.sheet + 1} of the extraction), full line ${t.measure}+ cells`,
  ];
  if (t.readAfter !== undefined) out.push(`reading order: read after line ${t.readAfter}`);
  if (t.title) out.push('title in large type');
  if (t.caption) out.push('photo caption lifted out of the text');
  const d = t.decision;
  const b = t.block;
  if (b?.kind === 'table' || b?.torn) out.push('read as a table row or cell');
  else if (!d) out.push('opens a block (the first line read, or the first after a table)');
  else if (d.verdict === 'join') out.push(`joins line ${d.prev}: rule ${d.rule}`);
  else out.push(`breaks after line ${d.prev}: rule ${d.rule}`);
  if (b) out.push(`${b.torn ? 'torn table' : b.kind} block, lines ${b.line}–${b.endLine}`);
  return out;
}

/** The report for `YYYY-NN:LINE` in a sources folder; throws on a malformed or unknown line. */
export function explain(sourcesDir: string, at: string, span = SPAN): string {
  const m = EXPLAIN_FORM.exec(at);
  if (!m) throw new Error(`--explain takes YYYY-NN:LINE (e.g. 2023-05:120), not \`${at}\``);
  const [, key, lineText] = m as unknown as [string, string, string];
  const path = join(sourcesDir, `${key}.txt`);
  const source = readSource(path, readFileSync(path));
  const line = Number(lineText);
  if (line < 1 || line > source.lines.length) throw new Error(`${key}.txt has ${source.lines.length} lines; there is no line ${line}`);
  const { corrections, file: correctionsFile } = readCorrections(path);
  const { fates } = ingestIssue(source, corrections, correctionsFile);
  const trace = source.file.data.reflow;
  const out = [`${key}.txt (${source.flavour}), lines ${Math.max(1, line - span)}–${Math.min(source.lines.length, line + span)}:`];
  for (let n = Math.max(1, line - span); n <= Math.min(source.lines.length, line + span); n++) {
    const text = source.lines[n - 1]!;
    out.push(`${n === line ? '>' : ' '}${String(n).padStart(6)}  ${text.trim() ? text : '(blank)'}`);
    if (!text.trim()) continue;
    const t = trace?.get(n);
    const opened = source.file.data.opened?.get(n);
    const opens = opened ? [`opens a document (${opened.kind}): rule ${opened.rule}`] : [];
    out.push(`         ${[...(t ? stagesOf(t) : []), ...opens, fateOf(fates[n - 1])].join(' · ')}`);
  }
  return out.join('\n');
}
