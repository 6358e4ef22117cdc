/**
 * A bag as one file for deposit or transfer: a tar (POSIX ustar, pax names where needed) whose one
 * top-level folder is named after the bag, as RFC 8493 §4.2 asks of a serialised bag. The same bag
 * always gives the same bytes: entries in path order, fixed modes, owners and times.
 */
import { createWriteStream, readFileSync, readdirSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { pack as tarPack, type Header } from 'tar-stream';
import { byPath } from './bag.ts';

export async function writeTar(bagDir: string, tarFile: string, mtime: Date): Promise<void> {
  const pack = tarPack();
  const written = pipeline(pack, createWriteStream(tarFile));
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
