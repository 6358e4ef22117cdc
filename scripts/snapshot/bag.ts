/**
 * BagIt (RFC 8493): the packaging libraries use to receive a collection and prove, years later,
 * that every file is still there and unchanged. A bag is a folder: the files themselves under
 * `data/` (the payload), a checksum manifest of them, and a few small text files describing the
 * bag (tag files) with a manifest of their own.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

export const BAGIT_TXT = 'BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n';
export const PAYLOAD_DIR = 'data';
/** One algorithm keeps bags quick to make and check; SHA-256 is the RFC's recommended default. */
export const ALGORITHM = 'sha256';
export const MANIFEST = `manifest-${ALGORITHM}.txt`;
export const TAG_MANIFEST = `tagmanifest-${ALGORITHM}.txt`;
/** The files a bag made here holds beside `data/`. */
export const TAG_FILES = ['bagit.txt', 'bag-info.txt', MANIFEST, TAG_MANIFEST] as const;

/** RFC 8493 §2.1.3: in a manifest, CR, LF and % in a file name are percent-encoded. */
export const encodePath = (path: string) =>
  path.replace(/[%\r\n]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
export const decodePath = (path: string) =>
  path.replace(/%(25|0D|0A)/gi, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)));

/** Code-unit order, the same on every machine and locale, so manifests come out byte-identical. */
export const byPath = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export const sha256 = (bytes: Uint8Array) => createHash(ALGORITHM).update(bytes).digest('hex');

export interface Fixity {
  digest: string;
  size: number;
}

export function manifestText(entries: ReadonlyMap<string, Fixity>): string {
  return [...entries.keys()]
    .sort(byPath)
    .map((path) => `${entries.get(path)!.digest}  ${encodePath(path)}\n`)
    .join('');
}

/** A manifest line, `checksum path` (RFC 8493 §2.1.3), or undefined when it is not one. */
export function parseManifestLine(line: string): { checksum: string; path: string } | undefined {
  const m = /^([0-9a-fA-F]+)[ \t]+\*?(.+)$/.exec(line);
  return m ? { checksum: m[1]!.toLowerCase(), path: decodePath(m[2]!) } : undefined;
}

/**
 * A line of bagit.txt or bag-info.txt: a `Label: value` field, or the continuation of the
 * previous value (an indented line), or neither.
 */
export function tagLine(line: string): { label: string; value: string } | { more: string } | undefined {
  if (/^[ \t]/.test(line) && line.trim()) return { more: line.trim() };
  const at = line.indexOf(':');
  return at > 0 ? { label: line.slice(0, at).trim(), value: line.slice(at + 1).trim() } : undefined;
}

export function parseTagFile(text: string): [string, string][] {
  const fields: [string, string][] = [];
  for (const line of text.replace(/^\uFEFF/, '').split(/\r\n|\n|\r/)) {
    const tag = tagLine(line);
    const last = fields.at(-1);
    if (tag && 'more' in tag) {
      if (last) last[1] += ` ${tag.more}`;
    } else if (tag) fields.push([tag.label, tag.value]);
  }
  return fields;
}

/**
 * What `npm run snapshot` writes as Bag-Software-Agent. The tool replaces a folder only if its
 * bag-info.txt says this, whatever the version.
 */
export const softwareAgent = (name: string, version: string) => `${name} ${version} (npm run snapshot)`;
export const isSoftwareAgent = (value: string | undefined, name: string) =>
  value !== undefined && value.startsWith(`${name} `) && value.endsWith(' (npm run snapshot)');

/** Payload-Oxum: the payload's total size in bytes and its number of files, `octets.files`. */
export function payloadOxum(payload: ReadonlyMap<string, Fixity>): string {
  let octets = 0;
  for (const f of payload.values()) octets += f.size;
  return `${octets}.${payload.size}`;
}

/** Bag-Size, for people: decimal units, one decimal place. */
export function humanSize(bytes: number): string {
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let n = bytes;
  let u = 0;
  while (n >= 1000 && u < units.length - 1) {
    n /= 1000;
    u++;
  }
  return u === 0 ? `${n} B` : `${n.toFixed(1)} ${units[u]}`;
}

/**
 * Writes a bag file by file, so a payload of any size passes through memory one file at a time;
 * `finish` then writes the manifests and tag files.
 */
export class BagWriter {
  readonly dir: string;
  private readonly payload = new Map<string, Fixity>();

  constructor(dir: string) {
    this.dir = dir;
  }

  /** Adds a payload file; `path` is relative to `data/`, with forward slashes. */
  add(path: string, bytes: Uint8Array): void {
    const bagPath = `${PAYLOAD_DIR}/${path}`;
    if (this.payload.has(bagPath)) throw new Error(`${bagPath} is added twice`);
    const file = join(this.dir, bagPath);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, bytes);
    this.payload.set(bagPath, { digest: sha256(bytes), size: bytes.length });
  }

  get files(): ReadonlyMap<string, Fixity> {
    return this.payload;
  }

  /** `info` are bag-info.txt's fields in order; Payload-Oxum and Bag-Size are added here. */
  finish(info: readonly (readonly [string, string])[]): void {
    const fields: (readonly [string, string])[] = [...info];
    let octets = 0;
    for (const f of this.payload.values()) octets += f.size;
    fields.push(['Payload-Oxum', payloadOxum(this.payload)], ['Bag-Size', humanSize(octets)]);
    for (const [label, value] of fields)
      if (/[\r\n]/.test(label + value) || label.includes(':')) throw new Error(`bag-info field ${label} would break its line`);

    const tags = new Map<string, Fixity>();
    const tag = (name: string, text: string) => {
      const bytes = new TextEncoder().encode(text);
      writeFileSync(join(this.dir, name), bytes);
      tags.set(name, { digest: sha256(bytes), size: bytes.length });
    };
    tag('bagit.txt', BAGIT_TXT);
    tag('bag-info.txt', fields.map(([label, value]) => `${label}: ${value}\n`).join(''));
    tag(MANIFEST, manifestText(this.payload));
    writeFileSync(join(this.dir, TAG_MANIFEST), manifestText(tags));
  }
}
