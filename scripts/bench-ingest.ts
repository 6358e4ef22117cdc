/**
 * npm run bench:ingest [-- --runs 10]: how long the ingest of content/sources takes in memory
 * (read → … → mdast, without writing files), after a warm-up run. Prints min and median.
 */
import { parseArgs } from 'node:util';
import { ingestFolder } from './ingest.ts';

const { values } = parseArgs({
  options: { runs: { type: 'string', default: '10' }, sources: { type: 'string', default: 'content/sources' } },
});
ingestFolder(values.sources);
const times: number[] = [];
let documents = 0;
for (let i = 0; i < Number(values.runs); i++) {
  const start = performance.now();
  documents = ingestFolder(values.sources).issues.reduce((n, issue) => n + issue.documents.length, 0);
  times.push(performance.now() - start);
}
times.sort((a, b) => a - b);
const ms = (x: number) => `${x.toFixed(0)} ms`;
console.log(
  `ingest of ${values.sources} (${documents} documents): min ${ms(times[0]!)}, median ${ms(times[Math.floor(times.length / 2)]!)} over ${times.length} runs`,
);
