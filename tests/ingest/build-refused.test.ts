/**
 * `npm run build` with a source it must refuse: every good issue is built, then the build fails
 * with a summary naming each refused file, unless GAZETTE_ALLOW_REFUSED=1 says to publish without
 * it. CI therefore never publishes an archive that silently lost an issue.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ingestFolder, writeCollections } from '../../scripts/ingest.ts';
import { prepare } from '../support/build.ts';

function run(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv): { status: number | null; stderr: string } {
  const { status, stderr } = spawnSync(command, args, { cwd, env, encoding: 'utf8' });
  return { status, stderr };
}

describe('npm run build with a refused source', () => {
  it('builds the good issues, then fails naming each refused file; GAZETTE_ALLOW_REFUSED=1 lets it pass', { timeout: 900_000 }, () => {
    const { work, site, env } = prepare(['content/sources/2023-05.txt'], '/', {});
    writeFileSync(join(env.GAZETTE_SOURCES!, '2023-06.txt'), '');
    writeFileSync(join(env.GAZETTE_SOURCES!, '2023-07.txt'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0x0d]));
    const build = run('npm', ['run', 'build', '--silent'], site, env);
    expect(build.status).toBe(1);
    expect(build.stderr).toContain('build failed: 2 source file(s) refused; every other issue was built');
    expect(build.stderr).toContain(`${join(env.GAZETTE_SOURCES!, '2023-06.txt')}\n    1:1 the file is empty (empty-file)`);
    expect(build.stderr).toContain(`${join(env.GAZETTE_SOURCES!, '2023-07.txt')}\n    1:1 the file is binary`);
    expect(build.stderr).toContain('GAZETTE_ALLOW_REFUSED=1');
    // The good issue is built, exactly as a clean run converts it.
    expect(existsSync(join(work, 'dist/issues/2023-05/index.html'))).toBe(true);
    // So is its Pagefind index, written beside Astro's build and moved into the site.
    expect(existsSync(join(work, 'dist/pagefind/bundles.json'))).toBe(true);
    expect(existsSync(join(env.GAZETTE_CACHE!, 'pagefind'))).toBe(false);
    const alone = mkdtempSync(join(tmpdir(), 'build-alone-'));
    copyFileSync('content/sources/2023-05.txt', join(alone, '2023-05.txt'));
    const clean = mkdtempSync(join(tmpdir(), 'build-clean-'));
    writeCollections(ingestFolder(alone), clean);
    for (const name of ['issues/2023-05.mdx', 'documents/wzb-2023-51.mdx', 'reports/2023-05.md'])
      expect(readFileSync(join(env.GAZETTE_CONTENT!, name), 'utf8'), name).toBe(readFileSync(join(clean, name), 'utf8'));

    const allowed = run(process.execPath, ['scripts/refused.ts'], site, { ...env, GAZETTE_ALLOW_REFUSED: '1' });
    expect(allowed.status).toBe(0);
    expect(allowed.stderr).toContain('build: 2 source file(s) refused and left out (GAZETTE_ALLOW_REFUSED=1)');
  });
});
