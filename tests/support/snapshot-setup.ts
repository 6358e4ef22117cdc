/**
 * Archives for the snapshot tests, built once before all tests: the fixture archive of `siteDir`
 * built a second time, from a copy of the same sources in another folder, to prove that a build
 * is reproducible.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { makeSnapshot } from '../../scripts/snapshot/make.ts';
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

/** A snapshot of the built archive `siteDir` in a new temporary folder: the folder of its site, as a library would open it. */
export function snapshotSite(siteDir: string, prefix: string): string {
  const out = join(mkdtempSync(join(tmpdir(), prefix)), 'bag');
  makeSnapshot({ site: siteDir, sources: sourcesOf(siteDir), out, time: new Date(0) });
  return join(out, 'data/site');
}

export async function provideSnapshotArchives(project: TestProject): Promise<void> {
  project.provide('siteDirAgain', await buildArchiveAsync(SITE_SOURCES));
}
