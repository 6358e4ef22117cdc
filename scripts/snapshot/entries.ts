/**
 * Reading a bag that may be hostile: its entries are listed without following a link, only
 * regular files are ever opened, and text files are read line by line, so neither a link to
 * `/dev/zero`, a FIFO, a folder outside the bag, nor a manifest of millions of lines or one
 * endless line can hang the reader, send it outside the bag or exhaust its memory.
 */
import { closeSync, constants, fstatSync, lstatSync, openSync, opendirSync, readlinkSync, readSync } from 'node:fs';
import { join } from 'node:path';
import { tagLine } from './bag.ts';

/** An entry of a bag that is neither a regular file nor a folder. */
export interface OtherEntry {
  /** Relative to the bag, with forward slashes. */
  path: string;
  /** What it is, for people: `a symbolic link to /dev/zero`, `a FIFO`. */
  kind: string;
}

export interface Entries {
  /** Regular files, relative to the bag with forward slashes, → size in bytes. */
  files: Map<string, number>;
  /** Links, FIFOs, sockets and devices: listed, never followed or opened. */
  others: OtherEntry[];
}

function kindOf(full: string): string {
  const st = lstatSync(full);
  if (st.isSymbolicLink()) return `a symbolic link to ${readlinkSync(full)}`;
  if (st.isFIFO()) return 'a FIFO (named pipe)';
  if (st.isSocket()) return 'a socket';
  if (st.isCharacterDevice() || st.isBlockDevice()) return 'a device';
  return 'not a regular file';
}

/**
 * Every entry under `dir`, hidden ones too (they are part of a bag). Folders are walked from a
 * list rather than by recursion, and a link is an entry of its own, whatever it points to.
 */
export function listEntries(dir: string): Entries {
  const files = new Map<string, number>();
  const others: OtherEntry[] = [];
  const folders = [''];
  for (let prefix = folders.pop(); prefix !== undefined; prefix = folders.pop()) {
    const folder = opendirSync(join(dir, prefix));
    try {
      for (let d = folder.readSync(); d !== null; d = folder.readSync()) {
        const path = `${prefix}${d.name}`;
        const full = join(dir, path);
        if (d.isDirectory()) folders.push(`${path}/`);
        else if (d.isFile()) files.set(path, lstatSync(full).size);
        else others.push({ path, kind: kindOf(full) });
      }
    } finally {
      folder.closeSync();
    }
  }
  return { files, others };
}

/**
 * Opens `file` for reading only if it is a regular file: a link is refused rather than followed
 * (O_NOFOLLOW), and a FIFO or device is not waited on (O_NONBLOCK) but refused — even if the file
 * was swapped for one after the bag was listed.
 */
export function openRegular(file: string): number {
  const fd = openSync(file, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
  if (!fstatSync(fd).isFile()) {
    closeSync(fd);
    throw new Error(`${file} is not a regular file`);
  }
  return fd;
}

/** Longer than any line a real manifest or tag file has: a path of 4096 bytes and a SHA-512 checksum fit many times. */
export const MAX_LINE_BYTES = 64 * 1024;

export type Line = { number: number; text: string } | { number: number; problem: string };

const CR = 0x0d;
const LF = 0x0a;

/**
 * The lines of a text file, one at a time, ended by LF, CRLF or CR (RFC 8493 §2.1.3 allows each),
 * decoded as UTF-8, without a byte-order mark. A line over `maxBytes` is skipped as it is read
 * and given as a problem, as is one that is not UTF-8; memory holds one line at most.
 */
export function* readLines(file: string, maxBytes = MAX_LINE_BYTES): Generator<Line> {
  const fd = openRegular(file);
  const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
  const chunk = Buffer.alloc(1024 * 1024);
  let parts: Buffer[] = [];
  let length = 0;
  let number = 0;
  let skipLF = false;
  const take = (bytes: Buffer) => {
    length += bytes.length;
    if (length <= maxBytes) parts.push(Buffer.from(bytes));
    else parts = [];
  };
  const finish = (): Line => {
    number++;
    const bytes = Buffer.concat(parts);
    const size = length;
    parts = [];
    length = 0;
    if (size > maxBytes) return { number, problem: `the line is ${size} bytes long; a line may have at most ${maxBytes}` };
    try {
      const text = decoder.decode(bytes);
      return { number, text: number === 1 ? text.replace(/^\uFEFF/, '') : text };
    } catch {
      return { number, problem: 'the line is not UTF-8' };
    }
  };
  try {
    for (let read = readSync(fd, chunk); read > 0; read = readSync(fd, chunk)) {
      const data = chunk.subarray(0, read);
      // The next LF and CR are searched for natively, each only once per byte.
      const next = (byte: number, from: number) => {
        const at = data.indexOf(byte, from);
        return at < 0 ? read : at;
      };
      let start = 0;
      if (skipLF && data[0] === LF) start = 1;
      skipLF = false;
      let lf = next(LF, start);
      let cr = next(CR, start);
      for (let end = Math.min(lf, cr); end < read; end = Math.min(lf, cr)) {
        take(data.subarray(start, end));
        yield finish();
        start = end + 1;
        if (data[end] === CR) {
          if (start === read) skipLF = true;
          else if (data[start] === LF) start++;
        }
        if (lf < start) lf = next(LF, start);
        if (cr < start) cr = next(CR, start);
      }
      take(data.subarray(start));
    }
    if (length > 0) yield finish();
  } finally {
    closeSync(fd);
  }
}

/**
 * The fields named in `wanted` of a tag file (bagit.txt, bag-info.txt), read line by line; the
 * others are passed over, so a tag file of any size costs no memory. `problems` are its lines
 * that could not be read, as `file:line: why`.
 */
export function readTagFields(dir: string, name: string, wanted: readonly string[]): { fields: Map<string, string>; problems: string[] } {
  const fields = new Map<string, string>();
  const problems: string[] = [];
  /** The wanted field being read; continuation lines of the others are passed over with them. */
  let current: string | undefined;
  for (const line of readLines(join(dir, name))) {
    if ('problem' in line) {
      problems.push(`${name}:${line.number}: ${line.problem}`);
      continue;
    }
    const tag = tagLine(line.text);
    if (!tag) continue;
    if ('label' in tag) {
      current = wanted.includes(tag.label) ? tag.label : undefined;
      if (current) fields.set(current, tag.value);
    } else if (current) {
      const value = `${fields.get(current)} ${tag.more}`;
      if (value.length <= MAX_LINE_BYTES) fields.set(current, value);
      else {
        problems.push(`${name}:${line.number}: ${current} goes on for more than ${MAX_LINE_BYTES} characters`);
        current = undefined;
      }
    }
  }
  return { fields, problems };
}
