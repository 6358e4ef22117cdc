/**
 * npm run fuzz [-- --n 5000] [--seed 1] [--sources DIR]
 *
 * Mutates the sources the way careless hands and broken tools do — lines deleted, swapped and
 * duplicated, markup and control characters inserted, page markers added, the file cut short,
 * another issue's lines grafted in — and checks what the ingest makes of each mutant: no crash,
 * every MDX file compiles with the compiler the build uses, every record fits the schema, ids are
 * unique, and every source line is in a document, on the issue page, or dropped with a reason.
 * Prints what broke, and exits 1 if anything did. The same seed gives the same mutants.
 */
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import matter from 'gray-matter';
import { mdxToJs } from 'satteri';
import { Document, Issue } from '../src/lib/schema.ts';
import { mdxFile } from './ingest/mdx.ts';
import { issueReport } from './ingest/report.ts';
import { ingestFolder, issueTree } from './ingest.ts';
import { random } from '../tests/support/random.ts';
import { MIN_SHOWN, shownShare } from '../tests/support/shown.ts';

type Rand = () => number;
const int = (rand: Rand, n: number): number => Math.floor(rand() * n);
const pick = <T>(rand: Rand, xs: readonly T[]): T => xs[int(rand, xs.length)]!;

/** Lines that mean something to markdown, MDX, HTML or the page stage, and nothing to a gazette. */
const MARKUP = [
  '<!--',
  '-->',
  '```',
  '~~~',
  '    缩进的一行',
  '<div>',
  '</div>',
  '<script>alert(1)</script>',
  '{',
  '}',
  '{props.x}',
  '<Foo bar={1} />',
  'import x from "y"',
  'export const a = 1',
  '# ',
  '## 一、标题',
  '---',
  '***',
  '| a | b |',
  '|---|---|',
  '> 引文',
  '1. 第一项',
  '- 列表',
  '[链接]: http://example.com',
  '$$',
  '\\',
  '&amp; &#0;',
  '<',
  '*强调*',
  '$\\geq 3$',
];
/** Page markers and printing artifacts of a PDF extraction. */
const PAGE = [
  ' ',
  ' 23',
  '·  23  ·',
  '— 7 —',
  '温州市人民政府公报（总第250期） 文件发布',
  '2023年第6期 温州市人民政府公报',
  '政务简讯',
  '\f',
];

export interface Mutant {
  name: string;
  bytes: Uint8Array;
  /** What was done to the source, to reproduce a failure. */
  steps: string[];
}

type Mutation = (lines: string[], rand: Rand, others: readonly string[][]) => string;

const MUTATIONS: Record<string, Mutation> = {
  delete(lines, rand) {
    const at = int(rand, lines.length);
    const n = 1 + int(rand, 20);
    lines.splice(at, n);
    return `delete ${n} at ${at + 1}`;
  },
  swap(lines, rand) {
    const [a, b] = [int(rand, lines.length), int(rand, lines.length)];
    [lines[a], lines[b]] = [lines[b]!, lines[a]!];
    return `swap ${a + 1} ${b + 1}`;
  },
  duplicate(lines, rand) {
    const at = int(rand, lines.length);
    const n = 1 + int(rand, 200);
    const to = int(rand, lines.length);
    lines.splice(to, 0, ...lines.slice(at, at + n));
    return `duplicate ${n} from ${at + 1} to ${to + 1}`;
  },
  markup(lines, rand) {
    const at = int(rand, lines.length);
    const line = pick(rand, MARKUP);
    if (rand() < 0.5) lines.splice(at, 0, line);
    else lines[at] = `${lines[at]}${line}`;
    return `markup ${JSON.stringify(line)} at ${at + 1}`;
  },
  control(lines, rand) {
    const at = int(rand, lines.length);
    const line = lines[at]!;
    const col = int(rand, line.length + 1);
    const c = String.fromCharCode(pick(rand, [0, 1, 7, 8, 0x0b, 0x0c, 0x1b, 0x1f, 0x7f]));
    lines[at] = line.slice(0, col) + c + line.slice(col);
    return `control U+${c.charCodeAt(0).toString(16)} at ${at + 1}:${col + 1}`;
  },
  page(lines, rand) {
    const at = int(rand, lines.length);
    const marker = pick(rand, PAGE);
    lines.splice(at, 0, marker);
    return `page ${JSON.stringify(marker)} at ${at + 1}`;
  },
  truncate(lines, rand) {
    const at = Math.max(1, int(rand, lines.length));
    lines.splice(at);
    return `truncate at line ${at}`;
  },
  graft(lines, rand, others) {
    const other = pick(rand, others);
    const from = int(rand, other.length);
    const n = 1 + int(rand, 300);
    const to = int(rand, lines.length);
    lines.splice(to, 0, ...other.slice(from, from + n));
    return `graft ${n} lines at ${to + 1}`;
  },
};

/**
 * `n` mutants of the sources. Most are a stretch of one source (so that many fit in a test's
 * minute), some the whole source; each has one to four mutations, and some are cut inside a
 * character as the last step.
 */
/** The opening lines every stretch keeps. */
const HEAD = 150;

export function* mutants(sources: ReadonlyMap<string, string>, n: number, seed: number): Generator<Mutant> {
  const rand = random(seed);
  const names = [...sources.keys()];
  const all = names.map((k) => sources.get(k)!.split('\n'));
  for (let k = 0; k < n; k++) {
    const which = int(rand, names.length);
    const source = all[which]!;
    const whole = rand() < 0.2;
    // A stretch keeps the issue's opening pages (cover, masthead, contents), as an issue has them.
    const start = whole ? HEAD : HEAD + int(rand, Math.max(1, source.length - HEAD - 400));
    const length = whole ? source.length : 400 + int(rand, 1600);
    const lines = [...source.slice(0, HEAD), ...source.slice(start, start + length)];
    const steps = [whole ? 'whole' : `lines 1-${HEAD} and ${start + 1}-${Math.min(source.length, start + length)}`];
    const others = all.filter((_, i) => i !== which);
    for (let m = 1 + int(rand, 4); m > 0 && lines.length; m--) {
      const kind = pick(rand, Object.keys(MUTATIONS));
      steps.push(MUTATIONS[kind]!(lines, rand, others));
    }
    let bytes: Uint8Array = new TextEncoder().encode(lines.join('\n'));
    if (rand() < 0.1 && bytes.length > 10) {
      const cut = 1 + int(rand, bytes.length - 1);
      bytes = bytes.subarray(0, cut);
      steps.push(`cut at byte ${cut}`);
    }
    yield { name: names[which]!, bytes, steps };
  }
}

export interface Outcome {
  refused: boolean;
  documents: number;
  /** What broke, empty when nothing did. */
  problems: string[];
}

function compiles(text: string, what: string, problems: string[]): void {
  const { content } = matter(text);
  try {
    mdxToJs(content, { features: { smartPunctuation: false } });
  } catch (error) {
    problems.push(`${what} does not compile: ${(error as Error).message.split('\n')[0]}`);
  }
}

/** Runs one mutant through the ingest (from a folder of its own, as the build reads it) and checks everything the ingest promises. */
export function check(mutant: Mutant, dir: string): Outcome {
  const problems: string[] = [];
  for (const f of readdirSync(dir)) rmSync(join(dir, f));
  writeFileSync(join(dir, mutant.name), mutant.bytes);
  let result;
  try {
    result = ingestFolder(dir);
  } catch (error) {
    return { refused: false, documents: 0, problems: [`crash: ${(error as Error).stack?.split('\n').slice(0, 3).join(' ')}`] };
  }
  const file = result.files[0]!;
  const ingested = result.issues[0];
  if (!ingested) {
    if (!file.messages.some((m) => m.fatal)) problems.push('the issue vanished without a message');
    return { refused: true, documents: 0, problems };
  }
  const { issue, documents, fates } = ingested;
  const ids = documents.map((d) => d.meta.id);
  if (new Set(ids).size !== ids.length) problems.push(`ids not unique: ${ids.join(' ')}`);
  if (issue.documents.join() !== ids.join()) problems.push('the issue does not list its documents');
  const issueText = mdxFile(issue, issueTree(ingested));
  compiles(issueText, `issue ${issue.id}`, problems);
  const issueData = Issue.safeParse(matter(issueText).data);
  if (!issueData.success) problems.push(`issue does not fit the schema: ${issueData.error.message.slice(0, 200)}`);
  for (const d of documents) {
    const text = mdxFile(d.meta, d.tree);
    compiles(text, `document ${d.meta.id}`, problems);
    const data = Document.safeParse(matter(text).data);
    if (!data.success) problems.push(`${d.meta.id} does not fit the schema: ${data.error.message.slice(0, 200)}`);
  }
  const lines = String(file.value).split('\n');
  for (const d of documents) {
    const share = shownShare(d, fates, lines);
    if (share < MIN_SHOWN) problems.push(`${d.meta.id} shows ${Math.round(share * 1000) / 10}% of the text of its lines`);
  }
  const report = issueReport(ingested, file);
  fates.forEach((f, i) => {
    if (f.kind === 'pending') problems.push(`line ${i + 1} has no place`);
    else if (f.kind === 'document' && !ids.includes(f.id)) problems.push(`line ${i + 1} is in ${f.id}, which is not written`);
    else if (f.kind === 'dropped' && !report.includes(`dropped as ${f.reason} (`))
      problems.push(`line ${i + 1} is dropped without a reason`);
  });
  return { refused: false, documents: documents.length, problems };
}

export function readSources(dir: string): Map<string, string> {
  return new Map(
    readdirSync(dir)
      .filter((f) => /^\d{4}-\d{2}\.txt$/u.test(f))
      .sort()
      .map((f) => [f, readFileSync(join(dir, f), 'utf8')]),
  );
}

function main(): void {
  const { values } = parseArgs({
    options: {
      n: { type: 'string', default: '500' },
      seed: { type: 'string', default: '1' },
      sources: { type: 'string', default: 'content/sources' },
    },
  });
  const started = performance.now();
  const sources = readSources(values.sources);
  const dir = mkdtempSync(join(tmpdir(), 'gazette-fuzz-'));
  let refused = 0;
  let broken = 0;
  let documents = 0;
  let k = 0;
  for (const mutant of mutants(sources, Number(values.n), Number(values.seed))) {
    k++;
    const outcome = check(mutant, dir);
    if (outcome.refused) refused++;
    documents += outcome.documents;
    if (!outcome.problems.length) continue;
    broken++;
    console.log(`mutant ${k} of ${mutant.name} (${mutant.steps.join('; ')}):`);
    for (const p of outcome.problems.slice(0, 5)) console.log(`  ${p}`);
  }
  console.log(
    `fuzz: ${k} mutants (seed ${values.seed}), ${broken} broke, ${refused} refused with a message, ${documents} documents checked ` +
      `(${Math.round((performance.now() - started) / 1000)} s)`,
  );
  if (broken) process.exitCode = 1;
}

if (import.meta.main) main();
