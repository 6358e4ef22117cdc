/**
 * Builds the exact-match index (see search-index.ts) from the archive's documents. Pure: the
 * caller decides where the files go, and the same documents always give the same bytes.
 */
import { createHash } from 'node:crypto';
import { deflateRawSync } from 'node:zlib';
import { configs } from 'opencc-js/preset/t2cn';
import {
  type Block,
  type DocDisplay,
  type DocText,
  encodeBlocks,
  encodeCounts,
  encodeFlatPositions,
  encodeShard,
  INDEX_VERSION,
  type Manifest,
  type ManifestDocs,
  shardName,
  shardOf,
  type StoredManifest,
} from './search-index.ts';
import { type Converter, fieldsOf, normalize, type SearchableDocument } from './search-text.ts';

export interface IndexInput extends SearchableDocument {
  id: string;
  /** How results name the document (its title, or a stand-in for untitled ones). */
  label: string;
  category: string;
  issuer: string | null;
  date: string | null;
  /** Date used to sort when the document has none of its own (its issue's). */
  sortDate: string | null;
  year: number;
  /** How results name the issue, e.g. 2023年第5期（总第249期） */
  issue: string;
  headings: [number, string][];
}

export interface IndexFiles {
  /** What `manifest.json` holds. */
  manifest: StoredManifest;
  /** File name (relative to the manifest) → contents. */
  files: Map<string, Uint8Array<ArrayBuffer>>;
}

/**
 * Shards are sized so a query of up to ten characters (at most six bigrams) fetches a few
 * hundred kilobytes at most, however many documents the archive holds.
 */
const SHARD_TARGET_BYTES = 20 * 1024;
/**
 * A bigram posting larger than this is cut into blocks of about this size (see search-index.ts):
 * small enough that a rarer pair of the query rules most of them out, large enough that a pair
 * found in every document is still only a dozen or so requests at a few thousand documents.
 */
const BLOCK_BYTES = 12 * 1024;
const CHUNK_SIZE = 32;

const hashOf = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex').slice(0, 10);
const deflate = (bytes: Uint8Array) => new Uint8Array(deflateRawSync(bytes, { level: 9 }));
const json = (value: unknown) => deflate(new TextEncoder().encode(JSON.stringify(value)));

/**
 * While counting, characters are small numbers in order of appearance and a bigram is
 * a·CHARS + b: keys stay small integers, which hash many times faster than new strings.
 */
const CHARS = 1 << 15;

/**
 * Per bigram key, in order of first occurrence, one flat list for the whole archive: −(d + 1) opens
 * document d, then its positions. Millions of small [doc, positions] pairs, or a map per document,
 * would keep the garbage collector busy; `lastDoc` says whether a list has opened the current
 * document yet. Keys are found in an open-addressing table of integers, as the index looks one up
 * for every character of the archive.
 */
class Bigrams {
  readonly keys: number[] = [];
  readonly lastDoc: number[] = [];
  readonly flat: number[][] = [];
  /** Slot of the key hashed there, −1 where none. */
  private table = new Int32Array(1 << 12).fill(-1);
  private shift = 32 - 12;

  /** The list of `key`, opened if new. */
  slot(key: number): number {
    const mask = this.table.length - 1;
    for (let h = Math.imul(key, 0x9e3779b1) >>> this.shift; ; h = (h + 1) & mask) {
      const s = this.table[h]!;
      if (s === -1) {
        const added = this.keys.push(key) - 1;
        this.lastDoc.push(-1);
        this.flat.push([]);
        this.table[h] = added;
        if (this.keys.length * 2 > this.table.length) this.grow();
        return added;
      }
      if (this.keys[s] === key) return s;
    }
  }

  private grow(): void {
    this.table = new Int32Array(this.table.length * 2).fill(-1);
    this.shift--;
    const mask = this.table.length - 1;
    this.keys.forEach((key, s) => {
      let h = Math.imul(key, 0x9e3779b1) >>> this.shift;
      while (this.table[h] !== -1) h = (h + 1) & mask;
      this.table[h] = s;
    });
  }
}

export function buildIndex(docs: readonly IndexInput[], traditional: string): IndexFiles {
  const ids = new Map<string, number>();
  /** Ids of the characters of the Basic Multilingual Plane, where nearly all text lies, by code unit. */
  const bmp = new Int32Array(0x10000).fill(-1);
  const charOf: string[] = [];
  const idOf = (ch: string) => {
    let id = ch.length === 1 ? bmp[ch.charCodeAt(0)]! : (ids.get(ch) ?? -1);
    if (id === -1) {
      if (charOf.length >= CHARS) throw new Error(`search index: more than ${CHARS} distinct characters`);
      id = charOf.push(ch) - 1;
      if (ch.length === 1) bmp[ch.charCodeAt(0)] = id;
      else ids.set(ch, id);
    }
    return id;
  };
  const bigrams = new Bigrams();
  const chars = new Map<number, [number, number][]>();
  /** Per character id, its count in the current document; `seen` lists those counted, in order. */
  const counts = new Int32Array(CHARS);
  const seen: number[] = [];
  const columns: ManifestDocs = { id: [], date: [], year: [], category: [], issuer: [], titleEnd: [], numberEnd: [], length: [] };
  const categories: string[] = [];
  const issuers: string[] = [];
  const indexIn = (list: string[], v: string) => {
    const i = list.indexOf(v);
    return i >= 0 ? i : list.push(v) - 1;
  };

  docs.forEach((doc, d) => {
    const fields = fieldsOf(doc).map((f) => {
      const cps: number[] = [];
      for (const ch of normalize(f)) cps.push(idOf(ch));
      return cps;
    });
    let pos = 0;
    const ends: number[] = [];
    for (const cps of fields) {
      for (let i = 0; i < cps.length; i++) {
        const ch = cps[i]!;
        const n = counts[ch]!;
        if (n === 0) seen.push(ch);
        counts[ch] = n + 1;
        if (i + 1 < cps.length) {
          const b = bigrams.slot(ch * CHARS + cps[i + 1]!);
          const flat = bigrams.flat[b]!;
          if (bigrams.lastDoc[b] !== d) {
            bigrams.lastDoc[b] = d;
            flat.push(-(d + 1));
          }
          flat.push(pos + i);
        }
      }
      pos += cps.length;
      ends.push(pos);
      // A gap between fields: no bigram spans it, so no match runs across two blocks.
      pos += 1;
    }
    for (const ch of seen) {
      let list = chars.get(ch);
      if (!list) chars.set(ch, (list = []));
      list.push([d, counts[ch]!]);
      counts[ch] = 0;
    }
    seen.length = 0;
    columns.id.push(doc.id);
    columns.date.push(doc.date ?? doc.sortDate ?? '');
    columns.year.push(doc.year);
    columns.category.push(indexIn(categories, doc.category));
    columns.issuer.push(doc.issuer ? indexIn(issuers, doc.issuer) : -1);
    columns.titleEnd.push(ends[0]!);
    columns.numberEnd.push(ends[1]!);
    columns.length.push(fields.slice(2).reduce((n, f) => n + f.length, 0));
  });

  const postings = new Map<string, Uint8Array>();
  const blockFiles: Uint8Array[] = [];
  let total = 0;
  for (const [b, key] of bigrams.keys.entries()) {
    const flat = bigrams.flat[b]!;
    const name = charOf[Math.floor(key / CHARS)]! + charOf[key % CHARS]!;
    const whole = encodeFlatPositions(flat);
    postings.set(name, whole.length <= BLOCK_BYTES ? whole : encodeBlocks(cut(flat, blockFiles)));
  }
  for (const [id, list] of chars) postings.set(charOf[id]!, encodeCounts(list));
  // Keys cost about as much again as their postings when most bigrams are rare.
  for (const [key, p] of postings) total += p.length + 2 * key.length + 2;

  const shardCount = Math.max(1, Math.ceil(total / SHARD_TARGET_BYTES));
  const shardPostings = Array.from({ length: shardCount }, () => new Map<string, Uint8Array>());
  for (const [key, p] of postings) shardPostings[shardOf(key, shardCount)]!.set(key, p);

  const files = new Map<string, Uint8Array<ArrayBuffer>>();
  const fileSet = (contents: Uint8Array[], prefix: string) => {
    const deflated = contents.map(deflate);
    const all = createHash('sha256');
    for (const bytes of deflated) all.update(bytes);
    const set = { count: deflated.length, hash: all.digest('hex').slice(0, 10) };
    deflated.forEach((bytes, i) => files.set(shardName(i, set, prefix), bytes));
    return set;
  };
  const shards = fileSet(shardPostings.map(encodeShard), 's');
  const blocks = fileSet(blockFiles, 'b');

  const textNames = docs.map((d) => {
    const text: DocText = { paragraphs: [...d.paragraphs], headings: d.headings };
    const bytes = json(text);
    const name = `t/${d.id}.${hashOf(bytes)}.json`;
    files.set(name, bytes);
    return name;
  });

  const chunks: string[] = [];
  for (let start = 0; start < docs.length; start += CHUNK_SIZE) {
    const display: DocDisplay[] = docs.slice(start, start + CHUNK_SIZE).map((d, i) => ({
      id: d.id,
      title: d.label,
      docNumber: d.docNumber,
      normativeCode: d.normativeCode ?? null,
      issuer: d.issuer,
      category: d.category,
      date: d.date,
      issue: d.issue,
      text: textNames[start + i]!,
    }));
    const bytes = json(display);
    const name = `d${start / CHUNK_SIZE}.${hashOf(bytes)}.json`;
    files.set(name, bytes);
    chunks.push(name);
  }

  const index: Manifest = {
    version: INDEX_VERSION,
    shards,
    blocks,
    chunks,
    chunkSize: CHUNK_SIZE,
    docs: columns,
    categories,
    issuers,
    traditional,
  };
  const bytes = json(index);
  const name = `m.${hashOf(bytes)}.json`;
  files.set(name, bytes);
  return { manifest: { version: INDEX_VERSION, index: name }, files };
}

/** Cuts a posting (flat, as counted) into blocks of consecutive documents of about BLOCK_BYTES, appended to `files`. */
function cut(flat: readonly number[], files: Uint8Array[]): Block[] {
  const blocks: Block[] = [];
  const close = (from: number, to: number) => {
    const bytes = encodeFlatPositions(flat, from, to);
    let docs = 0;
    let last = 0;
    for (let i = from; i < to; i++) if (flat[i]! < 0) [docs, last] = [docs + 1, -flat[i]! - 1];
    blocks.push({ file: files.push(bytes) - 1, first: -flat[from]! - 1, last, docs });
  };
  let from = 0;
  let size = 0;
  for (let i = 0; i < flat.length;) {
    let end = i + 1;
    while (end < flat.length && flat[end]! >= 0) end++;
    // Roughly the entry's encoded size: a byte for the gap and the count, two per position.
    size += 2 + 2 * (end - i - 1);
    i = end;
    if (size >= BLOCK_BYTES) {
      close(from, end);
      from = end;
      size = 0;
    }
  }
  if (from < flat.length) close(from, flat.length);
  return blocks;
}

type Dict = string | readonly (readonly [string, string])[];

function entries(dict: Dict): readonly (readonly string[])[] {
  if (typeof dict !== 'string') return dict;
  return dict === '' ? [] : dict.split('|').map((e) => e.split(' '));
}

/**
 * The characters that send a query through Traditional→Simplified conversion: every character
 * the converters change, alone or inside one of their dictionary's phrases (批覆 → 批复 though
 * 覆 alone is left as it is). Characters the dictionaries map to a variant and back (温 → 溫 → 温)
 * are not among them, so everyday Simplified queries never load the converter.
 */
export function traditionalChars(converters: readonly Converter[]): string {
  const candidates = new Set<string>();
  const phrases: string[] = [];
  for (const name of ['hk2s', 'tw2s']) {
    const config = configs[name]! as { normalizationChain?: readonly (readonly Dict[])[]; conversionChain: readonly (readonly Dict[])[] };
    for (const group of [...(config.normalizationChain ?? []), ...config.conversionChain])
      for (const dict of group)
        for (const [from] of entries(dict)) {
          const chars = [...from!];
          if (chars.length === 1) candidates.add(from!);
          else phrases.push(from!);
        }
  }
  const set = new Set<string>();
  for (const ch of candidates) if (converters.some((c) => c(ch) !== ch)) set.add(ch);
  for (const phrase of phrases) {
    const a = [...phrase];
    for (const convert of converters) {
      const b = [...convert(phrase)];
      if (a.length === b.length) a.forEach((ch, i) => ch !== b[i] && set.add(ch));
    }
  }
  return [...set].sort().join('');
}
