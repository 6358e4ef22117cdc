/**
 * Validates a bag (RFC 8493 §3): complete — every file a manifest lists is there and every payload
 * file is listed — and fixed — every file still has the checksum its manifest records.
 */
import { createHash } from 'node:crypto';
import { closeSync, createReadStream, createWriteStream, existsSync, mkdirSync, mkdtempSync, readSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { extract } from 'tar-stream';
import { byPath, parseManifestLine, PAYLOAD_DIR } from './bag.ts';
import { listEntries, openRegular, type OtherEntry, readLines, readTagFields } from './entries.ts';

/**
 * Exit codes of `npm run snapshot:verify`: the problems found, added together (3 = missing and
 * changed files), so a script can tell them apart.
 */
export const EXIT = {
  valid: 0,
  /** A file listed in a manifest is not in the bag. */
  missing: 1,
  /** A file's checksum differs from its manifest's. */
  changed: 2,
  /** A payload file is in no manifest, or a tag file in no tag manifest. */
  extra: 4,
  /** Not a bag, or one that cannot be checked: no bagit.txt, no manifest, unreadable lines, a wrong Payload-Oxum. */
  invalid: 8,
  /** A link, FIFO, socket or device in the bag: never followed or read. */
  notFile: 16,
  /** Wrong arguments. */
  usage: 64,
} as const;

/** The manifest algorithms this checker can compute, as RFC 8493 and Node name them. */
const ALGORITHMS: Record<string, string> = { md5: 'md5', sha1: 'sha1', sha256: 'sha256', sha512: 'sha512' };

export interface Changed {
  path: string;
  algorithm: string;
  expected: string;
  actual: string;
}

export interface Verification {
  missing: string[];
  changed: Changed[];
  extra: string[];
  /** Why the bag is not a bag, or could not be checked. */
  invalid: string[];
  /** Entries that are not regular files or folders, with what they are. */
  notFiles: OtherEntry[];
  /** Files checked against a manifest. */
  checked: number;
}

export function exitCode(v: Verification): number {
  return (
    (v.missing.length ? EXIT.missing : 0) |
    (v.changed.length ? EXIT.changed : 0) |
    (v.extra.length ? EXIT.extra : 0) |
    (v.invalid.length ? EXIT.invalid : 0) |
    (v.notFiles.length ? EXIT.notFile : 0)
  );
}

function digest(file: string, algorithm: string): string {
  const hash = createHash(algorithm);
  const fd = openRegular(file);
  try {
    const chunk = Buffer.alloc(1024 * 1024);
    for (let read = readSync(fd, chunk); read > 0; read = readSync(fd, chunk)) hash.update(chunk.subarray(0, read));
  } finally {
    closeSync(fd);
  }
  return hash.digest('hex');
}

const algorithmOf = (manifest: string) => /^(?:tag)?manifest-([a-z0-9]+)\.txt$/.exec(manifest)![1]!;

/** A manifest path must name a file inside the bag, so a crafted manifest cannot make us read elsewhere. */
const safePath = (path: string) => !path.startsWith('/') && path.split('/').every((s) => s !== '..' && s !== '.' && s !== '');

/**
 * RFC 8493 §2.1.3 separates folders with `/` only. `\\` separates them on Windows but is part of a
 * file name elsewhere, so a path with one is refused, not guessed at.
 */
const WINDOWS_SEPARATOR = 'uses \\ as a folder separator; BagIt paths use /';

/**
 * The path as a string of its own: a path cut from its manifest line would keep the whole line in
 * memory (V8 shares a substring's characters with its parent), twice the cost for each path kept.
 */
const ownCopy = (path: string) => Buffer.from(path, 'utf8').toString('utf8');

/** A quoted excerpt of a line that could not be read. */
const excerpt = (line: string) => JSON.stringify(line.length > 80 ? `${line.slice(0, 80)}…` : line);

/**
 * Checks the bag in `dir`. `others` are entries that are not regular files, found before the bag
 * reached `dir` (in a tar); the folder's own are found here.
 */
export async function verifyBag(dir: string, others: readonly OtherEntry[] = []): Promise<Verification> {
  const v: Verification = { missing: [], changed: [], extra: [], invalid: [], notFiles: [], checked: 0 };
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    v.invalid.push(`${dir} is not a folder`);
    return v;
  }
  const entries = listEntries(dir);
  const files = entries.files;
  v.notFiles = [...others, ...entries.others].sort((a, b) => byPath(a.path, b.path));
  const notFile = new Set(v.notFiles.map((o) => o.path));

  if (!files.has('bagit.txt')) {
    v.invalid.push(
      notFile.has('bagit.txt') ? 'bagit.txt is not a regular file: this is not a bag' : 'bagit.txt is missing: this is not a bag',
    );
    return v;
  }
  const declaration = readTagFields(dir, 'bagit.txt', ['BagIt-Version', 'Tag-File-Character-Encoding']);
  for (const p of declaration.problems) v.invalid.push(p);
  if (!declaration.fields.get('BagIt-Version')) v.invalid.push('bagit.txt declares no BagIt-Version');
  if (!declaration.fields.get('Tag-File-Character-Encoding')) v.invalid.push('bagit.txt declares no Tag-File-Character-Encoding');

  const names = [...files.keys()].sort(byPath);
  const allManifests = names.filter((f) => /^(?:tag)?manifest-[a-z0-9]+\.txt$/.test(f));
  for (const m of allManifests) if (!ALGORITHMS[algorithmOf(m)]) v.invalid.push(`${m}: unknown algorithm`);
  const known = allManifests.filter((m) => ALGORITHMS[algorithmOf(m)]);
  const manifests = known.filter((m) => m.startsWith('manifest-'));
  const tagManifests = known.filter((m) => m.startsWith('tagmanifest-'));
  if (!allManifests.some((m) => m.startsWith('manifest-'))) v.invalid.push('the bag has no payload manifest (manifest-<algorithm>.txt)');

  /**
   * Every path a manifest lists, with the manifests (bit i: the i-th of its kind) that list it: one
   * entry per path, so a manifest of a million lines costs a million entries and nothing more.
   */
  const listed = new Map<string, number>();
  const check = (manifest: string, index: number, payload: boolean) => {
    const name = algorithmOf(manifest);
    const algorithm = ALGORITHMS[name]!;
    const bit = 1 << index;
    /** Paths listed again, with the line; where each was first listed is looked up afterwards. */
    const again: { path: string; line: number }[] = [];
    for (const line of readLines(join(dir, manifest))) {
      const at = `${manifest}:${line.number}`;
      if ('problem' in line) {
        v.invalid.push(`${at}: ${line.problem}`);
        continue;
      }
      if (line.text === '') continue;
      const entry = parseManifestLine(line.text);
      if (!entry) {
        v.invalid.push(`${at}: unreadable line ${excerpt(line.text)}, not "checksum path"`);
        continue;
      }
      const { path, checksum } = entry;
      if (path.includes('\\')) {
        v.invalid.push(`${at}: ${path} ${WINDOWS_SEPARATOR}`);
        continue;
      }
      if (!safePath(path) || payload !== path.startsWith(`${PAYLOAD_DIR}/`)) {
        v.invalid.push(`${at}: ${path} is not a ${payload ? 'payload' : 'tag'} file of this bag`);
        continue;
      }
      const mask = listed.get(path) ?? 0;
      if (mask & bit) {
        again.push({ path, line: line.number });
        continue;
      }
      listed.set(mask ? path : ownCopy(path), mask | bit);
      if (!files.has(path)) continue;
      let actual: string;
      try {
        actual = digest(join(dir, path), algorithm);
      } catch (error) {
        v.invalid.push(`${path} cannot be read: ${error instanceof Error ? error.message : String(error)}`);
        continue;
      }
      v.checked++;
      if (actual !== checksum) v.changed.push({ path, algorithm: name, expected: checksum, actual });
    }
    if (again.length) {
      const first = new Map(again.map((a) => [a.path, 0]));
      for (const line of readLines(join(dir, manifest))) {
        const path = 'text' in line ? parseManifestLine(line.text)?.path : undefined;
        if (path !== undefined && first.get(path) === 0) first.set(path, line.number);
      }
      for (const a of again) v.invalid.push(`${manifest}:${a.line}: ${a.path} is listed again (first on line ${first.get(a.path)})`);
    }
  };
  for (const [i, m] of manifests.entries()) check(m, i, true);
  for (const [i, m] of tagManifests.entries()) check(m, i, false);
  for (const path of listed.keys()) if (!files.has(path) && !notFile.has(path)) v.missing.push(path);
  v.missing.sort(byPath);

  let octets = 0;
  let payloadFiles = 0;
  for (const f of names) {
    const listedBy = listed.get(f) ?? 0;
    if (f.startsWith(`${PAYLOAD_DIR}/`)) {
      octets += files.get(f)!;
      payloadFiles++;
      // RFC 8493 §3: every payload file is listed in every payload manifest.
      if (!listedBy) v.extra.push(f);
      else for (const [i, m] of manifests.entries()) if (!(listedBy & (1 << i))) v.extra.push(`${f} (not in ${m})`);
    } else if (tagManifests.length > 0 && !(f.startsWith('tagmanifest-') && allManifests.includes(f)) && !listedBy) v.extra.push(f);
  }

  if (files.has('bag-info.txt')) {
    const info = readTagFields(dir, 'bag-info.txt', ['Payload-Oxum']);
    for (const p of info.problems) v.invalid.push(p);
    const oxum = info.fields.get('Payload-Oxum');
    const actual = `${octets}.${payloadFiles}`;
    // A difference that missing, changed or extra files already explain is not a problem of its own.
    if (oxum !== undefined && oxum !== actual && !v.missing.length && !v.changed.length && !v.extra.length && !v.notFiles.length)
      v.invalid.push(`bag-info.txt gives Payload-Oxum ${oxum}, the payload is ${actual}`);
  }
  return v;
}

/** Kinds of tar entries that are regular files (`contiguous-file` is one, in POSIX). */
const TAR_FILES = new Set(['file', 'contiguous-file']);

/**
 * A bag serialised as a tar (RFC 8493 §4.2: one top-level folder, the bag) is unpacked into a
 * temporary folder and checked there; `remove` deletes the copy. Names may start with `./`, as
 * `tar -C DIR ./bag` writes them. Only files and folders are unpacked: a link, FIFO or device
 * entry is returned in `others`, to be reported like one in a folder.
 */
export async function unpackTar(file: string): Promise<{ dir: string; others: OtherEntry[]; remove(): void }> {
  const into = mkdtempSync(join(tmpdir(), 'bag-'));
  const remove = () => rmSync(into, { recursive: true, force: true });
  const tops = new Set<string>();
  const others: OtherEntry[] = [];
  const reader = extract();
  reader.on('entry', (header, stream, next) => {
    const name = header.name.replace(/^(?:\.\/+)+/, '').replace(/\/+$/, '');
    const fail = (why: string) => {
      stream.resume();
      next(new Error(`${file}: ${header.name} ${why}`));
    };
    stream.on('error', next);
    const skip = () => {
      stream.on('end', () => next());
      stream.resume();
    };
    if ((name === '' || name === '.') && header.type === 'directory') return skip();
    if (name.includes('\\')) return fail(WINDOWS_SEPARATOR.replace('BagIt paths', 'names in a tar of a bag'));
    if (!safePath(name)) return fail('is not a path inside the bag');
    const [top, ...rest] = name.split('/');
    tops.add(top!);
    if (rest.length === 0 && header.type !== 'directory' && !TAR_FILES.has(header.type ?? ''))
      return fail(`is a ${header.type}, not the bag's folder`);
    const target = join(into, name);
    if (header.type === 'directory') {
      mkdirSync(target, { recursive: true });
      skip();
    } else if (TAR_FILES.has(header.type ?? '')) {
      mkdirSync(dirname(target), { recursive: true });
      pipeline(stream, createWriteStream(target)).then(() => next(), next);
    } else {
      const to = header.linkname ? ` to ${header.linkname}` : '';
      others.push({ path: rest.join('/'), kind: `a ${header.type ?? 'special'} entry in the tar${to}` });
      skip();
    }
  });
  try {
    await pipeline(createReadStream(file), reader);
    if (tops.size !== 1)
      throw new Error(`${file} must hold exactly one folder, the bag; it holds ${[...tops].sort(byPath).join(', ') || 'nothing'}`);
    return { dir: join(into, [...tops][0]!), others, remove };
  } catch (error) {
    remove();
    throw error;
  }
}

/** The report of a check, line by line: a bag of a million files gives a million lines. */
export function* report(dir: string, v: Verification): Generator<string> {
  function* section(title: string, items: readonly string[]) {
    if (items.length === 0) return;
    yield `${title} (${items.length}):`;
    for (const item of items) yield `  ${item}`;
  }
  yield* section('not a valid bag', v.invalid);
  yield* section(
    'not a regular file (not followed, not read)',
    v.notFiles.map((o) => `${o.path}: ${o.kind}`),
  );
  yield* section('missing', v.missing);
  yield* section(
    'changed',
    v.changed.map((c) => `${c.path}  (${c.algorithm} ${c.actual}, manifest says ${c.expected})`),
  );
  yield* section('extra', v.extra);
  const code = exitCode(v);
  yield code === 0 ? `${dir}: valid bag, ${v.checked} files complete and unchanged` : `${dir}: NOT valid (exit code ${code})`;
}
