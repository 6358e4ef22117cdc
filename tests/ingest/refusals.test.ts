/**
 * Nothing lost, nothing silent: each kind of bad input gets its message (file, line:column, rule)
 * and its exit code, and changes nothing else — every other issue's output, and every document
 * of the same issue the fault does not touch, is byte for byte what a clean run writes.
 */
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import matter from 'gray-matter';
import type { VFile } from 'vfile';
import { beforeAll, describe, expect, it } from 'vitest';
import { exitCode, ingestFolder, refusedFiles, writeCollections } from '../../scripts/ingest.ts';
import { heldNumbers } from '../../src/lib/docnumber.ts';
import { Document, NUMBERS_FILE } from '../../src/lib/schema.ts';
import { encodeGbk } from '../support/gbk.ts';

type Output = Map<string, string>;

/**
 * What an ingest wrote, by file. A document's text (`texts/<id>.json`) is part of its document's
 * entry, since one changes with the other; the archive's list of 文号 must follow the documents
 * written, whichever were refused.
 */
function outputOf(dir: string): Output {
  const out = new Map<string, string>();
  for (const sub of readdirSync(dir, { withFileTypes: true }).filter((e) => e.isDirectory() && e.name !== 'texts'))
    for (const f of readdirSync(join(dir, sub.name))) out.set(`${sub.name}/${f}`, readFileSync(join(dir, sub.name, f), 'utf8'));
  const documents = [...out].filter(([name]) => name.startsWith('documents/'));
  for (const [name, mdx] of documents)
    out.set(name, `${mdx}${readFileSync(join(dir, name.replace(/^documents\/(.*)\.mdx$/u, 'texts/$1.json')), 'utf8')}`);
  expect(readdirSync(join(dir, 'texts'))).toHaveLength(documents.length);
  const held = heldNumbers(documents.map(([, mdx]) => Document.parse(matter(mdx).data)));
  expect(JSON.parse(readFileSync(join(dir, NUMBERS_FILE), 'utf8'))).toEqual(Object.fromEntries(held));
  return out;
}

const source = (name: string): Buffer => readFileSync(`content/sources/${name}.txt`);
const lines = (name: string): string[] => source(name).toString('utf8').split('\n');

/** Ingests a folder of the given files; returns the messages and what was written. */
function ingest(files: Record<string, string | Uint8Array>) {
  const dir = mkdtempSync(join(tmpdir(), 'refusals-'));
  for (const [name, bytes] of Object.entries(files)) writeFileSync(join(dir, name), bytes);
  const result = ingestFolder(dir);
  const outDir = mkdtempSync(join(tmpdir(), 'refusals-out-'));
  writeCollections(result, outDir);
  // What the clean sources already say (a table whose columns run together) is not about the fault.
  const messages = (file: string) =>
    result.files
      .find((f: VFile) => f.basename === file)
      ?.messages.filter((m) => !standing.has(`${m.ruleId}|${m.reason}`))
      .map((m) => ({ at: `${m.line}:${m.column}`, rule: m.ruleId, reason: m.reason, fatal: m.fatal })) ?? [];
  return { ...result, output: outputOf(outDir), messages, strict: exitCode(result.files, true), normal: exitCode(result.files, false) };
}

let clean: Output;
/** The messages of a clean run, by rule and text. */
let standing: Set<string>;
beforeAll(() => {
  const dir = mkdtempSync(join(tmpdir(), 'refusals-clean-'));
  const result = ingestFolder('content/sources');
  writeCollections(result, dir);
  clean = outputOf(dir);
  standing = new Set(result.files.flatMap((f) => f.messages.map((m) => `${m.ruleId}|${m.reason}`)));
});

/** Every file written is the clean run's, except those named (and, with `reordered`, a document's place in its issue). */
function unchangedExcept(output: Output, changed: (name: string) => boolean, reordered = false): void {
  const seen = (text: string | undefined) => (reordered ? text?.replace(/^order: \d+$/mu, '') : text);
  let compared = 0;
  for (const [name, text] of output) {
    if (changed(name)) continue;
    expect(seen(text), name).toBe(seen(clean.get(name)));
    compared++;
  }
  expect(compared).toBeGreaterThan(0);
}

const reportOrIssue = (id: string) => (name: string) => name === `reports/${id}.md` || name === `issues/${id}.mdx`;

describe('1. markdown constructs a gazette never means', () => {
  it('keep `<!--` and a code fence as literal text instead of swallowing the rest of the file', () => {
    const md = lines('2023-05');
    // Inside 温政办〔2023〕51号's text: without the fix, nine documents flatten into one.
    const at = md.findIndex((l, i) => i > 200 && /^[^#|\t].{20,}$/u.test(l));
    const mutated = [...md.slice(0, at + 1), '<!--', '```', '    缩进四格的一行', ...md.slice(at + 1)];
    const run = ingest({ '2023-05.txt': mutated.join('\n') });
    expect(run.issues[0]!.documents).toHaveLength(11);
    const holder = run.issues[0]!.documents.find((d) => d.lines[0] <= at + 2 && d.lines[1] >= at + 2)!;
    const text = run.output.get(`documents/${holder.meta.id}.mdx`)!;
    expect(text).toContain('缩进四格的一行');
    expect(text).toMatch(/\\?<!--/u);
    expect(run.messages('2023-05.txt')).toEqual([]);
    expect(run.strict).toBe(0);
    // Every other document of the issue is unchanged (line numbers after the insertion moved by three).
    unchangedExcept(run.output, (n) => n === `documents/${holder.meta.id}.mdx` || reportOrIssue('2023-05')(n));
  });
});

describe('2. ids are unique whatever the input', () => {
  it('gives a 文号 printed three times three ids, in source order, with a positioned warning', () => {
    const md = lines('2023-05');
    const base = ingest({ '2023-05.txt': md.join('\n') });
    const [start, end] = base.issues[0]!.documents.find((d) => d.meta.id === 'wzb-2023-51')!.lines;
    const chunk = md.slice(start - 1, end);
    const mutated = [...md.slice(0, end), ...chunk, ...chunk, ...md.slice(end)];
    const run = ingest({ '2023-05.txt': mutated.join('\n') });
    const ids = run.issues[0]!.issue.documents;
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.filter((id) => id.startsWith('wzb-2023-51'))).toEqual(['wzb-2023-51', 'wzb-2023-51-2', 'wzb-2023-51-3']);
    const copy = end - start + 1;
    expect(run.messages('2023-05.txt').map((m) => [m.rule, m.at])).toEqual([
      ['duplicate-id', `${end + 1}:1`],
      ['duplicate-id', `${end + copy + 1}:1`],
    ]);
    expect(run.messages('2023-05.txt')[1]!.reason).toContain('this one is wzb-2023-51-3');
    expect(run.strict).toBe(1);
    expect(run.normal).toBe(0);
    expect(run.output.get('documents/wzb-2023-51-2.mdx')).toBeDefined();
    // The first copy's pages now end where its reprint begins; every other document is as before.
    unchangedExcept(run.output, (n) => n.includes('wzb-2023-51') || reportOrIssue('2023-05')(n), true);
  });
});

describe('3. a truncated source says so, and where', () => {
  it('cut at a line: the contents list documents that are not there', () => {
    const run = ingest({ '2023-05.txt': lines('2023-05').slice(0, 700).join('\n'), '2023-04.txt': source('2023-04') });
    const [m] = run.messages('2023-05.txt');
    expect(m).toMatchObject({ rule: 'truncated', at: '115:1', fatal: false });
    expect(m!.reason).toMatch(/contents list 7 documents not in it: .*温政办〔2023〕55号/u);
    expect(run.strict).toBe(1);
    unchangedExcept(run.output, (n) => n.includes('2023-05') || /wzb-2023-5\d/u.test(n));
  });

  it('cut inside a character: truncated, not an unknown encoding', () => {
    const bytes = source('2023-05');
    // 30001 bytes end one byte into a three-byte character.
    const run = ingest({ '2023-05.txt': bytes.subarray(0, 30001) });
    const messages = run.messages('2023-05.txt');
    expect(messages[0]).toMatchObject({ rule: 'truncated', at: '342:39' });
    expect(messages[0]!.reason).toContain('ends inside a character');
    expect(messages.map((m) => m.rule)).not.toContain('encoding');
    expect(run.issues).toHaveLength(1);
  });

  it('cut in a raw extraction: the text stops before the sections every issue ends with', () => {
    const raw = lines('2019-07');
    const run = ingest({ '2019-07.txt': raw.slice(0, 2304).join('\n'), '2023-05.txt': source('2023-05') });
    // The cut also tears the table it falls in, whose columns can then no longer be told apart.
    expect(run.messages('2019-07.txt').map((m) => [m.rule, m.at])).toEqual([
      ['table-layout', '2161:1'],
      ['truncated', `2304:${[...raw[2303]!].length + 1}`],
    ]);
    expect(run.messages('2019-07.txt')[1]!.reason).toContain('stops at line 2304');
    unchangedExcept(run.output, (n) => n.includes('2019') || n.includes('wcq') || n.includes('wrsf'));
  });
});

describe('4. the file name against what the issue prints', () => {
  it('an issue saved under another year: its statistics and its documents say which', () => {
    const run = ingest({ '2023-07.txt': source('2019-07'), '2023-05.txt': source('2023-05') });
    expect(run.messages('2023-07.txt').map((m) => [m.rule, m.at, m.reason])).toEqual([
      ['issue-mismatch', '6681:1', 'the file is named 2023-07 but its 统计资料 is for 2019年7月 (温州市2019年7月份国民经济主要统计指标)'],
      ['issue-mismatch', '1556:1', 'the file is named 2023-07 but its latest document, wzb-2019-50, is dated 2019-07-17'],
      ['issue-mismatch', '5006:1', 'the file is named 2023-07 and prints 总第203期, but 2023-05.txt prints 总第249期'],
    ]);
    expect(run.strict).toBe(1);
    unchangedExcept(run.output, (n) => n.includes('2023-07') || n.includes('2019'));
  });

  it('an issue that prints no number: its chronicle says which month', () => {
    const run = ingest({ '2023-11.txt': source('2023-10') });
    expect(run.messages('2023-11.txt').map((m) => [m.rule, m.at, m.reason])).toEqual([
      ['issue-mismatch', '17728:1', 'the file is named 2023-11 but its 政府记事 is for 10月 (10月份市政府记事)'],
    ]);
  });

  it('the running count 总第N期 against the other issues', () => {
    const run = ingest({ '2023-04.txt': source('2023-04'), '2023-06.txt': source('2023-05') });
    expect(run.messages('2023-06.txt').at(-1)).toMatchObject({
      rule: 'issue-mismatch',
      at: '12:1',
      reason: 'the file is named 2023-06 and prints 总第249期, but 2023-04.txt prints 总第248期',
    });
    expect(run.messages('2023-04.txt')).toEqual([]);
  });

  it('two files of one issue: the one named as it prints is kept, whichever sorts first', () => {
    const edited = source('2023-05').toString('utf8').replace('加快', '加速');
    const run = ingest({ '2023-04.txt': edited, '2023-05.txt': source('2023-05') });
    expect(run.issues.map((i) => i.issue.id)).toEqual(['2023-05']);
    const refused = run.messages('2023-04.txt').filter((m) => m.fatal);
    expect(refused).toEqual([
      {
        at: '12:1',
        rule: 'duplicate-issue',
        fatal: true,
        reason:
          'this is the same issue as 2023-05.txt (what it prints contradicts its name, and 2023-05.txt is named as it prints); keep one file per issue',
      },
    ]);
    expect(refusedFiles(run.files).map((r) => r.file.split('/').at(-1))).toEqual(['2023-04.txt']);
    // The kept issue is exactly the clean one: the refused copy left nothing behind, not even an id suffix.
    unchangedExcept(run.output, () => false);
    expect([...run.output.keys()].filter((n) => n.includes('2023-04'))).toEqual([]);
  });
});

describe('6. a corrections file is read like a source', () => {
  const fixture = () => {
    const text = readFileSync('tests/fixtures/stages/plan-title-after-signature/input.txt', 'utf8');
    const chronicle = readFileSync('tests/fixtures/stages/chronicle/input.txt', 'utf8');
    return `${text}${chronicle}`;
  };

  it('a GBK corrections file is decoded, applied and reported as not UTF-8', () => {
    const json = JSON.stringify({ documents: { 'wzb-2019-50': { title: '温州市更正后的标题' } } }, null, 2);
    const run = ingest({ '2019-07.txt': fixture(), '2019-07.corrections.json': encodeGbk(json) });
    expect(run.issues[0]!.documents.find((d) => d.meta.id === 'wzb-2019-50')!.meta.title).toBe('温州市更正后的标题');
    expect(run.messages('2019-07.corrections.json').map((m) => [m.rule, m.at])).toEqual([['encoding', '4:17']]);
  });

  it('a corrections file that does not decode is refused with its position, and the issue built without it', () => {
    const bytes = Buffer.concat([Buffer.from('{ "documents": {}, "split": [] }\n'), Buffer.from([0x80, 0x0a])]);
    const run = ingest({ '2019-07.txt': fixture(), '2019-07.corrections.json': bytes });
    expect(run.issues).toHaveLength(1);
    expect(run.messages('2019-07.corrections.json')).toEqual([expect.objectContaining({ rule: 'encoding', at: '2:1', fatal: true })]);
    expect(refusedFiles(run.files).map((r) => r.file.split('/').at(-1))).toEqual(['2019-07.corrections.json']);
  });

  it('a stale correction points at its own line, not the first line that mentions the number', () => {
    // 13 also appears earlier in the file, as a key's value.
    const json =
      '{\n  "documents": {\n    "wzb-2019-50": { "date": "2019-07-13" }\n  },\n  "split": [\n    { "line": 13 },\n    { "line": 99913 }\n  ]\n}\n';
    const run = ingest({ '2019-07.txt': fixture(), '2019-07.corrections.json': json });
    expect(run.messages('2019-07.corrections.json').map((m) => [m.at, m.reason])).toEqual([
      ['7:5', 'the split at line 99913 matches nothing in 2019-07.txt any more'],
    ]);
  });

  it('JSON that does not parse is reported where it breaks', () => {
    const run = ingest({
      '2019-07.txt': fixture(),
      '2019-07.corrections.json': '{\n  "documents": {\n    "x": { "title": "a" },\n  }\n}\n',
    });
    expect(run.messages('2019-07.corrections.json').map((m) => [m.rule, m.at])).toEqual([['correction', '4:3']]);
  });
});

describe('7. control characters, wherever they are', () => {
  it('a NUL and a BEL past the first 64 KB are dropped, each line reported with its columns', () => {
    const raw = lines('2023-10');
    const n = 8000;
    expect(Buffer.byteLength(raw.slice(0, n).join('\n'))).toBeGreaterThan(65536);
    const column = [...raw[n]!].length + 1;
    raw[n] = `${raw[n]}\u0000x\u0007`;
    const run = ingest({ '2023-10.txt': raw.join('\n') });
    expect(run.messages('2023-10.txt').map((m) => [m.rule, m.at, m.reason])).toEqual([
      ['control-character', `${n + 1}:${column}`, `control characters dropped: U+0000 at column ${column}, U+0007 at column ${column + 2}`],
    ]);
    for (const [name, text] of run.output) expect(text, name).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/u);
    // The line reads as it would without them: only the document holding it changes, by its "x".
    const changed = [...run.output].filter(([name, text]) => clean.get(name) !== text).map(([name]) => name);
    expect(changed.filter((c) => !reportOrIssue('2023-10')(c))).toEqual([expect.stringMatching(/^documents\//u)]);
  });
  it('many lines with control characters: the first twenty each, then the rest from where they start', () => {
    const raw = lines('2023-05');
    for (let k = 0; k < 30; k++) raw[200 + 10 * k] = `\u000c${raw[200 + 10 * k]}`;
    const run = ingest({ '2023-05.txt': raw.join('\n') });
    const messages = run.messages('2023-05.txt').filter((m) => m.rule === 'control-character');
    expect(messages).toHaveLength(21);
    expect(messages[0]).toMatchObject({ at: '201:1', reason: 'control character dropped: U+000C at column 1' });
    expect(messages[20]).toMatchObject({ at: '401:1', reason: 'control characters dropped from 10 more lines, from here on' });
  });
});

describe('smaller', () => {
  it('UTF-16 without a byte order mark is decoded, not called binary', () => {
    const text = source('2023-05').toString('utf8');
    const run = ingest({ '2023-05.txt': Buffer.from(text, 'utf16le') });
    expect(run.messages('2023-05.txt').map((m) => [m.rule, m.reason])).toEqual([
      ['encoding', 'the file is not UTF-8; decoded as UTF-16LE (it has no byte order mark)'],
    ]);
    unchangedExcept(run.output, (n) => n === 'reports/2023-05.md' || n === 'issues/2023-05.mdx');
  });

  it('a folder among the sources is passed over, and only regular files are read', () => {
    const dir = mkdtempSync(join(tmpdir(), 'refusals-'));
    writeFileSync(join(dir, '2023-05.txt'), source('2023-05'));
    mkdirSync(join(dir, '2023-06.txt'));
    symlinkSync('/dev/null', join(dir, '2023-07.txt'));
    const { issues, files } = ingestFolder(dir);
    expect(issues.map((i) => i.issue.id)).toEqual(['2023-05']);
    expect(refusedFiles(files)).toEqual([
      { file: join(dir, '2023-07.txt'), messages: ['1:1 not a regular file; a source is a text file (not-a-file)'] },
    ]);
  });

  it('every message about a place in a file carries its line', () => {
    const raw = lines('2023-10');
    raw[100] = `\u0001${raw[100]}`;
    const run = ingest({ '2023-11.txt': raw.join('\n'), '2023-10.txt': source('2023-10') });
    for (const f of run.files) for (const m of f.messages) expect(m.line, `${f.basename}: ${m.reason}`).toBeGreaterThan(0);
  });
});
