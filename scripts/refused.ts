/**
 * npm run build, last step: the build fails when the ingest refused a source, after every good
 * issue has been built, so that an archive that lost an issue is never published by mistake.
 * `GAZETTE_ALLOW_REFUSED=1` publishes without the refused files (the summary is still printed).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_OUT, REFUSED, refusedSummary } from './ingest.ts';

const path = join(process.env.GAZETTE_CONTENT || DEFAULT_OUT, REFUSED);
if (!existsSync(path)) {
  console.error(`build: ${path} is missing; run the ingest first`);
  process.exitCode = 1;
} else {
  const refused = JSON.parse(readFileSync(path, 'utf8')) as { file: string; messages: string[] }[];
  if (refused.length) {
    const allowed = process.env.GAZETTE_ALLOW_REFUSED === '1';
    console.error(refusedSummary(refused, allowed));
    if (!allowed) process.exitCode = 1;
  }
}
