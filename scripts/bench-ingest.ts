/**
 * npm run bench:ingest [-- --runs 10] [--sources DIR] [--jobs N]: how long the ingest of a
 * sources folder takes in memory (read → … → MDX bodies, without writing files), on one thread
 * and on N (by default one per core), runs interleaved after a warm-up run of each. Prints min
 * and median of both.
 */
import { availableParallelism } from 'node:os';
import { parseArgs } from 'node:util';
import type { IngestedIssue } from './ingest/issue.ts';
import { type IssueSink, ingestSources, ingestSourcesInParallel } from './ingest.ts';

const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '10' },
    sources: { type: 'string', default: 'content/sources' },
    jobs: { type: 'string', default: String(availableParallelism()) },
  },
});
const jobs = Number(values.jobs);

/** Documents ingested, counted as a run writing them would. */
function counter(): IssueSink & { documents(): number } {
  const kept = new Set<IngestedIssue>();
  return {
    add: (ingested) => kept.add(ingested),
    remove: (ingested) => kept.delete(ingested),
    documents: () => [...kept].reduce((n, i) => n + i.documents.length, 0),
  };
}

async function timed(threads: number): Promise<{ ms: number; documents: number }> {
  const sink = counter();
  const start = performance.now();
  if (threads === 1) ingestSources(values.sources, sink);
  else await ingestSourcesInParallel(values.sources, sink, threads);
  return { ms: performance.now() - start, documents: sink.documents() };
}

const variants = [...new Set([1, jobs])];
for (const threads of variants) await timed(threads);
const times = new Map<number, number[]>(variants.map((t) => [t, []]));
let documents = 0;
for (let i = 0; i < Number(values.runs); i++)
  for (const threads of variants) {
    const run = await timed(threads);
    times.get(threads)!.push(run.ms);
    documents = run.documents;
  }
const ms = (x: number) => `${x.toFixed(0)} ms`;
for (const [threads, xs] of times) {
  xs.sort((a, b) => a - b);
  console.log(
    `ingest of ${values.sources} (${documents} documents) on ${threads} thread${threads > 1 ? 's' : ''}: min ${ms(xs[0]!)}, median ${ms(xs[Math.floor(xs.length / 2)]!)} over ${xs.length} runs`,
  );
}
