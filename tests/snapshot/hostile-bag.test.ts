/**
 * Bags made to hurt the checker, and folders the snapshot must not destroy. `snapshot:verify`
 * follows no link and reads nothing but the bag's regular files — a link to /dev/zero, a FIFO or
 * a folder outside is reported, never opened; manifests of a million lines or one endless line
 * are read line by line; odd tars and Windows separators get a message and an exit code.
 * `npm run snapshot` replaces only a bag it made, and no tar or partial folder it did not write,
 * unless told `--force`.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import {
  appendFileSync,
  closeSync,
  cpSync,
  createWriteStream,
  existsSync,
  ftruncateSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  symlinkSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { pack as tarPack } from 'tar-stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { manifestText, sha256, TAG_MANIFEST } from '../../scripts/snapshot/bag.ts';
import { MAX_LINE_BYTES } from '../../scripts/snapshot/entries.ts';
import { makeSnapshot } from '../../scripts/snapshot/make.ts';
import { EXIT } from '../../scripts/snapshot/verify.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const TIME = new Date(1_700_000_000_000);
const work = mkdtempSync(join(tmpdir(), 'gazette-hostile-bag-'));
/**
 * A checker that waits on a FIFO or reads /dev/zero would never end; this ends the run instead. It
 * is no time limit: a small bag is checked in a second or two even on a busy machine.
 */
const TIMEOUT = 60_000;
/** For the manifest of a million lines, which takes a few seconds alone and many more beside other tests. */
const LONG = 300_000;

/** A small built site: what the snapshot holds does not matter here, only what it does to folders. */
const site = join(work, 'site');
const sources = join(work, 'sources');
let bag: string;

const verify = (path: string) =>
  spawnSync(process.execPath, ['scripts/snapshot-verify.ts', path], { cwd: ROOT, encoding: 'utf8', timeout: TIMEOUT });

/** `npm run snapshot -- DIR ARGS`, of the small site. */
const snapshot = (out: string, ...args: string[]) =>
  spawnSync(process.execPath, ['scripts/snapshot.ts', out, '--site', site, '--sources', sources, ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: TIMEOUT,
  });

function copyOf(name: string): string {
  const dir = join(work, name, 'bag');
  cpSync(bag, dir, { recursive: true });
  return dir;
}

/** Rewrites the payload manifest and records it in the tag manifest, so the manifest's content is the only fault. */
function setManifest(dir: string, text: string): void {
  writeFileSync(join(dir, 'manifest-sha256.txt'), text);
  refreshTagManifest(dir);
}

function refreshTagManifest(dir: string): void {
  const tags = new Map(
    ['bagit.txt', 'bag-info.txt', 'manifest-sha256.txt'].map((f) => {
      const bytes = readFileSync(join(dir, f));
      return [f, { digest: sha256(bytes), size: bytes.length }] as const;
    }),
  );
  writeFileSync(join(dir, TAG_MANIFEST), manifestText(tags));
}

const manifestOf = (dir: string) => readFileSync(join(dir, 'manifest-sha256.txt'), 'utf8');

/** A tar written entry by entry, names as given. */
async function tarOf(file: string, entries: { name: string; type?: 'file' | 'directory' | 'symlink'; body?: string; linkname?: string }[]) {
  const pack = tarPack();
  const written = pipeline(pack, createWriteStream(file));
  for (const e of entries) {
    const header = { name: e.name, type: e.type ?? 'file', linkname: e.linkname };
    if (e.body === undefined) pack.entry(header);
    else pack.entry(header, e.body);
  }
  pack.finalize();
  await written;
}

/** The entries of the good bag as a tar, renamed by `rename`. */
function entriesOf(dir: string, rename: (path: string) => string) {
  const out: { name: string; type?: 'directory'; body?: string }[] = [];
  const walk = (rel: string) => {
    out.push({ name: rename(rel), type: 'directory' });
    for (const child of readdirSync(join(dir, rel)).sort()) {
      const path = `${rel}/${child}`;
      if (statSync(join(dir, path)).isDirectory()) walk(path);
      else out.push({ name: rename(path), body: readFileSync(join(dir, path), 'utf8') });
    }
  };
  walk('bag');
  return out;
}

beforeAll(() => {
  mkdirSync(join(site, 'data'), { recursive: true });
  mkdirSync(sources);
  writeFileSync(
    join(site, 'index.html'),
    '<!doctype html><html lang="zh"><head><title>公报</title></head><body><p>公报</p></body></html>\n',
  );
  writeFileSync(join(site, 'data/issues.json'), '[]\n');
  writeFileSync(join(site, 'data/documents.json'), '[]\n');
  bag = join(work, 'good', 'bag');
  makeSnapshot({ site, sources, out: bag, time: TIME });
});

// The million-line manifest and its report take some 150 MB.
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('snapshot:verify and links, FIFOs and devices', () => {
  it('accepts the good bag', () => {
    const run = verify(bag);
    expect(run.stdout).toContain('valid bag, 8 files complete and unchanged');
    expect(run.status).toBe(EXIT.valid);
  });

  it('reports a link to a file outside the bag, without reading it', () => {
    const dir = copyOf('link-out');
    const secret = join(work, 'secret.txt');
    writeFileSync(secret, 'outside the bag\n');
    // The listed file replaced by a link to an identical copy outside: its checksum would match.
    const listed = join(dir, 'data/export/issues.json');
    cpSync(listed, join(work, 'issues-copy.json'));
    unlinkSync(listed);
    symlinkSync(join(work, 'issues-copy.json'), listed);
    symlinkSync(secret, join(dir, 'data/site/leak.txt'));
    const run = verify(dir);
    expect(run.stdout).toContain('not a regular file (not followed, not read) (2):');
    expect(run.stdout).toContain(`  data/export/issues.json: a symbolic link to ${join(work, 'issues-copy.json')}`);
    expect(run.stdout).toContain(`  data/site/leak.txt: a symbolic link to ${secret}`);
    expect(run.stdout).not.toMatch(/missing|extra|changed/);
    expect(run.status).toBe(EXIT.notFile);
  });

  it('reports a link to /dev/zero at once', () => {
    const dir = copyOf('dev-zero');
    const listed = join(dir, 'data/site/index.html');
    unlinkSync(listed);
    symlinkSync('/dev/zero', listed);
    const run = verify(dir);
    expect(run.signal).toBeNull();
    expect(run.stdout).toContain('  data/site/index.html: a symbolic link to /dev/zero');
    expect(run.status).toBe(EXIT.notFile);
  });

  it('reports a FIFO without waiting on it', () => {
    const dir = copyOf('fifo');
    const listed = join(dir, 'data/export/documents.json');
    unlinkSync(listed);
    execFileSync('mkfifo', [listed]);
    execFileSync('mkfifo', [join(dir, 'bagit.txt.fifo')]);
    const run = verify(dir);
    expect(run.signal).toBeNull();
    expect(run.stdout).toContain('  data/export/documents.json: a FIFO (named pipe)');
    expect(run.stdout).toContain('  bagit.txt.fifo: a FIFO (named pipe)');
    expect(run.status).toBe(EXIT.notFile);
  });

  it('does not take a tag file that is a link', () => {
    const dir = copyOf('bagit-link');
    unlinkSync(join(dir, 'bagit.txt'));
    symlinkSync('/dev/zero', join(dir, 'bagit.txt'));
    const run = verify(dir);
    expect(run.stdout).toContain('bagit.txt is not a regular file: this is not a bag');
    expect(run.stdout).toContain('  bagit.txt: a symbolic link to /dev/zero');
    expect(run.status).toBe(EXIT.invalid + EXIT.notFile);
  });

  it('does not take data/ linked to a folder outside as the payload, nor list its files', () => {
    const dir = copyOf('data-link');
    const outside = join(work, 'outside-data');
    cpSync(join(dir, 'data'), outside, { recursive: true });
    writeFileSync(join(outside, 'not-in-the-bag.txt'), 'elsewhere\n');
    rmSync(join(dir, 'data'), { recursive: true });
    symlinkSync(outside, join(dir, 'data'));
    const run = verify(dir);
    expect(run.stdout).toContain(`  data: a symbolic link to ${outside}`);
    expect(run.stdout).toContain('missing (5):');
    expect(run.stdout).not.toContain('not-in-the-bag.txt');
    expect(run.stdout).not.toContain('extra');
    expect(run.status).toBe(EXIT.missing + EXIT.notFile);
  });
});

describe('snapshot:verify and hostile manifests', () => {
  it(
    'reads a manifest of a million lines',
    () => {
      const dir = copyOf('million');
      const lines = Array.from({ length: 1_000_000 }, (_, i) => `${'0'.repeat(64)}  data/gone/${String(i).padStart(7, '0')}.txt\n`);
      setManifest(dir, manifestOf(dir) + lines.join(''));
      const out = join(work, 'million.out');
      const fd = openSync(out, 'w');
      const run = spawnSync(process.execPath, ['scripts/snapshot-verify.ts', dir], {
        cwd: ROOT,
        stdio: ['ignore', fd, 'pipe'],
        timeout: LONG,
      });
      closeSync(fd);
      const report = readFileSync(out, 'utf8');
      expect(run.stderr.toString()).toBe('');
      expect(report).toMatch(/^missing \(1000000\):\n {2}data\/gone\/0000000\.txt\n/);
      expect(report).toContain('  data/gone/0999999.txt\n');
      expect(report.endsWith(`${dir}: NOT valid (exit code 1)\n`)).toBe(true);
      expect(run.status).toBe(EXIT.missing);
    },
    LONG,
  );

  it(
    'reports a line of 600 MB without holding it',
    () => {
      const dir = copyOf('long-line');
      // A sparse file: 600 MB of NUL bytes after the real lines, with no line end, on little disk.
      const manifest = join(dir, 'manifest-sha256.txt');
      const good = manifestOf(dir).split('\n').length - 1;
      const fd = openSync(manifest, 'r+');
      ftruncateSync(fd, 600 * 1024 * 1024);
      closeSync(fd);
      // A tag manifest is optional (RFC 8493 §2.2.1); without it the long manifest is only read once.
      unlinkSync(join(dir, TAG_MANIFEST));
      const run = verify(dir);
      expect(run.stderr).toBe('');
      expect(run.stdout).toContain(
        `manifest-sha256.txt:${good + 1}: the line is ${600 * 1024 * 1024 - statSync(join(bag, 'manifest-sha256.txt')).size} bytes long; a line may have at most ${MAX_LINE_BYTES}`,
      );
      expect(run.status).toBe(EXIT.invalid);
    },
    LONG,
  );

  it('reports an over-long line in bag-info.txt', () => {
    const dir = copyOf('long-info');
    appendFileSync(join(dir, 'bag-info.txt'), `Contact-Name: ${'x'.repeat(MAX_LINE_BYTES)}\n`);
    refreshTagManifest(dir);
    const run = verify(dir);
    expect(run.stdout).toMatch(/bag-info\.txt:\d+: the line is \d+ bytes long; a line may have at most 65536/);
    expect(run.status).toBe(EXIT.invalid);
  });

  it('reports a path listed twice, with both lines', () => {
    const dir = copyOf('duplicate');
    const text = manifestOf(dir);
    const lines = text.trimEnd().split('\n');
    const [, path] = lines[0]!.split('  ');
    setManifest(dir, `${text}${lines[0]}\n${'f'.repeat(64)}  ${path}\n`);
    const run = verify(dir);
    expect(run.stdout).toContain(`manifest-sha256.txt:${lines.length + 1}: ${path} is listed again (first on line 1)`);
    expect(run.stdout).toContain(`manifest-sha256.txt:${lines.length + 2}: ${path} is listed again (first on line 1)`);
    expect(run.stdout).not.toMatch(/changed|missing/);
    expect(run.status).toBe(EXIT.invalid);
  });

  it('refuses Windows separators in a manifest, and names the line', () => {
    const dir = copyOf('windows');
    setManifest(dir, manifestOf(dir).replace('data/site/index.html', 'data\\site\\index.html'));
    const line =
      manifestOf(bag)
        .split('\n')
        .findIndex((l) => l.endsWith('data/site/index.html')) + 1;
    const run = verify(dir);
    expect(run.stdout).toContain(`manifest-sha256.txt:${line}: data\\site\\index.html uses \\ as a folder separator; BagIt paths use /`);
    // The file it meant is then in no manifest.
    expect(run.stdout).toMatch(/extra \(1\):\n {2}data\/site\/index\.html\n/);
    expect(run.status).toBe(EXIT.invalid + EXIT.extra);
  });

  it('refuses paths outside the bag, and does not read them', () => {
    const dir = copyOf('escape');
    const secret = join(work, 'escape-secret.txt');
    writeFileSync(secret, 'outside\n');
    setManifest(dir, `${manifestOf(dir)}${sha256(readFileSync(secret))}  data/../../escape-secret.txt\n${'0'.repeat(64)}  ${secret}\n`);
    const run = verify(dir);
    expect(run.stdout).toContain('data/../../escape-secret.txt is not a payload file of this bag');
    expect(run.stdout).toContain(`${secret} is not a payload file of this bag`);
    expect(run.status).toBe(EXIT.invalid);
  });
});

describe('snapshot:verify and tars', () => {
  it('accepts a tar made with `tar -C DIR ./bag`', () => {
    const tar = join(work, 'dot.tar');
    execFileSync('tar', ['-C', join(work, 'good'), '-cf', tar, './bag']);
    const run = verify(tar);
    expect(run.stdout).toContain('valid bag, 8 files complete and unchanged');
    expect(run.status).toBe(EXIT.valid);
  });

  it('refuses a tar of the bag folder’s contents, which has no one top folder', () => {
    const tar = join(work, 'contents.tar');
    execFileSync('tar', ['-C', bag, '-cf', tar, '.']);
    const run = verify(tar);
    expect(run.stderr).toMatch(/must hold exactly one folder, the bag; it holds bag-info\.txt, bagit\.txt, data/);
    expect(run.status).toBe(EXIT.invalid);
  });

  it('refuses Windows separators in a tar', async () => {
    const tar = join(work, 'windows.tar');
    await tarOf(
      tar,
      entriesOf(join(work, 'good'), (p) => p.replaceAll('/', '\\')),
    );
    const run = verify(tar);
    expect(run.stderr).toContain(`${tar}: bag\\bag-info.txt uses \\ as a folder separator; names in a tar of a bag use /`);
    expect(run.status).toBe(EXIT.invalid);
  });

  it('reports a link in a tar like one in a folder, and refuses ../ and absolute names', async () => {
    const good = entriesOf(join(work, 'good'), (p) => p);
    const linked = join(work, 'linked.tar');
    await tarOf(linked, [...good, { name: 'bag/data/site/passwd', type: 'symlink', linkname: '/etc/passwd' }]);
    const run = verify(linked);
    expect(run.stdout).toContain('  data/site/passwd: a symlink entry in the tar to /etc/passwd');
    expect(run.status).toBe(EXIT.notFile);

    for (const name of ['bag/../escaped.txt', '/tmp/escaped.txt']) {
      const tar = join(work, 'escape.tar');
      await tarOf(tar, [...good, { name, body: 'out\n' }]);
      const escape = verify(tar);
      expect(escape.stderr).toContain(`${name} is not a path inside the bag`);
      expect(escape.status).toBe(EXIT.invalid);
    }
    expect(existsSync('/tmp/escaped.txt')).toBe(false);
  });
});

describe('npm run snapshot replaces only its own bag', () => {
  it('refuses a folder with a bagit.txt that it did not make, and keeps it whole', () => {
    const foreign = join(work, 'foreign');
    mkdirSync(join(foreign, 'data'), { recursive: true });
    writeFileSync(join(foreign, 'bagit.txt'), 'BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n');
    writeFileSync(join(foreign, 'notes.txt'), 'mine\n');
    const run = snapshot(foreign);
    expect(run.stderr).toContain(`snapshot: ${foreign} is not a bag made by npm run snapshot`);
    expect(run.stderr).toContain('give --force to replace it');
    expect(run.stderr).toContain('its bag-info.txt does not name gazette-archive (npm run snapshot) as Bag-Software-Agent');
    expect(run.stderr).toContain('notes.txt is not part of the bag');
    expect(run.status).toBe(1);
    expect(readFileSync(join(foreign, 'notes.txt'), 'utf8')).toBe('mine\n');

    const forced = snapshot(foreign, '--force');
    expect(forced.status).toBe(0);
    expect(existsSync(join(foreign, 'notes.txt'))).toBe(false);
    expect(verify(foreign).status).toBe(EXIT.valid);
  });

  it('refuses its own bag once a file was added to it', () => {
    const dir = copyOf('added');
    writeFileSync(join(dir, 'data/site/mine.html'), '<p>mine</p>\n');
    const run = snapshot(dir);
    expect(run.stderr).toContain('  data/site/mine.html is not part of the bag');
    expect(run.status).toBe(1);
    expect(existsSync(join(dir, 'data/site/mine.html'))).toBe(true);
  });

  it("refuses another tool's bag", () => {
    const dir = copyOf('other-tool');
    writeFileSync(
      join(dir, 'bag-info.txt'),
      readFileSync(join(dir, 'bag-info.txt'), 'utf8').replace(/^Bag-Software-Agent: .*$/m, 'Bag-Software-Agent: bagit.py v1.8.1'),
    );
    const run = snapshot(dir);
    expect(run.stderr).toContain('its bag-info.txt does not name gazette-archive (npm run snapshot) as Bag-Software-Agent');
    expect(run.status).toBe(1);
  });

  it('replaces its own bag, and leaves a .partial folder it did not make', () => {
    const dir = copyOf('own');
    const partial = join(work, 'own', '.bag.partial');
    mkdirSync(partial);
    writeFileSync(join(partial, 'keep.txt'), 'not the tool’s\n');
    const run = snapshot(dir);
    expect(run.status).toBe(0);
    expect(readFileSync(join(partial, 'keep.txt'), 'utf8')).toBe('not the tool’s\n');
    expect(readdirSync(join(work, 'own')).sort()).toEqual(['.bag.partial', 'bag']);
    expect(verify(dir).status).toBe(EXIT.valid);
  });

  it('does not overwrite an existing tar, or make the bag, unless told --force', () => {
    const out = join(work, 'tarred', 'bag');
    mkdirSync(join(work, 'tarred'));
    writeFileSync(`${out}.tar`, 'precious\n');
    const run = snapshot(out, '--tar');
    expect(run.stderr).toContain(
      `snapshot: ${out}.tar already exists; choose another folder for the snapshot, or give --force to replace it`,
    );
    expect(run.status).toBe(1);
    expect(readFileSync(`${out}.tar`, 'utf8')).toBe('precious\n');
    expect(existsSync(out)).toBe(false);

    expect(snapshot(out, '--tar', '--force').status).toBe(0);
    expect(verify(`${out}.tar`).status).toBe(EXIT.valid);
    expect(readdirSync(join(work, 'tarred')).sort()).toEqual(['bag', 'bag.tar']);
  });

  it('refuses a file where the folder would go', () => {
    const out = join(work, 'a-file');
    writeFileSync(out, 'precious\n');
    const run = snapshot(out);
    expect(run.stderr).toContain(`${out} exists and is not a folder; choose another folder, or give --force to replace it`);
    expect(run.status).toBe(1);
    expect(readFileSync(out, 'utf8')).toBe('precious\n');
  });
});
