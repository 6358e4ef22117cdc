/**
 * npm run bench:scale [-- --copies 64] [--keep] [--baseline [--pairs 2]]: builds a synthetic archive of N copies of
 * content/sources, each copy a different run of issues, and prints how long each stage takes,
 * its peak memory and the size of what it writes, to show how the build grows with the archive.
 * To measure each stage on its own, it runs them one after another: the ingest, `astro build`
 * (with the time of each kind of page), the Pagefind index.
 *
 * Each copy is rewritten so that issues and document ids stay unique while each copy keeps its own
 * cross references (scripts/copies.ts). The sources, content and site are written to a temporary folder, and the build
 * runs in a copy of the site with its own caches (as tests/support/build.ts does), so it can run
 * beside other builds. `--keep` keeps that folder.
 *
 * `--baseline` builds, interleaved (project, baseline, project, baseline…), the project as
 * `npm run build` does (scripts/build.ts, Pagefind beside Astro) and a bare
 * Astro + @astrojs/mdx project over the same generated MDX with one trivial page per document
 * plus Pagefind over its pages, and prints both, by stage, and the ratios of wall time, CPU and
 * peak memory of the process tree (medians of the pairs); its last line reads
 * `scale: time ×T.TT, memory ×M.MM`.
 */
import { spawn } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { writeCopies } from './copies.ts';

const ROOT = resolve(import.meta.dirname, '..');
const SITE_FILES = ['src', 'public', 'astro.config.mjs', 'tsconfig.json', 'package.json'];
const LINKED = ['node_modules', 'scripts'];
const ASTRO = join(ROOT, 'node_modules/astro/bin/astro.mjs');

const { values } = parseArgs({
  options: {
    copies: { type: 'string', default: '64' },
    sources: { type: 'string', default: 'content/sources' },
    keep: { type: 'boolean', default: false },
    baseline: { type: 'boolean', default: false },
    pairs: { type: 'string', default: '2' },
  },
});
const copies = Number(values.copies);
if (!Number.isInteger(copies) || copies < 1) throw new Error(`--copies must be a positive integer, not ${values.copies}`);

/** Peak resident memory of a process tree, sampled every 50 ms from /proc. */
function treePeak(root: number) {
  // Every thread's children: a process started from a worker thread (a Pagefind service of
  // scripts/pagefind-bundle.ts) is listed under that thread, not under the main one.
  const children = (pid: number): number[] => {
    try {
      return readdirSync(`/proc/${pid}/task`).flatMap((task) =>
        readFileSync(`/proc/${pid}/task/${task}/children`, 'utf8').trim().split(/\s+/u).filter(Boolean).map(Number),
      );
    } catch {
      return [];
    }
  };
  const status = (pid: number, field: string): number => {
    try {
      const m = new RegExp(`^${field}:\\s+(\\d+) kB`, 'mu').exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
      return m ? Number(m[1]) * 1024 : 0;
    } catch {
      return 0;
    }
  };
  const hwm = new Map<number, number>();
  /** CPU ticks (user + system) last seen per process; a process's count only grows. */
  const ticks = new Map<number, number>();
  const cpu = (pid: number): number => {
    try {
      const fields = readFileSync(`/proc/${pid}/stat`, 'utf8')
        .replace(/^.*\) /su, '')
        .split(' ');
      return Number(fields[11]) + Number(fields[12]);
    } catch {
      return 0;
    }
  };
  let sum = 0;
  const sample = () => {
    const pids: number[] = [];
    for (let queue = [root]; queue.length > 0;) {
      const pid = queue.pop()!;
      pids.push(pid);
      queue.push(...children(pid));
    }
    let now = 0;
    for (const pid of pids) {
      now += status(pid, 'VmRSS');
      hwm.set(pid, Math.max(hwm.get(pid) ?? 0, status(pid, 'VmHWM')));
      ticks.set(pid, Math.max(ticks.get(pid) ?? 0, cpu(pid)));
    }
    sum = Math.max(sum, now);
  };
  sample();
  const timer = setInterval(sample, 50);
  return {
    stop() {
      clearInterval(timer);
      /** Largest single process (its own high-water mark), largest sum over the tree, CPU seconds (100 ticks a second). */
      return { process: Math.max(0, ...hwm.values()), tree: sum, cpu: [...ticks.values()].reduce((a, b) => a + b, 0) / 100 };
    },
  };
}

interface Run {
  ms: number;
  peak: { process: number; tree: number; cpu: number };
  /** Each output line with the milliseconds since the start when it arrived. */
  lines: { at: number; text: string }[];
}

function run(args: string[], env: NodeJS.ProcessEnv, cwd: string): Promise<Run> {
  return new Promise((done, fail) => {
    const start = performance.now();
    const child = spawn(process.execPath, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    const peak = treePeak(child.pid!);
    const lines: Run['lines'] = [];
    let output = '';
    let partial = '';
    const collect = (chunk: Buffer) => {
      const at = performance.now() - start;
      const text = chunk.toString('utf8');
      output += text;
      const parts = (partial + text).split('\n');
      partial = parts.pop()!;
      for (const line of parts) if (line.trim()) lines.push({ at, text: line });
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    child.on('error', fail);
    child.on('close', (code) => {
      const ms = performance.now() - start;
      const p = peak.stop();
      if (code !== 0) fail(new Error(`${args.join(' ')} failed (${code}):\n${output}`));
      else done({ ms, peak: p, lines });
    });
  });
}

function size(path: string): { bytes: number; files: number; pages: number } {
  let bytes = 0;
  let files = 0;
  let pages = 0;
  for (const entry of readdirSync(path, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    files++;
    bytes += statSync(join(entry.parentPath, entry.name)).size;
    if (entry.name.endsWith('.html')) pages++;
  }
  return { bytes, files, pages };
}

const work = mkdtempSync(join(tmpdir(), 'gazette-scale-'));
const s = (ms: number | undefined) => (ms === undefined ? '?' : `${(ms / 1000).toFixed(1)} s`);
const mb = (b: number) => `${(b / 2 ** 20).toFixed(0)} MB`;
const gb = (b: number) => `${(b / 2 ** 30).toFixed(2)} GB`;

/** One whole build: its stages, how long each took, and the figures of its whole process tree. */
interface Build {
  stages: [string, number][];
  ms: number;
  cpu: number;
  /** The largest the process tree grew, all stages running at the time together. */
  peak: number;
}

const whole = (stages: [string, Run][]): Build => ({
  stages: stages.map(([name, r]) => [name, r.ms]),
  ms: stages.reduce((n, [, r]) => n + r.ms, 0),
  cpu: stages.reduce((n, [, r]) => n + r.peak.cpu, 0),
  peak: Math.max(...stages.map(([, r]) => r.peak.tree)),
});

/**
 * `build: <stage> <seconds> s`, as scripts/build.ts reports each stage. Not anchored: Astro writes
 * a page's line in two parts, and a stage that ends beside it may print in between.
 */
const STAGE = /build: (ingest|astro build|pagefind) (\d+\.\d) s/u;

/** The project's build, exactly as `npm run build` runs it (scripts/build.ts), as one process tree. */
async function projectBuild(site: string, env: NodeJS.ProcessEnv, dist: string): Promise<Build> {
  rmSync(dist, { recursive: true, force: true });
  rmSync(env.GAZETTE_CACHE!, { recursive: true, force: true });
  const build = await run(['scripts/build.ts', '--quiet'], env, site);
  const stages = build.lines.flatMap((l): [string, number][] => {
    const m = STAGE.exec(l.text);
    return m ? [[m[1]!, Number(m[2]) * 1000]] : [];
  });
  if (stages.length !== 3) throw new Error(`scripts/build.ts reported ${stages.length} of its 3 stages`);
  return { stages, ms: build.ms, cpu: build.peak.cpu, peak: build.peak.tree };
}

/**
 * The bare baseline: Astro and @astrojs/mdx over the same generated MDX, one trivial page per
 * document, then Pagefind over the pages as its CLI would index them.
 */
function writeBaseline(dir: string, content: string): void {
  mkdirSync(join(dir, 'src', 'pages'), { recursive: true });
  symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'), 'dir');
  writeFileSync(join(dir, 'package.json'), '{ "type": "module" }\n');
  writeFileSync(
    join(dir, 'astro.config.mjs'),
    `import mdx from '@astrojs/mdx';\nexport default { integrations: [mdx()], outDir: process.env.BASELINE_DIST, cacheDir: process.env.BASELINE_CACHE };\n`,
  );
  writeFileSync(
    join(dir, 'src', 'content.config.ts'),
    `import { defineCollection } from 'astro:content';\nimport { glob } from 'astro/loaders';\nexport const collections = { documents: defineCollection({ loader: glob({ base: ${JSON.stringify(join(content, 'documents'))}, pattern: '*.mdx' }) }) };\n`,
  );
  writeFileSync(
    join(dir, 'src', 'pages', '[id].astro'),
    `---\nimport { getCollection, render } from 'astro:content';\nexport async function getStaticPaths() { return (await getCollection('documents')).map((entry) => ({ params: { id: entry.id }, props: { entry } })); }\nconst { Content } = await render(Astro.props.entry);\n---\n<html lang="zh-CN"><head><meta charset="utf-8" /><title>{Astro.props.entry.data.title}</title></head><body><main><Content /></main></body></html>\n`,
  );
  writeFileSync(
    join(dir, 'pagefind.mjs'),
    `import * as pagefind from 'pagefind';\nconst { index } = await pagefind.createIndex({});\nconst { page_count } = await index.addDirectory({ path: process.env.BASELINE_DIST });\nawait index.writeFiles({ outputPath: process.env.BASELINE_DIST + '/pagefind' });\nawait pagefind.close();\nconsole.log('pagefind', page_count);\n`,
  );
}

async function baselineBuild(dir: string, env: NodeJS.ProcessEnv): Promise<Build> {
  rmSync(env.BASELINE_DIST!, { recursive: true, force: true });
  rmSync(env.BASELINE_CACHE!, { recursive: true, force: true });
  rmSync(join(dir, '.astro'), { recursive: true, force: true });
  const astro = await run([ASTRO, 'build'], env, dir);
  const pagefind = await run(['pagefind.mjs'], env, dir);
  return whole([
    ['astro build', astro],
    ['pagefind', pagefind],
  ]);
}

const median = (xs: number[]) => {
  const sorted = xs.toSorted((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

try {
  const sources = join(work, 'sources');
  mkdirSync(sources);
  const issues = writeCopies(resolve(ROOT, values.sources), sources, copies);
  const site = join(work, 'site');
  mkdirSync(site);
  for (const f of SITE_FILES) if (existsSync(join(ROOT, f))) cpSync(join(ROOT, f), join(site, f), { recursive: true });
  for (const f of LINKED) symlinkSync(join(ROOT, f), join(site, f), 'dir');
  const dist = join(work, 'dist');
  const env = {
    ...process.env,
    GAZETTE_SOURCES: sources,
    GAZETTE_CONTENT: join(work, 'content'),
    GAZETTE_DIST: dist,
    GAZETTE_CACHE: join(work, 'cache'),
    ASTRO_TELEMETRY_DISABLED: '1',
  };

  if (values.baseline) {
    const bare = join(work, 'baseline');
    // Inside the baseline's folder, where its prerendered chunks find node_modules.
    const bareEnv = { ...env, BASELINE_DIST: join(bare, 'dist'), BASELINE_CACHE: join(bare, 'cache') };
    writeBaseline(bare, env.GAZETTE_CONTENT);
    const pairs: [Build, Build][] = [];
    const pairCount = Number(values.pairs);
    for (let i = 0; i < pairCount; i++) {
      // Interleaved, so that whatever else the machine is doing weighs on both alike.
      const project = await projectBuild(site, env, dist);
      const baseline = await baselineBuild(bare, bareEnv);
      pairs.push([project, baseline]);
      const line = (b: Build) =>
        `${s(b.ms)} wall, ${b.cpu.toFixed(1)} s CPU, peak ${gb(b.peak)} (${b.stages.map(([n, ms]) => `${n} ${s(ms)}`).join('; ')})`;
      console.log(`pair ${i + 1}: project  ${line(project)}`);
      console.log(`pair ${i + 1}: baseline ${line(baseline)}`);
    }
    const documents = readdirSync(join(env.GAZETTE_CONTENT, 'documents')).filter((f) => f.endsWith('.mdx')).length;
    const ratio = (f: (b: Build) => number) => median(pairs.map(([p, b]) => f(p) / f(b)));
    console.log(`${copies} copies: ${issues} issues, ${documents} documents, ${pairCount} interleaved pairs (medians)`);
    console.log('|          | project | baseline | ratio |');
    console.log('| -------- | ------: | -------: | ----: |');
    for (const [name, f, fmt] of [
      ['wall', (b: Build) => b.ms, s],
      ['CPU', (b: Build) => b.cpu * 1000, s],
      ['peak memory', (b: Build) => b.peak, gb],
    ] as const)
      console.log(
        `| ${name} | ${fmt(median(pairs.map(([p]) => f(p))))} | ${fmt(median(pairs.map(([, b]) => f(b))))} | ×${ratio(f).toFixed(2)} |`,
      );
    console.log(`scale: time ×${ratio((b) => b.ms).toFixed(2)}, memory ×${ratio((b) => b.peak).toFixed(2)}`);
  } else {
    const ingest = await run(['scripts/ingest.ts', '--quiet'], env, ROOT);
    const documents = readdirSync(join(work, 'content', 'documents')).filter((f) => f.endsWith('.mdx')).length;
    const build = await run([ASTRO, 'build'], env, site);
    const pagefindRun = await run(['scripts/pagefind.ts'], env, ROOT);

    // Astro prints one line per page as it writes it, with the time the page took (+N ms).
    const plain = build.lines.map((l) => ({ at: l.at, text: l.text.replace(/\x1b\[[0-9;]*m/gu, '') }));
    const PAGE = /[├└]─ (\/\S*) \(\+(\d+)ms\)/u;
    const pageLines = plain.filter((l) => PAGE.test(l.text));
    const generating = pageLines[0]?.at;
    const lastPage = pageLines.at(-1)?.at;
    /** Time spent rendering, by kind of page: the first one or two path segments. */
    const byRoute = new Map<string, { pages: number; ms: number }>();
    for (const l of pageLines) {
      const [, path, ms] = PAGE.exec(l.text)!;
      const parts = path!.split('/').filter(Boolean);
      const key =
        parts.length <= 1
          ? `/${parts[0]?.includes('.') || !parts[0] ? '' : parts[0]}`
          : `/${parts[0]}/${parts[0] === 'data' && parts.length > 2 ? parts[1] + '/' : ''}`;
      const r = byRoute.get(key) ?? { pages: 0, ms: 0 };
      r.pages++;
      r.ms += Number(ms);
      byRoute.set(key, r);
    }

    const out = size(dist);
    const pagefind = existsSync(join(dist, 'pagefind')) ? size(join(dist, 'pagefind')).bytes : 0;
    const exact = existsSync(join(dist, 'search', 'exact')) ? size(join(dist, 'search', 'exact')).bytes : 0;
    const gap = (a: number | undefined, b: number | undefined) => (a === undefined || b === undefined ? undefined : b - a);
    console.log(`${copies} copies: ${issues} issues, ${documents} documents, ${out.pages} HTML pages, ${out.files} files`);
    console.log(`ingest           ${s(ingest.ms)}, peak ${mb(ingest.peak.process)}`);
    console.log(`astro build      ${s(build.ms)}, peak ${mb(build.peak.process)} (process), ${mb(build.peak.tree)} (with children)`);
    console.log(`  before pages   ${s(generating)} (config, content sync, bundling, first page)`);
    console.log(`  pages          ${s(gap(generating, lastPage))}`);
    for (const [route, r] of [...byRoute].sort((x, y) => y[1].ms - x[1].ms))
      console.log(`    ${route.padEnd(22)} ${String(r.pages).padStart(5)} pages ${s(r.ms)}`);
    console.log(`pagefind         ${s(pagefindRun.ms)}, peak ${mb(pagefindRun.peak.tree)} (with its service)`);
    console.log(`output           ${mb(out.bytes)} (pagefind ${mb(pagefind)}, exact search ${mb(exact)})`);
  }
  if (values.keep) console.log(`kept ${work}`);
} finally {
  if (!values.keep) rmSync(work, { recursive: true, force: true });
}
