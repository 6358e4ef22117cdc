/**
 * The ingest on several cores: worker threads convert sources (ingest/convert.ts, which needs
 * nothing from the other sources) while the driver takes the results in the order of the
 * sources, as a serial run would, and makes the decisions that need the issues before it. So a
 * run writes the same bytes and prints the same messages, in the same order, on any number of
 * threads.
 *
 * This module is both the pool (imported by scripts/ingest.ts) and the worker's entry.
 */
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
 * The conversions of `paths` by `jobs` threads, yielded in the order of `paths`. At most two
 * sources per thread are converted ahead of the one the caller waits for, so memory stays that of
 * a few issues however long the archive.
 */
export async function* convertInWorkers(paths: readonly string[], jobs: number): AsyncGenerator<Converted> {
  const threads = Math.max(1, Math.min(jobs, paths.length));
  const ahead = threads * 2;
  const results = new Map<number, PromiseWithResolvers<Converted>>();
  const idle: Worker[] = [];
  const workers: Worker[] = [];
  let next = 0;
  let taken = 0;
  const dispatch = () => {
    while (idle.length && next < paths.length && next < taken + ahead) {
      const k = next++;
      const result = Promise.withResolvers<Converted>();
      // Awaited in order; one that fails before its turn is reported then, not as unhandled.
      result.promise.catch(() => {});
      results.set(k, result);
      idle.pop()!.postMessage({ k, path: paths[k] });
    }
  };
  try {
    for (let i = 0; i < threads; i++) {
      const worker = new Worker(new URL(import.meta.url), { workerData: ROLE });
      worker.on('message', ({ k, sent }: { k: number; sent: Sent }) => {
        results.get(k)!.resolve(receive(sent));
        idle.push(worker);
        dispatch();
      });
      // A failure that is not a message about the input (a bug) ends the run, as it would serially.
      worker.on('error', (error) => {
        for (const r of results.values()) r.reject(error);
      });
      workers.push(worker);
      idle.push(worker);
    }
    for (; taken < paths.length; taken++) {
      dispatch();
      const result = results.get(taken)!;
      const converted = await result.promise;
      results.delete(taken);
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
