/**
 * Archives for the snapshot tests, built once before all tests: the fixture archive of `siteDir`
 * built a second time, from a copy of the same sources in another folder, to prove that a build
 * is reproducible.
 */
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { buildArchiveAsync } from './build.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** `siteDir`'s sources built again, in another temporary folder. */
    siteDirAgain: string;
  }
}

/** The sources global-setup.ts builds `siteDir` from. */
export const SITE_SOURCES = ['tests/fixtures/hostile/2099-01.txt', 'content/sources/2023-05.txt'];

/** buildArchive() copies an archive's sources beside its dist/. */
export const sourcesOf = (dist: string) => join(dist, '..', 'sources');

export async function provideSnapshotArchives(project: TestProject): Promise<void> {
  project.provide('siteDirAgain', await buildArchiveAsync(SITE_SOURCES));
}
