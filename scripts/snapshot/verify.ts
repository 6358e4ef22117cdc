/**
 * Validates a bag (RFC 8493 §3): complete — every file a manifest lists is there and every payload
 * file is listed — and fixed — every file still has the checksum its manifest records.
 */
import { createHash } from 'node:crypto';
import { createReadStream, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { extract } from 'tar-stream';
import { byPath, parseManifest, parseTagFile, PAYLOAD_DIR } from './bag.ts';

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
  /** Files checked against a manifest. */
  checked: number;
}

export function exitCode(v: Verification): number {
  return (
    (v.missing.length ? EXIT.missing : 0) |
    (v.changed.length ? EXIT.changed : 0) |
    (v.extra.length ? EXIT.extra : 0) |
    (v.invalid.length ? EXIT.invalid : 0)
  );
}

/** Every file under `dir`, relative with forward slashes — hidden files too: they are part of the bag. */
function allFiles(dir: string, prefix = ''): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) out.push(...allFiles(full, `${prefix}${name}/`));
    else out.push(`${prefix}${name}`);
  }
  return out.sort(byPath);
}

function digest(file: string, algorithm: string): Promise<string> {
  return new Promise((ok, fail) => {
    const hash = createHash(algorithm);
    createReadStream(file)
      .on('error', fail)
      .on('data', (chunk) => hash.update(chunk))
      .on('end', () => ok(hash.digest('hex')));
  });
}

/** A manifest path must name a file inside the bag, so a crafted manifest cannot make us read elsewhere. */
const safePath = (path: string) =>
  !path.startsWith('/') && !path.includes('\\') && path.split('/').every((s) => s !== '..' && s !== '.' && s !== '');

export async function verifyBag(dir: string): Promise<Verification> {
  const v: Verification = { missing: [], changed: [], extra: [], invalid: [], checked: 0 };
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    v.invalid.push(`${dir} is not a folder`);
    return v;
  }
  const declaration = join(dir, 'bagit.txt');
  if (!existsSync(declaration)) {
    v.invalid.push('bagit.txt is missing: this is not a bag');
    return v;
  }
  const declared = new Map(parseTagFile(readFileSync(declaration, 'utf8')));
  if (!declared.get('BagIt-Version')) v.invalid.push('bagit.txt declares no BagIt-Version');
  if (!declared.get('Tag-File-Character-Encoding')) v.invalid.push('bagit.txt declares no Tag-File-Character-Encoding');

  const files = allFiles(dir);
  const present = new Set(files);
  const manifests = files.filter((f) => /^manifest-[a-z0-9]+\.txt$/.test(f));
  const tagManifests = files.filter((f) => /^tagmanifest-[a-z0-9]+\.txt$/.test(f));
  if (manifests.length === 0) v.invalid.push('the bag has no payload manifest (manifest-<algorithm>.txt)');

  const missing = new Set<string>();
  /** The paths each manifest lists. */
  const listed = new Map<string, Set<string>>();
  const check = async (manifest: string, payload: boolean) => {
    const algorithm = ALGORITHMS[/^(?:tag)?manifest-([a-z0-9]+)\.txt$/.exec(manifest)![1]!];
    const names = new Set<string>();
    listed.set(manifest, names);
    if (!algorithm) {
      v.invalid.push(`${manifest}: unknown algorithm`);
      return;
    }
    const { entries, bad } = parseManifest(readFileSync(join(dir, manifest), 'utf8'));
    for (const line of bad) v.invalid.push(`${manifest}: unreadable line "${line}"`);
    for (const [path, expected] of entries) {
      if (!safePath(path) || payload !== path.startsWith(`${PAYLOAD_DIR}/`)) {
        v.invalid.push(`${manifest}: ${path} is not a ${payload ? 'payload' : 'tag'} file of this bag`);
        continue;
      }
      names.add(path);
      if (!present.has(path)) {
        missing.add(path);
        continue;
      }
      const actual = await digest(join(dir, path), algorithm);
      v.checked++;
      if (actual !== expected) v.changed.push({ path, algorithm: manifest.replace(/^(tag)?manifest-|\.txt$/g, ''), expected, actual });
    }
  };
  for (const m of manifests) await check(m, true);
  for (const m of tagManifests) await check(m, false);
  v.missing = [...missing].sort(byPath);

  const inAny = (ms: readonly string[], f: string) => ms.some((m) => listed.get(m)!.has(f));
  for (const f of files) {
    if (f.startsWith(`${PAYLOAD_DIR}/`)) {
      // RFC 8493 §3: every payload file is listed in every payload manifest.
      if (!inAny(manifests, f)) v.extra.push(f);
      else for (const m of manifests) if (!listed.get(m)!.has(f)) v.extra.push(`${f} (not in ${m})`);
    } else if (tagManifests.length > 0 && !tagManifests.includes(f) && !inAny(tagManifests, f)) v.extra.push(f);
  }

  const info = existsSync(join(dir, 'bag-info.txt')) ? new Map(parseTagFile(readFileSync(join(dir, 'bag-info.txt'), 'utf8'))) : new Map();
  const oxum = info.get('Payload-Oxum');
  if (oxum !== undefined) {
    const payload = files.filter((f) => f.startsWith(`${PAYLOAD_DIR}/`));
    const octets = payload.reduce((n, f) => n + statSync(join(dir, f)).size, 0);
    const actual = `${octets}.${payload.length}`;
    // A difference that missing, changed or extra files already explain is not a problem of its own.
    if (oxum !== actual && !v.missing.length && !v.changed.length && !v.extra.length)
      v.invalid.push(`bag-info.txt gives Payload-Oxum ${oxum}, the payload is ${actual}`);
  }
  return v;
}

/**
 * A bag serialised as a tar (RFC 8493 §4.2: one top-level folder, the bag) is unpacked into a
 * temporary folder and checked there; `remove` deletes the copy.
 */
export async function unpackTar(file: string): Promise<{ dir: string; remove(): void }> {
  const into = mkdtempSync(join(tmpdir(), 'bag-'));
  const remove = () => rmSync(into, { recursive: true, force: true });
  const tops = new Set<string>();
  const reader = extract();
  reader.on('entry', (header, stream, next) => {
    const name = header.name.replace(/\/+$/, '');
    const fail = (why: string) => next(new Error(`${file}: ${header.name} ${why}`));
    stream.on('error', next);
    if (!safePath(name)) return fail('is not a path inside the bag');
    tops.add(name.split('/')[0]!);
    const target = join(into, name);
    if (header.type === 'directory') {
      mkdirSync(target, { recursive: true });
      stream.resume();
      stream.on('end', () => next());
    } else if (header.type === 'file') {
      const chunks: Buffer[] = [];
      stream.on('data', (c) => void chunks.push(c as Buffer));
      stream.on('end', () => {
        mkdirSync(dirname(target), { recursive: true });
        writeFileSync(target, Buffer.concat(chunks));
        next();
      });
    } else fail(`is a ${header.type}, not a file or folder`);
  });
  try {
    await pipeline(createReadStream(file), reader);
    if (tops.size !== 1) throw new Error(`${file} must hold exactly one folder, the bag; it holds ${[...tops].join(', ') || 'nothing'}`);
    return { dir: join(into, [...tops][0]!), remove };
  } catch (error) {
    remove();
    throw error;
  }
}

export function report(dir: string, v: Verification): string {
  const lines: string[] = [];
  const section = (title: string, items: readonly string[]) => {
    if (items.length === 0) return;
    lines.push(`${title} (${items.length}):`, ...items.map((i) => `  ${i}`));
  };
  section('not a valid bag', v.invalid);
  section('missing', v.missing);
  section(
    'changed',
    v.changed.map((c) => `${c.path}  (${c.algorithm} ${c.actual}, manifest says ${c.expected})`),
  );
  section('extra', v.extra);
  const code = exitCode(v);
  lines.push(code === 0 ? `${dir}: valid bag, ${v.checked} files complete and unchanged` : `${dir}: NOT valid (exit code ${code})`);
  return lines.join('\n');
}
