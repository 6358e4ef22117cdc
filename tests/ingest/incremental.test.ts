/**
 * The ingest as the build runs it, on several threads and again over an output it wrote before:
 * converting on several threads writes the same bytes and prints the same messages, in the same
 * order, as on one; a file is written only when its bytes change, and the files of a source that
 * is gone are removed.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import matter from 'gray-matter';
import { describe, expect, it } from 'vitest';
import { NUMBERS_FILE } from '../../src/lib/schema.ts';

const ISSUES = ['2019-07', '2023-04', '2023-05', '2023-10'];

function ingest(sources: string, out: string, ...flags: string[]) {
  const run = spawnSync(process.execPath, ['scripts/ingest.ts', '--sources', sources, '--out', out, ...flags], { encoding: 'utf8' });
  // The time taken is the one thing two runs may print differently.
  return { status: run.status, stdout: run.stdout.replace(/; \d+ ms\)/u, ')'), stderr: run.stderr };
}

/** Every file of an output folder: its bytes and when it was last written. */
function snapshot(dir: string): Map<string, { text: string; mtime: bigint }> {
  const out = new Map<string, { text: string; mtime: bigint }>();
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    out.set(path.slice(dir.length + 1), { text: readFileSync(path, 'utf8'), mtime: statSync(path, { bigint: true }).mtimeNs });
  }
  return out;
}

const texts = (files: Map<string, { text: string }>) => new Map([...files].map(([k, v]) => [k, v.text]));

function sourcesOf(names: readonly string[]): string {
  const dir = mkdtempSync(join(tmpdir(), 'sources-'));
  for (const n of names) copyFileSync(`content/sources/${n}.txt`, join(dir, `${n}.txt`));
  return dir;
}

describe('on several threads', () => {
  // The four issues, a second file of one of them, a file that is not an issue and corrections
  // that do not parse: refusals and warnings from sources converted on different threads.
  const dir = sourcesOf(ISSUES);
  copyFileSync('content/sources/2023-05.txt', join(dir, '2023-06.txt'));
  writeFileSync(join(dir, 'notes.txt'), '会议纪要\n');
  writeFileSync(join(dir, '2023-04.corrections.json'), '{ "documents": ');
  const runs = [1, 2, 3].map((jobs) => {
    const out = mkdtempSync(join(tmpdir(), `jobs-${jobs}-`));
    return { jobs, out, ...ingest(dir, out, '--jobs', String(jobs), '--verbose') };
  });

  it('writes the same bytes and prints the same messages, in the same order, as on one', () => {
    const [serial, ...parallel] = runs;
    const files = texts(snapshot(serial!.out));
    expect(files.size).toBeGreaterThan(40);
    for (const rule of ['duplicate-issue', 'issue-mismatch', 'correction', 'file-name', 'table-layout'])
      expect(serial!.stderr).toContain(rule);
    for (const run of parallel) {
      expect(texts(snapshot(run.out)), `--jobs ${run.jobs}`).toEqual(files);
      expect(run.stderr, `--jobs ${run.jobs}`).toBe(serial!.stderr);
      expect(run.stdout.replace(run.out, serial!.out), `--jobs ${run.jobs}`).toBe(serial!.stdout);
      expect(run.status).toBe(serial!.status);
    }
  });

  it('fails with --strict on any message, as on one', () => {
    const out = mkdtempSync(join(tmpdir(), 'strict-'));
    expect(ingest(dir, out, '--jobs', '2', '--strict').status).toBe(1);
    expect(ingest(sourcesOf(['2023-05']), out, '--jobs', '2', '--strict').status).toBe(0);
  });
});

describe('over an earlier output', () => {
  const dir = sourcesOf(['2023-04', '2023-05']);
  const out = mkdtempSync(join(tmpdir(), 'incremental-'));
  ingest(dir, out);
  const first = snapshot(out);
  // A document's MDX and the text derived from it.
  const documentsOf = (issue: string) =>
    (matter(first.get(`issues/${issue}.mdx`)!.text).data.documents as string[]).flatMap((id) => [
      `documents/${id}.mdx`,
      `texts/${id}.json`,
    ]);

  it('writes nothing when no source changed', () => {
    expect(ingest(dir, out).stdout).toMatch(/\(0 files written, \d+ unchanged, 0 removed\)/u);
    expect(snapshot(out)).toEqual(first);
  });

  it('rewrites only the files whose bytes change when one character of one source changes', () => {
    const path = join(dir, '2023-05.txt');
    const lines = readFileSync(path, 'utf8').split('\n');
    // A character of running text in the middle of the issue, far from any heading or table.
    const k = lines.findIndex((l, i) => i > lines.length / 2 && l.length > 40 && l.includes('的') && !/[|\t]/u.test(l));
    lines[k] = lines[k]!.replace('的', '之');
    writeFileSync(path, lines.join('\n'));
    ingest(dir, out);
    const after = snapshot(out);
    const rewritten = [...after].filter(([name, f]) => f.mtime !== first.get(name)?.mtime).map(([name]) => name);
    const changed = [...after].filter(([name, f]) => f.text !== first.get(name)?.text).map(([name]) => name);
    // The document with that line and the report (which gives the source's checksum).
    expect(changed.some((name) => documentsOf('2023-05').includes(name))).toBe(true);
    expect(changed).toContain('reports/2023-05.md');
    expect(rewritten.sort()).toEqual(changed.sort());
    expect(changed.every((name) => [...documentsOf('2023-05'), 'issues/2023-05.mdx', 'reports/2023-05.md'].includes(name))).toBe(true);
  });

  it('removes the files of a source that is gone, and only those', () => {
    const before = snapshot(out);
    rmSync(join(dir, '2023-04.txt'));
    // The list of 文号 the archive holds loses that issue's: the one file written.
    expect(ingest(dir, out).stdout).toMatch(/\(1 files written, \d+ unchanged, [1-9]\d* removed\)/u);
    const gone = [...documentsOf('2023-04'), 'issues/2023-04.mdx', 'reports/2023-04.md'];
    const after = snapshot(out);
    expect(new Map([...after].filter(([name]) => name !== NUMBERS_FILE))).toEqual(
      new Map([...before].filter(([name]) => !gone.includes(name) && name !== NUMBERS_FILE)),
    );
    expect(after.get(NUMBERS_FILE)!.text).not.toBe(before.get(NUMBERS_FILE)!.text);
  });
});
