/**
 * npm run build [-- ingest options, e.g. --strict]: the ingest, then `astro build` and the Pagefind
 * index side by side, then the check that no source was refused (scripts/refused.ts).
 *
 * The Pagefind index is made from the ingest's output, as Astro's content collections are, so the
 * two need not wait for each other: Astro renders pages on one core while Pagefind writes its
 * bundles on the other, one bundle at a time, so that its memory (one bundle's) adds little to
 * Astro's peak. Astro empties its output folder when it starts, so the index is written in the
 * cache folder and moved into the site once both are done.
 *
 * Each stage prints how long it took (`build: <stage> <seconds> s`), which `npm run bench:scale`
 * reads.
 */
import { spawn } from 'node:child_process';
import { cpSync, renameSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';

const SCRIPTS = import.meta.dirname;
const env = process.env;
const dist = resolve(env.GAZETTE_DIST || 'dist');
const staged = resolve(env.GAZETTE_CACHE || 'node_modules/.astro', 'pagefind');
const started = performance.now();
const running = new Set<ReturnType<typeof spawn>>();

/** Runs one stage as a child process; rejects when it fails. */
function stage(name: string, args: string[]): Promise<void> {
  return new Promise((done, fail) => {
    const start = performance.now();
    const child = spawn(process.execPath, args, { stdio: 'inherit', env });
    running.add(child);
    child.on('error', fail);
    child.on('close', (code, signal) => {
      running.delete(child);
      if (code !== 0) return fail(new Error(`build: ${name} failed (${signal ?? `exit code ${code}`})`));
      console.log(`build: ${name} ${((performance.now() - start) / 1000).toFixed(1)} s`);
      done();
    });
  });
}

/** Moves the staged index into the site; a copy when they lie on different file systems. */
function moveIndex(): void {
  const target = join(dist, 'pagefind');
  rmSync(target, { recursive: true, force: true });
  try {
    renameSync(staged, target);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EXDEV') throw error;
    cpSync(staged, target, { recursive: true });
    rmSync(staged, { recursive: true, force: true });
  }
}

try {
  await stage('ingest', [join(SCRIPTS, 'ingest.ts'), ...process.argv.slice(2)]);
  await Promise.all([
    stage('astro build', [resolve('node_modules/astro/bin/astro.mjs'), 'build']),
    stage('pagefind', [join(SCRIPTS, 'pagefind.ts'), '--out', staged, '--jobs', '1']),
  ]);
  moveIndex();
  await stage('refused sources', [join(SCRIPTS, 'refused.ts')]);
  console.log(`build: done ${((performance.now() - started) / 1000).toFixed(1)} s`);
} catch (error) {
  // A stage that failed leaves the other's work pointless; stop it rather than wait for it.
  for (const child of running) child.kill();
  console.error((error as Error).message);
  process.exitCode = 1;
}
