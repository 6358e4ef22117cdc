/**
 * Builds a small archive from fixture sources into a temporary folder, the way `npm run build`
 * builds the real one, so that page tests look at real HTML.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '../..');

export function buildArchive(sources: readonly string[], base = '/'): string {
  const work = mkdtempSync(join(tmpdir(), 'gazette-build-'));
  const src = join(work, 'sources');
  mkdirSync(src);
  for (const s of sources) copyFileSync(resolve(ROOT, s), join(src, basename(s)));
  const env = {
    ...process.env,
    GAZETTE_SOURCES: src,
    GAZETTE_CONTENT: join(work, 'content'),
    GAZETTE_DIST: join(work, 'dist'),
    BASE_PATH: base,
    ASTRO_TELEMETRY_DISABLED: '1',
  };
  run(['scripts/ingest.ts', '--quiet'], env);
  run([join(ROOT, 'node_modules/astro/bin/astro.mjs'), 'build', '--silent'], env);
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
