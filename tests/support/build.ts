/**
 * Builds a small archive from fixture sources into a temporary folder, the way `npm run build`
 * builds the real one, so that page tests look at real HTML.
 *
 * Astro keeps build state in the project (`.astro/`) and in its cache folder (the content data
 * store), so two builds at once in one checkout, say a test run and `npm run build`, would
 * read each other's content. Each test build therefore runs in a copy of the site's sources
 * with a cache of its own.
 */
import { execFile, execFileSync } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { promisify } from 'node:util';

const ROOT = resolve(import.meta.dirname, '../..');
/** What `astro build` reads from the project; everything else is reached through these. */
const SITE_FILES = ['src', 'public', 'astro.config.mjs', 'tsconfig.json', 'package.json'];
const LINKED = ['node_modules', 'scripts'];

/** `env` adds build settings such as SITE_URL. */
export function buildArchive(sources: readonly string[], base = '/', env: Record<string, string> = {}): string {
  const { work, site, env: buildEnv } = prepare(sources, base, env);
  run(['scripts/ingest.ts', '--quiet'], buildEnv, ROOT);
  run([ASTRO, 'build', '--silent'], buildEnv, site);
  run(['scripts/pagefind.ts'], buildEnv, ROOT);
  return join(work, 'dist');
}

/** The same, without blocking: builds are independent of each other, so several can run at once. */
export async function buildArchiveAsync(sources: readonly string[], base = '/', env: Record<string, string> = {}): Promise<string> {
  const { work, site, env: buildEnv } = prepare(sources, base, env);
  await runAsync(['scripts/ingest.ts', '--quiet'], buildEnv, ROOT);
  await runAsync([ASTRO, 'build', '--silent'], buildEnv, site);
  await runAsync(['scripts/pagefind.ts'], buildEnv, ROOT);
  return join(work, 'dist');
}

const ASTRO = join(ROOT, 'node_modules/astro/bin/astro.mjs');

/** What vitest puts in a test worker's environment (Vite's env); a build would take BASE_URL from it. */
const VITE_ENV = new Set(['BASE_URL', 'MODE', 'DEV', 'PROD', 'SSR']);

export function prepare(sources: readonly string[], base: string, env: Record<string, string>) {
  const work = mkdtempSync(join(tmpdir(), 'gazette-build-'));
  const src = join(work, 'sources');
  mkdirSync(src);
  for (const s of sources) copyFileSync(resolve(ROOT, s), join(src, basename(s)));
  const site = join(work, 'site');
  mkdirSync(site);
  for (const f of SITE_FILES) if (existsSync(join(ROOT, f))) cpSync(join(ROOT, f), join(site, f), { recursive: true });
  for (const f of LINKED) symlinkSync(join(ROOT, f), join(site, f), 'dir');
  return {
    work,
    site,
    env: {
      ...Object.fromEntries(Object.entries(process.env).filter(([k]) => !VITE_ENV.has(k))),
      GAZETTE_SOURCES: src,
      GAZETTE_CONTENT: join(work, 'content'),
      GAZETTE_DIST: join(work, 'dist'),
      GAZETTE_CACHE: join(work, 'cache'),
      BASE_PATH: base,
      ASTRO_TELEMETRY_DISABLED: '1',
      ...env,
    },
  };
}

function failure(args: string[], error: unknown): Error {
  const { stdout, stderr } = error as { stdout?: string; stderr?: string };
  return new Error(`${args.join(' ')} failed:\n${stdout ?? ''}${stderr ?? ''}`);
}

function run(args: string[], env: NodeJS.ProcessEnv, cwd: string): void {
  try {
    execFileSync(process.execPath, args, { cwd, env, stdio: 'pipe', encoding: 'utf8' });
  } catch (error) {
    throw failure(args, error);
  }
}

async function runAsync(args: string[], env: NodeJS.ProcessEnv, cwd: string): Promise<void> {
  try {
    await promisify(execFile)(process.execPath, args, { cwd, env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  } catch (error) {
    throw failure(args, error);
  }
}
