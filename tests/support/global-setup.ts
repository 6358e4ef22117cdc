import type { TestProject } from 'vitest/node';
import { buildArchive } from './build.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The built fixture archive: a hostile-text issue and a real one. */
    siteDir: string;
  }
}

export default function setup(project: TestProject): void {
  project.provide('siteDir', buildArchive(['tests/fixtures/hostile/2099-01.txt', 'content/sources/2023-05.txt']));
}
