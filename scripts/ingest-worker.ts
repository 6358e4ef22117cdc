/**
 * The ingest on several cores: worker threads and the driver's own thread convert sources
 * (ingest/convert.ts, which needs nothing from the other sources) while the driver takes the
 * results in the order of the sources, as a serial run would, and makes the decisions that need
 * the issues before it. So a run writes the same bytes and prints the same messages, in the
 * same order, on any number of threads.
 *
 * This module is both the pool (imported by scripts/ingest.ts) and the worker's entry.
 */
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import { VFile } from 'vfile';
import { VFileMessage } from 'vfile-message';
import { type Converted, convertSource } from './ingest/convert.ts';

/** Marks the threads started here, so that a module loaded in some other worker does not answer. */
const ROLE = 'gazette-ingest-worker';

/**
 * A vfile as it crosses to another thread. Structured cloning keeps plain data but not classes: a
 * message would arrive as a bare Error without its line, column and rule. `data` (the pipeline's
 * working notes, which only --explain reads, in its own thread) stays behind.
 */
interface SentFile {
  path: string;
  value: string | undefined;
  messages: Record<string, unknown>[];
}

type Issue = NonNullable<Converted['issue']>;

interface Sent {
  path: string;
  files: SentFile[];
  /** The source's vfile travels as the first of `files`. */
  issue?: Omit<Issue, 'source'> & { source: Omit<Issue['source'], 'file'> & { file: undefined } };
}

function send(converted: Converted): Sent {
  const files = converted.files.map((f) => ({
    path: f.path,
    value: typeof f.value === 'string' ? f.value : undefined,
    messages: f.messages.map((m) => ({ ...m })),
  }));
  if (!converted.issue) return { path: converted.path, files };
  return { path: converted.path, files, issue: { ...converted.issue, source: { ...converted.issue.source, file: undefined } } };
}

function receive(sent: Sent): Converted {
  const files = sent.files.map((f) => {
    const file = new VFile({ path: f.path, value: f.value });
    file.messages.push(...f.messages.map((m) => Object.assign(new VFileMessage(''), m)));
    return file;
  });
  if (!sent.issue) return { path: sent.path, files };
  return { path: sent.path, files, issue: { ...sent.issue, source: { ...sent.issue.source, file: files[0]! } } };
}

/**
 * Much of what starting a worker costs is compiling the pipeline's modules again, each TypeScript
 * module stripped of its types first: workers keep the compiled code in Node's compile cache (on
 * disk, where NODE_COMPILE_CACHE says, by default in the system's temporary folder), so that the
 * next worker, of this run or the next, loads it from there. NODE_DISABLE_COMPILE_CACHE turns it off.
 */
const WORKER_ENV = { ...process.env, NODE_COMPILE_CACHE: process.env.NODE_COMPILE_CACHE ?? join(tmpdir(), 'node-compile-cache') };

/** Sources sent to a worker at a time, so that it has the next one when this thread is busy. */
const QUEUED = 2;

/**
 * The conversions of `paths` by `jobs` threads, this one and `jobs` − 1 workers, yielded in the
 * order of `paths`. This thread converts a source whenever the one it waits for is not ready yet;
 * at most two sources per thread are converted ahead of it, so memory stays that of a few issues
 * however long the archive.
 */
export async function* convertInWorkers(paths: readonly string[], jobs: number): AsyncGenerator<Converted> {
  const threads = Math.max(0, Math.min(jobs - 1, paths.length - 1));
  const ahead = (threads + 1) * 2;
  const results = new Map<number, PromiseWithResolvers<Converted>>();
  const ready = new Set<number>();
  /** A worker once for each source it can be sent now. */
  const free: Worker[] = [];
  const workers: Worker[] = [];
  let next = 0;
  let taken = 0;
  const start = (): number => {
    const k = next++;
    const result = Promise.withResolvers<Converted>();
    // Awaited in order; one that fails before its turn is reported then, not as unhandled.
    result.promise.catch(() => {});
    results.set(k, result);
    return k;
  };
  const finish = (k: number, converted: Converted) => {
    ready.add(k);
    results.get(k)!.resolve(converted);
  };
  const canStart = () => next < paths.length && next < taken + ahead;
  const dispatch = () => {
    while (free.length && canStart()) {
      const k = start();
      free.pop()!.postMessage({ k, path: paths[k] });
    }
  };
  try {
    for (let i = 0; i < threads; i++) {
      const worker = new Worker(new URL(import.meta.url), { workerData: ROLE, env: WORKER_ENV });
      worker.on('message', ({ k, sent }: { k: number; sent: Sent }) => {
        finish(k, receive(sent));
        free.push(worker);
        dispatch();
      });
      // A failure that is not a message about the input (a bug) ends the run, as it would serially.
      worker.on('error', (error) => {
        for (const r of results.values()) r.reject(error);
      });
      workers.push(worker);
      for (let q = 0; q < QUEUED; q++) free.push(worker);
    }
    for (; taken < paths.length; taken++) {
      dispatch();
      while (!ready.has(taken) && canStart()) {
        const k = start();
        finish(k, convertSource(paths[k]!));
        // Lets the workers' results in, and sends them more.
        await new Promise((done) => setImmediate(done));
      }
      const converted = await results.get(taken)!.promise;
      results.delete(taken);
      ready.delete(taken);
      yield converted;
    }
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
}

if (!isMainThread && workerData === ROLE)
  parentPort!.on('message', ({ k, path }: { k: number; path: string }) => {
    parentPort!.postMessage({ k, sent: send(convertSource(path)) });
  });
