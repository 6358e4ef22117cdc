/**
 * A bag as one file for deposit or transfer: a tar (POSIX ustar, pax names where needed) whose one
 * top-level folder is named after the bag, as RFC 8493 §4.2 asks of a serialised bag. The same bag
 * always gives the same bytes: entries in path order, fixed modes, owners and times.
 */
import { createWriteStream, lstatSync, mkdtempSync, readFileSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { pack as tarPack, type Header } from 'tar-stream';
import { byPath } from './bag.ts';

/** Refuses to replace an existing file (or link, or anything else) at `tarFile` unless `force`. */
export function checkTarFile(tarFile: string, force: boolean): void {
  if (!force && lstatSync(tarFile, { throwIfNoEntry: false }))
    throw new Error(`${tarFile} already exists; choose another folder for the snapshot, or give --force to replace it`);
}

/**
 * Writes the tar beside `tarFile` and moves it there when it is complete, so a failed run leaves
 * no half tar and an existing file is replaced only with `force`.
 */
export async function writeTar(bagDir: string, tarFile: string, mtime: Date, { force = false } = {}): Promise<void> {
  checkTarFile(tarFile, force);
  const work = mkdtempSync(join(dirname(tarFile), `.${basename(tarFile)}.partial-`));
  try {
    const partial = join(work, basename(tarFile));
    await pack(bagDir, partial, mtime);
    checkTarFile(tarFile, force);
    renameSync(partial, tarFile);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

async function pack(bagDir: string, tarFile: string, mtime: Date): Promise<void> {
  const pack = tarPack();
  const written = pipeline(pack, createWriteStream(tarFile, { flags: 'wx' }));
  const fixed = { mtime, uid: 0, gid: 0, uname: '', gname: '' };
  const entry = (header: Partial<Header> & Pick<Header, 'name'>, body?: Buffer) =>
    new Promise<void>((ok, fail) => {
      const done = (error?: Error | null) => (error ? fail(error) : ok());
      if (body) pack.entry(header, body, done);
      else pack.entry(header, done);
    });

  const walk = async (dir: string, name: string): Promise<void> => {
    await entry({ ...fixed, name: `${name}/`, type: 'directory', mode: 0o755 });
    for (const child of readdirSync(dir).sort(byPath)) {
      const full = join(dir, child);
      if (statSync(full).isDirectory()) await walk(full, `${name}/${child}`);
      else {
        const body = readFileSync(full);
        await entry({ ...fixed, name: `${name}/${child}`, type: 'file', mode: 0o644, size: body.length }, body);
      }
    }
  };
  try {
    await walk(bagDir, basename(bagDir));
    pack.finalize();
  } catch (error) {
    pack.destroy(error as Error);
  }
  await written;
}
