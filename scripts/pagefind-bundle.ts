/**
 * Pagefind bundles written at once (scripts/pagefind.ts), each in a thread of its own: Pagefind's
 * Node API runs one service process per loaded module and a service answers one request at a
 * time, so bundles written side by side need threads, each with its module and its service.
 *
 * This module is both the pool (imported by scripts/pagefind.ts) and the thread's entry.
 */
import { readFileSync } from 'node:fs';
import { Worker, isMainThread, workerData } from 'node:worker_threads';
import { gunzipSync } from 'node:zlib';
import * as pagefind from 'pagefind';

/** Marks the threads started here, so that a module loaded in some other worker does not act. */
const ROLE = 'gazette-pagefind-bundle';

export interface PagefindRecord {
  url: string;
  content: string;
  language: string;
  meta: Record<string, string>;
  filters: Record<string, string[]>;
}

export interface Bundle {
  records: PagefindRecord[];
  includeCharacters: string;
  outputPath: string;
}

// Pagefind reports most failures in `errors` rather than by rejecting, so a build could
// otherwise ship a missing or partial index without noticing.
function check<T extends { errors: string[] }>(step: string, response: T): T {
  if (response.errors.length > 0) throw new Error(`pagefind ${step} failed:\n  ${response.errors.join('\n  ')}`);
  return response;
}

async function writeBundle({ records, includeCharacters, outputPath }: Bundle): Promise<void> {
  try {
    const { index } = check('createIndex', await pagefind.createIndex({ includeCharacters }));
    if (!index) throw new Error('pagefind createIndex returned no index');
    for (const r of records) check(`addCustomRecord ${r.url}`, await index.addCustomRecord(r));
    check(`writeFiles ${outputPath}`, await index.writeFiles({ outputPath }));
  } finally {
    await pagefind.close();
  }
}

/**
 * Writes bundles on up to `threads` threads at once. Each bundle is made when a thread is free
 * for it, handed to that thread and dropped here, so memory is that of the bundles being written.
 */
export async function writeBundles(bundles: (() => Bundle)[], threads: number): Promise<void> {
  const queue = bundles.slice();
  const next = async (): Promise<void> => {
    const make = queue.shift();
    if (!make) return;
    await inThread(make());
    return next();
  };
  await Promise.all(Array.from({ length: threads }, next));
}

/**
 * The metadata field that tells apart two fragments that would otherwise share a name; its value
 * is `encodeMeta`'s, longer than any word of a query, so that it never matches one.
 */
export const SALT = 's';

/**
 * Fragment names found in an earlier bundle, by the later bundle that holds them again (`listings`:
 * each bundle's fragment file names, in bundle order).
 */
export function laterClashes(listings: readonly (readonly string[])[]): Map<number, Set<string>> {
  const first = new Set<string>();
  const out = new Map<number, Set<string>>();
  for (const [i, names] of listings.entries()) {
    for (const name of names) if (first.has(name)) out.set(i, (out.get(i) ?? new Set()).add(name));
    for (const name of names) first.add(name);
  }
  return out;
}

/** The URL of the record a fragment file holds (gzipped JSON after Pagefind's signature). */
export function fragmentUrl(file: string): string {
  const text = gunzipSync(readFileSync(file)).toString('utf8');
  return (JSON.parse(text.slice(text.indexOf('{'))) as { url: string }).url;
}

/** Writes one bundle in a new thread; the bundle is copied there and not kept here. */
function inThread(bundle: Bundle): Promise<void> {
  const { outputPath } = bundle;
  const worker = new Worker(new URL(import.meta.url), { workerData: { role: ROLE, bundle } });
  return new Promise<void>((resolve, reject) => {
    worker.on('error', reject);
    worker.on('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`pagefind: the thread writing ${outputPath} exited with ${code}`)),
    );
  });
}

if (!isMainThread && (workerData as { role?: string } | null)?.role === ROLE) await writeBundle((workerData as { bundle: Bundle }).bundle);
