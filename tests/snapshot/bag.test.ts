/**
 * Snapshots as preservation objects: the bag validates, damage is reported file by file with the
 * documented exit codes, and the same sources give the same bytes — builds, bags and tars alike.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { extract } from 'tar-stream';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { parseTagFile } from '../../scripts/snapshot/bag.ts';
import { listFiles, makeSnapshot } from '../../scripts/snapshot/make.ts';
import { writeTar } from '../../scripts/snapshot/tar.ts';
import { EXIT, exitCode, verifyBag } from '../../scripts/snapshot/verify.ts';
import { sourcesOf } from '../support/snapshot-setup.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const siteDir = inject('siteDir');
const siteDirAgain = inject('siteDirAgain');
/** 2023-11-14T22:13:20Z */
const TIME = new Date(1_700_000_000_000);

const work = mkdtempSync(join(tmpdir(), 'gazette-snapshot-'));
let bag: string;

function snapshot(site: string, path: string): string {
  const out = join(work, path);
  makeSnapshot({ site, sources: sourcesOf(site), out, time: TIME });
  return out;
}

/** Every file of a folder with its SHA-256. */
function hashes(dir: string): Map<string, string> {
  return new Map(
    listFiles(dir).map((f) => [
      f,
      createHash('sha256')
        .update(readFileSync(join(dir, f)))
        .digest('hex'),
    ]),
  );
}

/** A copy of the good bag to damage. */
function copyOf(name: string): string {
  const dir = join(work, name);
  cpSync(bag, dir, { recursive: true });
  return dir;
}

const cli = (dir: string) => spawnSync(process.execPath, ['scripts/snapshot-verify.ts', dir], { cwd: ROOT, encoding: 'utf8' });

beforeAll(() => {
  bag = snapshot(siteDir, 'bag');
});

describe('the bag', () => {
  it('validates', async () => {
    const v = await verifyBag(bag);
    expect(v).toMatchObject({ missing: [], changed: [], extra: [], invalid: [] });
    expect(v.checked).toBeGreaterThan(100);
    const run = cli(bag);
    expect(run.stdout).toContain('valid bag');
    expect(run.status).toBe(EXIT.valid);
  });

  it('is a BagIt 1.0 bag whose manifests another tool accepts', () => {
    expect(readFileSync(join(bag, 'bagit.txt'), 'utf8')).toBe('BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n');
    // coreutils reads the same `checksum  path` lines as RFC 8493 manifests.
    for (const manifest of ['manifest-sha256.txt', 'tagmanifest-sha256.txt'])
      execFileSync('sha256sum', ['--quiet', '--strict', '-c', manifest], { cwd: bag, stdio: 'pipe' });
  });

  it('holds the site, the sources with their corrections, and the data export', () => {
    const files = listFiles(join(bag, 'data'));
    expect(files).toContain('site/index.html');
    expect(files).toContain('site/search/index.html');
    expect(files).toContain('sources/2023-05.txt');
    expect(files).toContain('sources/2099-01.txt');
    expect(files).toContain('export/issues.json');
    expect(files).toContain('export/documents.json');
    expect(files).toContain('export/documents/wzb-2023-51.json');
    expect(readFileSync(join(bag, 'data/sources/2023-05.txt'))).toEqual(readFileSync(join(ROOT, 'content/sources/2023-05.txt')));
    expect(readFileSync(join(bag, 'data/export/documents.json'))).toEqual(readFileSync(join(siteDir, 'data/documents.json')));
  });

  it('carries corrections next to their source', () => {
    const sources = mkdtempSync(join(work, 'sources-'));
    cpSync(sourcesOf(siteDir), sources, { recursive: true });
    const corrections = '{ "documents": {} }\n';
    writeFileSync(join(sources, '2023-05.corrections.json'), corrections);
    const out = join(work, 'with-corrections');
    makeSnapshot({ site: siteDir, sources, out, time: TIME });
    expect(readFileSync(join(out, 'data/sources/2023-05.corrections.json'), 'utf8')).toBe(corrections);
  });

  it('describes itself in bag-info.txt', () => {
    const info = new Map(parseTagFile(readFileSync(join(bag, 'bag-info.txt'), 'utf8')));
    const issues = JSON.parse(readFileSync(join(siteDir, 'data/issues.json'), 'utf8')) as unknown[];
    const documents = JSON.parse(readFileSync(join(siteDir, 'data/documents.json'), 'utf8')) as unknown[];
    expect(info.get('Source-Organization')).toBe('温州市人民政府');
    expect(info.get('External-Description')).toContain('温州市人民政府公报');
    expect(info.get('External-Description')).toContain('2023年第5期 to 2099年第1期');
    expect(info.get('Bagging-Date')).toBe('2023-11-14');
    expect(info.get('Bag-Software-Agent')).toMatch(/^gazette-archive \d+\.\d+\.\d+/);
    expect(info.get('Issue-Range')).toBe('2023-05 to 2099-01');
    expect(info.get('Issue-Count')).toBe(String(issues.length));
    expect(info.get('Document-Count')).toBe(String(documents.length));
    const payload = listFiles(join(bag, 'data'));
    const octets = payload.reduce((n, f) => n + readFileSync(join(bag, 'data', f)).length, 0);
    expect(info.get('Payload-Oxum')).toBe(`${octets}.${payload.length}`);
  });

  it('refuses a site not built from the sources given', () => {
    const sources = mkdtempSync(join(work, 'sources-'));
    cpSync(join(ROOT, 'content/sources/2023-05.txt'), join(sources, '2023-05.txt'));
    cpSync(join(ROOT, 'content/sources/2023-04.txt'), join(sources, '2023-04.txt'));
    expect(() => makeSnapshot({ site: siteDir, sources, out: join(work, 'stale'), time: TIME })).toThrow(
      /not built from these sources[^]*not in the site: 2023-04[^]*without a source: 2099-01/,
    );
    expect(existsSync(join(work, 'stale'))).toBe(false);
  });

  it('replaces an earlier bag but nothing else', () => {
    const out = join(work, 'again');
    makeSnapshot({ site: siteDir, sources: sourcesOf(siteDir), out, time: TIME });
    makeSnapshot({ site: siteDir, sources: sourcesOf(siteDir), out, time: TIME });
    const precious = join(work, 'precious');
    mkdirSync(precious);
    writeFileSync(join(precious, 'notes.txt'), 'mine');
    expect(() => makeSnapshot({ site: siteDir, sources: sourcesOf(siteDir), out: precious, time: TIME })).toThrow(/not a bag/);
    expect(() => makeSnapshot({ site: siteDir, sources: sourcesOf(siteDir), out: join(siteDir, 'bag'), time: TIME })).toThrow(/overlap/);
    expect(readFileSync(join(precious, 'notes.txt'), 'utf8')).toBe('mine');
  });
});

describe('damage', () => {
  it('reports a changed byte', async () => {
    const dir = copyOf('changed');
    const file = join(dir, 'data/sources/2023-05.txt');
    const bytes = readFileSync(file);
    bytes[1000] = bytes[1000]! ^ 0x01;
    writeFileSync(file, bytes);
    const v = await verifyBag(dir);
    expect(v.changed.map((c) => c.path)).toEqual(['data/sources/2023-05.txt']);
    expect(v).toMatchObject({ missing: [], extra: [], invalid: [] });
    expect(exitCode(v)).toBe(EXIT.changed);
  });

  it('reports a missing file', async () => {
    const dir = copyOf('missing');
    unlinkSync(join(dir, 'data/site/index.html'));
    const v = await verifyBag(dir);
    expect(v).toMatchObject({ missing: ['data/site/index.html'], changed: [], extra: [], invalid: [] });
    expect(exitCode(v)).toBe(EXIT.missing);
  });

  it('reports an extra file', async () => {
    const dir = copyOf('extra');
    writeFileSync(join(dir, 'data/site/unlisted.html'), '<p>added later</p>');
    const v = await verifyBag(dir);
    expect(v).toMatchObject({ missing: [], changed: [], extra: ['data/site/unlisted.html'], invalid: [] });
    expect(exitCode(v)).toBe(EXIT.extra);
  });

  it('reports an edited tag file', async () => {
    const dir = copyOf('tag');
    writeFileSync(
      join(dir, 'bag-info.txt'),
      readFileSync(join(dir, 'bag-info.txt'), 'utf8').replace('Bagging-Date: 2023', 'Bagging-Date: 2024'),
    );
    const v = await verifyBag(dir);
    expect(v.changed.map((c) => c.path)).toEqual(['bag-info.txt']);
  });

  it('adds the exit codes of different problems, and lists every file', () => {
    const dir = copyOf('everything');
    unlinkSync(join(dir, 'data/export/issues.json'));
    writeFileSync(join(dir, 'data/export/documents.json'), '[]\n');
    writeFileSync(join(dir, 'data/export/new.json'), '{}\n');
    const run = cli(dir);
    expect(run.status).toBe(EXIT.missing + EXIT.changed + EXIT.extra);
    expect(run.stdout).toMatch(/missing \(1\):\n {2}data\/export\/issues\.json/);
    expect(run.stdout).toMatch(/changed \(1\):\n {2}data\/export\/documents\.json/);
    expect(run.stdout).toMatch(/extra \(1\):\n {2}data\/export\/new\.json/);
  });

  it('checks a bag sent as a tar, as it is', async () => {
    const good = join(work, 'sent.tar');
    await writeTar(bag, good, TIME);
    expect(cli(good).status).toBe(EXIT.valid);
    const dir = copyOf('sent');
    writeFileSync(join(dir, 'data/sources/2023-05.txt'), 'not the source\n');
    const bad = join(work, 'sent-damaged.tar');
    await writeTar(dir, bad, TIME);
    const run = cli(bad);
    expect(run.status).toBe(EXIT.changed);
    expect(run.stdout).toContain('data/sources/2023-05.txt');
    writeFileSync(join(work, 'not.tar'), 'hello');
    expect(cli(join(work, 'not.tar')).status).toBe(EXIT.invalid);
  });

  it('tells a folder that is not a bag, and wrong arguments', () => {
    const dir = copyOf('not-a-bag');
    rmSync(join(dir, 'bagit.txt'));
    expect(cli(dir).status).toBe(EXIT.invalid);
    expect(spawnSync(process.execPath, ['scripts/snapshot-verify.ts'], { cwd: ROOT }).status).toBe(EXIT.usage);
  });
});

describe('reproducibility', () => {
  it('two builds of the same sources are byte-identical', () => {
    const a = hashes(siteDir);
    const b = hashes(siteDirAgain);
    expect([...b.keys()]).toEqual([...a.keys()]);
    const differ = [...a].filter(([f, h]) => b.get(f) !== h).map(([f]) => f);
    expect(differ).toEqual([]);
  });

  it('two snapshots of them are byte-identical', () => {
    const again = snapshot(siteDirAgain, 'bag-again');
    expect(hashes(again)).toEqual(hashes(bag));
  });

  it('a snapshot as a tar is the same bytes every time, with fixed owners, modes and times', async () => {
    const one = join(work, 'one.tar');
    const two = join(work, 'two.tar');
    await writeTar(bag, one, TIME);
    // The tar names its folder after the bag, so the second bag has the same name elsewhere.
    await writeTar(snapshot(siteDirAgain, 'elsewhere/bag'), two, TIME);
    expect(readFileSync(two)).toEqual(readFileSync(one));

    const entries: { name: string; mode: number; mtime: number; uid: number; type: string }[] = [];
    const reader = extract();
    reader.on('entry', (h, stream, next) => {
      entries.push({ name: h.name, mode: h.mode ?? 0, mtime: h.mtime?.getTime() ?? 0, uid: h.uid ?? -1, type: h.type ?? '' });
      stream.on('end', next);
      stream.resume();
    });
    await new Promise<void>((ok, fail) => reader.on('finish', ok).on('error', fail).end(readFileSync(one)));
    expect(entries[0]).toMatchObject({ name: 'bag/', type: 'directory', mode: 0o755 });
    expect(entries.every((e) => e.name.startsWith('bag/') && e.mtime === TIME.getTime() && e.uid === 0)).toBe(true);
    expect(entries.filter((e) => e.type === 'file').every((e) => e.mode === 0o644)).toBe(true);
    expect(entries.filter((e) => e.type === 'file').length).toBe(listFiles(bag).length);
  });
});
