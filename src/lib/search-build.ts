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
  encodePositions,
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
 * a·CHARS + b: keys stay small integers, which a Map hashes many times faster than new strings.
 */
const CHARS = 1 << 15;

export function buildIndex(docs: readonly IndexInput[], traditional: string): IndexFiles {
  const ids = new Map<string, number>();
  const charOf: string[] = [];
  const idOf = (ch: string) => {
    let id = ids.get(ch);
    if (id === undefined) {
      if (charOf.length >= CHARS) throw new Error(`search index: more than ${CHARS} distinct characters`);
      ids.set(ch, (id = charOf.push(ch) - 1));
    }
    return id;
  };
  // Per bigram, one flat list for the whole archive: −(d + 1) opens document d, then its positions.
  // Millions of small [doc, positions] pairs would keep the garbage collector busy.
  const bigrams = new Map<number, number[]>();
  const chars = new Map<number, [number, number][]>();
  const columns: ManifestDocs = { id: [], date: [], year: [], category: [], issuer: [], titleEnd: [], numberEnd: [], length: [] };
  const categories: string[] = [];
  const issuers: string[] = [];
  const indexIn = (list: string[], v: string) => {
    const i = list.indexOf(v);
    return i >= 0 ? i : list.push(v) - 1;
  };

  docs.forEach((doc, d) => {
    const perChar = new Map<number, number>();
    const local = new Map<number, number[]>();
    const fields = fieldsOf(doc).map((f) => Array.from(normalize(f), idOf));
    let pos = 0;
    const ends: number[] = [];
    for (const cps of fields) {
      for (let i = 0; i < cps.length; i++) {
        perChar.set(cps[i]!, (perChar.get(cps[i]!) ?? 0) + 1);
        if (i + 1 < cps.length) {
          const key = cps[i]! * CHARS + cps[i + 1]!;
          const list = local.get(key);
          if (list) list.push(pos + i);
          else local.set(key, [pos + i]);
        }
      }
      pos += cps.length;
      ends.push(pos);
      // A gap between fields: no bigram spans it, so no match runs across two blocks.
      pos += 1;
    }
    for (const [key, positions] of local) {
      let list = bigrams.get(key);
      if (!list) bigrams.set(key, (list = []));
      list.push(-(d + 1));
      for (const p of positions) list.push(p);
    }
    for (const [ch, n] of perChar) {
      let list = chars.get(ch);
      if (!list) chars.set(ch, (list = []));
      list.push([d, n]);
    }
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
  for (const [key, flat] of bigrams) {
    const entries: [number, number[]][] = [];
    for (const x of flat) {
      if (x < 0) entries.push([-x - 1, []]);
      else entries.at(-1)![1].push(x);
    }
    const name = charOf[Math.floor(key / CHARS)]! + charOf[key % CHARS]!;
    const whole = encodePositions(entries);
    postings.set(name, whole.length <= BLOCK_BYTES ? whole : encodeBlocks(cut(entries, blockFiles)));
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

/** Cuts a posting into blocks of consecutive documents of about BLOCK_BYTES, appended to `files`. */
function cut(entries: readonly [number, number[]][], files: Uint8Array[]): Block[] {
  const blocks: Block[] = [];
  let from = 0;
  let size = 0;
  const close = (to: number) => {
    const part = entries.slice(from, to);
    blocks.push({ file: files.push(encodePositions(part)) - 1, first: part[0]![0], last: part.at(-1)![0], docs: part.length });
    from = to;
    size = 0;
  };
  entries.forEach(([, positions], i) => {
    // Roughly the entry's encoded size: a byte for the gap and the count, two per position.
    size += 2 + 2 * positions.length;
    if (size >= BLOCK_BYTES) close(i + 1);
  });
  if (from < entries.length) close(entries.length);
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
