/**
 * The exact-match index: its manifest, its binary shards and how a key picks its shard. Shared by
 * the build (which writes it) and the browser (which reads it), so the two cannot drift.
 *
 * The index is positional: for every pair of adjacent characters (bigram) inside one field of a
 * document it records where the pair occurs. A query of n ≥ 2 characters is found by checking
 * that the bigrams at offsets 0, 2, 4 … n−2 all occur at the right distances from one start, which
 * spells the query exactly, so no document text is needed to decide a match and every document
 * that contains the query is found. Single characters have their own per-document counts.
 *
 * Keys are spread over shards by a hash, so a query fetches only the shards of its own bigrams,
 * whatever the size of the archive. Every file but the manifest is deflated (raw DEFLATE, which
 * browsers inflate natively): document text shrinks to a third, and no server setting is needed.
 */

export const INDEX_VERSION = 2;

/**
 * `manifest.json`, the one file not named after its contents (so it cannot be cached for long, and
 * it is what the file:// snapshot loader reads as it is): only where the rest of the index is.
 * Everything that grows with the archive is in the deflated `Manifest` it points to, and no list
 * of shards is kept at all, since a key's shard follows from its hash.
 */
export interface StoredManifest {
  version: number;
  /** The `Manifest`, deflated JSON, relative to this file. */
  index: string;
}

export interface Manifest {
  version: number;
  /**
   * Shards are `shardName(i, shards)`; a key's shard is `shardOf(key, shards.count)`. One hash names
   * them all: a new issue changes the shard count, and with it nearly every shard, anyway.
   */
  shards: FileSet;
  /** The document-range blocks of the large postings (see `Shard`), `shardName(n, blocks, 'b')`. */
  blocks: FileSet;
  /**
   * Files with what results show (title, 文号 …), each for `chunkSize` consecutive documents: small,
   * because the results of one query may come from anywhere in the archive.
   */
  chunks: string[];
  chunkSize: number;
  docs: ManifestDocs;
  categories: string[];
  issuers: string[];
  /** Characters that make a query go through the Traditional→Simplified converter. */
  traditional: string;
}

export interface ManifestDocs {
  /** Document ids, in print order; everything else refers to a document by its position here. */
  id: string[];
  /** Sort key: the document's date, else its issue's (YYYY-MM-DD), else '' */
  date: string[];
  year: number[];
  /** Index into `categories`. */
  category: number[];
  /** Index into `issuers`, −1 when the document names none. */
  issuer: number[];
  /**
   * Where each field ends in the document's positions: the title occupies [0, titleEnd), the 文号
   * [titleEnd + 1, numberEnd), the text starts after numberEnd.
   */
  titleEnd: number[];
  numberEnd: number[];
  /** Characters of text, for length normalisation in ranking. */
  length: number[];
}

export interface FileSet {
  count: number;
  hash: string;
}

export function shardName(i: number, set: FileSet, prefix = 's'): string {
  return `${prefix}${i}.${set.hash}.bin`;
}

/** What a result shows, per document, from the display chunks. */
export interface DocDisplay {
  id: string;
  title: string;
  docNumber: string | null;
  /** 规范性文件编号: searched like the 文号, so shown (and marked) beside it. */
  normativeCode: string | null;
  issuer: string | null;
  category: string;
  date: string | null;
  issue: string;
  /** The document's text for excerpts (a `DocText`), relative to the manifest. */
  text: string;
}

/** A document's text as search shows it: the data export's paragraphs, and its headings. */
export interface DocText {
  paragraphs: string[];
  /** Index into `paragraphs` of each heading, and the heading's anchor on the document page. */
  headings: [number, string][];
}

export async function inflate(bytes: Uint8Array<ArrayBuffer>): Promise<Uint8Array<ArrayBuffer>> {
  const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream('deflate-raw'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

/** FNV-1a over UTF-16 code units: tiny, stable, and the same in Node and every browser. */
export function shardOf(key: string, shardCount: number): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    h ^= key.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0) % shardCount;
}

// Unsigned LEB128 varints: positions and document numbers are stored as small gaps.

export class ByteWriter {
  private buf: Uint8Array<ArrayBuffer> = new Uint8Array(64);
  length = 0;

  private room(n: number): void {
    if (this.length + n <= this.buf.length) return;
    let size = this.buf.length * 2;
    while (size < this.length + n) size *= 2;
    const next = new Uint8Array(size);
    next.set(this.buf.subarray(0, this.length));
    this.buf = next;
  }

  uint(n: number): void {
    this.room(5);
    while (n >= 0x80) {
      this.buf[this.length++] = (n & 0x7f) | 0x80;
      n >>>= 7;
    }
    this.buf[this.length++] = n;
  }

  bytes(b: Uint8Array): void {
    this.room(b.length);
    this.buf.set(b, this.length);
    this.length += b.length;
  }

  result(): Uint8Array<ArrayBuffer> {
    return this.buf.slice(0, this.length);
  }
}

export class ByteReader {
  readonly buf: Uint8Array;
  pos: number;
  constructor(buf: Uint8Array, pos = 0) {
    this.buf = buf;
    this.pos = pos;
  }

  uint(): number {
    let n = 0;
    let shift = 0;
    let b: number;
    do {
      b = this.buf[this.pos++]!;
      n += (b & 0x7f) * 2 ** shift;
      shift += 7;
    } while (b & 0x80);
    return n;
  }
}

/**
 * Where a bigram occurs: for the k-th document that has it, `docs[k]` and its positions,
 * `positions[starts[k]] … positions[starts[k + 1] − 1]`, ascending.
 */
export interface Positions {
  docs: Int32Array;
  starts: Int32Array;
  positions: Int32Array;
}

/** How often a character occurs in each document that has it. */
export interface Counts {
  docs: Int32Array;
  counts: Int32Array;
}

/*
 * Shard layout: uint keyCount, then per key (ascending): uint length (UTF-16 units), the units,
 * uint byteLength, the posting. A bigram's posting: uint docCount, then per document uint gap
 * from the previous document, uint positionCount, positions as gaps. A character's posting:
 * uint docCount, then per document uint gap, uint count.
 *
 * A large bigram posting (温州, 建设 … which grow with every issue) is cut into blocks of
 * consecutive documents, each a file of its own holding an ordinary posting; its shard then holds
 * only the blocks' directory: uint 0 (no posting has no documents), uint blockCount, then per
 * block uint file number, uint first document (as a gap from the previous block's last), uint
 * last − first, uint docCount. A query reads its rarest pair whole and, of the larger ones, only
 * the blocks that can still hold a match, so common pairs no longer cost a query their full size.
 */

export interface Block {
  file: number;
  first: number;
  last: number;
  docs: number;
}

export function encodePositions(entries: readonly [doc: number, positions: readonly number[]][]): Uint8Array<ArrayBuffer> {
  return encodeFlatPositions(entries.flatMap(([doc, positions]) => [-(doc + 1), ...positions]));
}

/**
 * The same posting from one flat list, where −(d + 1) opens document d and its positions follow:
 * how the index builder counts, without an array per document of every bigram.
 */
export function encodeFlatPositions(flat: readonly number[], from = 0, to = flat.length): Uint8Array<ArrayBuffer> {
  const w = new ByteWriter();
  let docs = 0;
  for (let i = from; i < to; i++) if (flat[i]! < 0) docs++;
  w.uint(docs);
  let prevDoc = 0;
  for (let i = from; i < to;) {
    const doc = -flat[i]! - 1;
    let end = i + 1;
    while (end < to && flat[end]! >= 0) end++;
    w.uint(doc - prevDoc);
    prevDoc = doc;
    w.uint(end - i - 1);
    let prev = 0;
    for (let k = i + 1; k < end; k++) {
      w.uint(flat[k]! - prev);
      prev = flat[k]!;
    }
    i = end;
  }
  return w.result();
}

export function encodeBlocks(blocks: readonly Block[]): Uint8Array<ArrayBuffer> {
  const w = new ByteWriter();
  w.uint(0);
  w.uint(blocks.length);
  let prev = 0;
  for (const b of blocks) {
    w.uint(b.file);
    w.uint(b.first - prev);
    w.uint(b.last - b.first);
    w.uint(b.docs);
    prev = b.last;
  }
  return w.result();
}

export function decodePositions(buf: Uint8Array, pos = 0): Positions {
  const r = new ByteReader(buf, pos);
  const n = r.uint();
  const docs = new Int32Array(n);
  const starts = new Int32Array(n + 1);
  const all: number[] = [];
  let doc = 0;
  for (let k = 0; k < n; k++) {
    doc += r.uint();
    docs[k] = doc;
    starts[k] = all.length;
    const count = r.uint();
    let p = 0;
    for (let i = 0; i < count; i++) {
      p += r.uint();
      all.push(p);
    }
  }
  starts[n] = all.length;
  return { docs, starts, positions: Int32Array.from(all) };
}

/** Postings of consecutive document ranges, in order, as one. */
export function concatPositions(parts: readonly Positions[]): Positions {
  if (parts.length === 1) return parts[0]!;
  const n = parts.reduce((a, p) => a + p.docs.length, 0);
  const docs = new Int32Array(n);
  const starts = new Int32Array(n + 1);
  const positions = new Int32Array(parts.reduce((a, p) => a + p.positions.length, 0));
  let k = 0;
  let at = 0;
  for (const p of parts) {
    docs.set(p.docs, k);
    for (let i = 0; i < p.docs.length; i++) starts[k + i] = p.starts[i]! + at;
    positions.set(p.positions, at);
    k += p.docs.length;
    at += p.positions.length;
  }
  starts[n] = at;
  return { docs, starts, positions };
}

export function encodeCounts(entries: readonly [doc: number, count: number][]): Uint8Array<ArrayBuffer> {
  const w = new ByteWriter();
  w.uint(entries.length);
  let prevDoc = 0;
  for (const [doc, count] of entries) {
    w.uint(doc - prevDoc);
    prevDoc = doc;
    w.uint(count);
  }
  return w.result();
}

export function encodeShard(postings: ReadonlyMap<string, Uint8Array>): Uint8Array<ArrayBuffer> {
  const w = new ByteWriter();
  const keys = [...postings.keys()].sort();
  w.uint(keys.length);
  for (const key of keys) {
    w.uint(key.length);
    for (let i = 0; i < key.length; i++) w.uint(key.charCodeAt(i));
    const p = postings.get(key)!;
    w.uint(p.length);
    w.bytes(p);
  }
  return w.result();
}

/** A loaded shard: its key table is read at once, a posting only when a query asks for it. */
export class Shard {
  private readonly table = new Map<string, [start: number, end: number]>();
  private readonly positionsCache = new Map<string, Positions | Block[]>();
  private readonly countsCache = new Map<string, Counts>();
  private readonly buf: Uint8Array;

  constructor(buf: Uint8Array) {
    this.buf = buf;
    const r = new ByteReader(buf);
    const n = r.uint();
    for (let k = 0; k < n; k++) {
      const len = r.uint();
      const units: number[] = [];
      for (let i = 0; i < len; i++) units.push(r.uint());
      const size = r.uint();
      this.table.set(String.fromCharCode(...units), [r.pos, r.pos + size]);
      r.pos += size;
    }
  }

  has(key: string): boolean {
    return this.table.has(key);
  }

  /** A bigram's posting, or the directory of its blocks when it is cut into blocks. */
  positions(key: string): Positions | Block[] | undefined {
    const cached = this.positionsCache.get(key);
    if (cached) return cached;
    const at = this.table.get(key);
    if (!at) return undefined;
    let result: Positions | Block[];
    if (this.buf[at[0]] !== 0) result = decodePositions(this.buf, at[0]);
    else {
      const r = new ByteReader(this.buf, at[0] + 1);
      result = [];
      let last = 0;
      for (let k = r.uint(); k > 0; k--) {
        const file = r.uint();
        const first = last + r.uint();
        last = first + r.uint();
        result.push({ file, first, last, docs: r.uint() });
      }
    }
    this.positionsCache.set(key, result);
    return result;
  }

  counts(key: string): Counts | undefined {
    const cached = this.countsCache.get(key);
    if (cached) return cached;
    const at = this.table.get(key);
    if (!at) return undefined;
    const r = new ByteReader(this.buf, at[0]);
    const n = r.uint();
    const docs = new Int32Array(n);
    const counts = new Int32Array(n);
    let doc = 0;
    for (let k = 0; k < n; k++) {
      doc += r.uint();
      docs[k] = doc;
      counts[k] = r.uint();
    }
    const result = { docs, counts };
    this.countsCache.set(key, result);
    return result;
  }
}
