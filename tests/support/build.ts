/**
 * Builds a small archive from fixture sources into a temporary folder, the way `npm run build`
 * builds the real one, so that page tests look at real HTML.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '../..');

/** `env` adds build settings such as SITE_URL. */
export function buildArchive(sources: readonly string[], base = '/', env: Record<string, string> = {}): string {
  const work = mkdtempSync(join(tmpdir(), 'gazette-build-'));
  const src = join(work, 'sources');
  mkdirSync(src);
  for (const s of sources) copyFileSync(resolve(ROOT, s), join(src, basename(s)));
  const buildEnv = {
    ...process.env,
    GAZETTE_SOURCES: src,
    GAZETTE_CONTENT: join(work, 'content'),
    GAZETTE_DIST: join(work, 'dist'),
    BASE_PATH: base,
    ASTRO_TELEMETRY_DISABLED: '1',
    ...env,
  };
  run(['scripts/ingest.ts', '--quiet'], buildEnv);
  run([join(ROOT, 'node_modules/astro/bin/astro.mjs'), 'build', '--silent'], buildEnv);
  return join(work, 'dist');
}

function run(args: string[], env: NodeJS.ProcessEnv): void {
  try {
    execFileSync(process.execPath, args, { cwd: ROOT, env, stdio: 'pipe', encoding: 'utf8' });
  } catch (error) {
    const { stdout, stderr } = error as { stdout?: string; stderr?: string };
    throw new Error(`${args.join(' ')} failed:\n${stdout ?? ''}${stderr ?? ''}`);
  }
}
