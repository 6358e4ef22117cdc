import { readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import type { TestProject } from 'vitest/node';
import { buildArchiveAsync } from './build.ts';
import { MIRROR_BASE, TEST_SITE_URL } from './site.ts';
import { provideSnapshotArchives } from './snapshot-setup.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The built fixture archive: a hostile-text issue and a real one. */
    siteDir: string;
    /** Every real issue in content/sources, built for the root of TEST_SITE_URL. */
    realDir: string;
    /** The same issues built to be served under MIRROR_BASE. */
    mirrorDir: string;
  }
}

export default async function setup(project: TestProject): Promise<void> {
  const sources = resolve(import.meta.dirname, '../../content/sources');
  const real = readdirSync(sources)
    .filter((f) => /^\d{4}-\d{2}\.txt$/.test(f))
    .map((f) => `content/sources/${f}`);
  // Each build has a folder and a cache of its own (see build.ts), so they run side by side.
  const snapshotArchives = provideSnapshotArchives(project);
  const [siteDir, realDir, mirrorDir] = await Promise.all([
    buildArchiveAsync(['tests/fixtures/hostile/2099-01.txt', 'content/sources/2023-05.txt']),
    buildArchiveAsync(real, '/', { SITE_URL: TEST_SITE_URL }),
    buildArchiveAsync(real, MIRROR_BASE, { SITE_URL: TEST_SITE_URL }),
  ]);
  project.provide('siteDir', siteDir);
  project.provide('realDir', realDir);
  project.provide('mirrorDir', mirrorDir);
  await snapshotArchives;
}
