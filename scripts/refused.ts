/**
 * npm run build, last step: the build fails when the ingest refused a source, after every good
 * issue has been built, so that an archive that lost an issue is never published by mistake.
 * `GAZETTE_ALLOW_REFUSED=1` publishes without the refused files (the summary is still printed).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_OUT, REFUSED, type Refused, refusedSummary } from './ingest.ts';

function main(): number {
  const path = join(process.env.GAZETTE_CONTENT || DEFAULT_OUT, REFUSED);
  if (!existsSync(path)) {
    console.error(`build: ${path} is missing; run the ingest first`);
    return 1;
  }
  const refused = JSON.parse(readFileSync(path, 'utf8')) as Refused[];
  if (!refused.length) return 0;
  const allowed = process.env.GAZETTE_ALLOW_REFUSED === '1';
  console.error(refusedSummary(refused, allowed));
  return allowed ? 0 : 1;
}

process.exitCode = main();
