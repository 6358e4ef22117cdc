import { readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import type { TestProject } from 'vitest/node';
import { buildArchive } from './build.ts';
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

export default function setup(project: TestProject): void {
  const sources = resolve(import.meta.dirname, '../../content/sources');
  const real = readdirSync(sources)
    .filter((f) => /^\d{4}-\d{2}\.txt$/.test(f))
    .map((f) => `content/sources/${f}`);
  project.provide('siteDir', buildArchive(['tests/fixtures/hostile/2099-01.txt', 'content/sources/2023-05.txt']));
  project.provide('realDir', buildArchive(real, '/', { SITE_URL: TEST_SITE_URL }));
  project.provide('mirrorDir', buildArchive(real, MIRROR_BASE, { SITE_URL: TEST_SITE_URL }));
  provideSnapshotArchives(project);
}
