/**
 * Exact search over the index of search-index.ts, in the browser (or in Node, for tests). Where
 * the index comes from is the loader's business, so the same engine can run from a web server
 * (fetch) or, later, from files on a disk (script tags).
 *
 * A document matches when every term of the query occurs in one of its fields, in the sense of
 * search-text.ts; the index answers that exactly, without reading document text.
 */
import {
  type Block,
  concatPositions,
  decodePositions,
  type DocDisplay,
  type DocText,
  INDEX_VERSION,
  inflate,
  type Manifest,
  type Positions,
  Shard,
  shardName,
  shardOf,
  type StoredManifest,
} from './search-index.ts';
import { type Converter, needsConversion, splitQuery, termVariants } from './search-text.ts';

export interface Loader {
  /** `manifest.json`, as stored. */
  manifest(): Promise<StoredManifest>;
  /** A file named in the manifest (a shard, a display chunk or a text), as stored. */
  file(name: string): Promise<Uint8Array<ArrayBuffer>>;
  /** Traditional→Simplified converters, loaded only for queries that need them. */
  converters(): Promise<Converter[]>;
}

export type Sort = 'relevance' | 'newest' | 'oldest';

export interface Filters {
  year?: readonly number[];
  category?: readonly string[];
  issuer?: readonly string[];
}

export interface Hit {
  doc: number;
  id: string;
  score: number;
  /** Occurrences of the terms in the title, the 文号 and the text. */
  title: number;
  number: number;
  body: number;
}

export interface Facet<T> {
  value: T;
  count: number;
}

export interface SearchResult {
  /** Per term, the normalised strings it matches (the term and its Simplified forms). */
  terms: string[][];
  /** Matching documents after filters, best first (or by date). */
  hits: Hit[];
  /** Documents matching the query before filters. */
  matched: number;
  facets: { year: Facet<number>[]; category: Facet<string>[]; issuer: Facet<string>[] };
}

interface TermDocs {
  title: number;
  number: number;
  body: number;
  exactNumber: boolean;
}

export class SearchEngine {
  private manifestP: Promise<Manifest> | undefined;
  private readonly shards = new Map<string, Promise<Shard>>();
  private readonly blocks = new Map<number, Promise<Positions>>();
  private readonly chunks = new Map<number, Promise<DocDisplay[]>>();
  private readonly texts = new Map<string, Promise<DocText>>();
  private convertersP: Promise<Converter[]> | undefined;
  private readonly loader: Loader;

  constructor(loader: Loader) {
    this.loader = loader;
  }

  manifest(): Promise<Manifest> {
    // A failed load is forgotten, so the next search tries again (a network blip is not fatal).
    this.manifestP ??= this.loadManifest().catch((e: unknown) => {
      this.manifestP = undefined;
      throw e;
    });
    return this.manifestP;
  }

  private async loadManifest(): Promise<Manifest> {
    const stored = await this.loader.manifest();
    if (stored.version !== INDEX_VERSION) throw new Error(`search index version ${stored.version}, expected ${INDEX_VERSION}`);
    return JSON.parse(new TextDecoder().decode(await this.read(stored.index))) as Manifest;
  }

  private async read(name: string): Promise<Uint8Array<ArrayBuffer>> {
    return inflate(await this.loader.file(name));
  }

  private async shard(key: string): Promise<Shard> {
    const m = await this.manifest();
    const name = shardName(shardOf(key, m.shards.count), m.shards);
    let p = this.shards.get(name);
    if (!p) {
      p = this.read(name).then((b) => new Shard(b));
      p.catch(() => this.shards.delete(name));
      this.shards.set(name, p);
    }
    return p;
  }

  private block(m: Manifest, file: number): Promise<Positions> {
    let p = this.blocks.get(file);
    if (!p) {
      p = this.read(shardName(file, m.blocks, 'b')).then((b) => decodePositions(b));
      p.catch(() => this.blocks.delete(file));
      this.blocks.set(file, p);
    }
    return p;
  }

  private converters(): Promise<Converter[]> {
    this.convertersP ??= this.loader.converters().catch((e: unknown) => {
      this.convertersP = undefined;
      throw e;
    });
    return this.convertersP;
  }

  /** The normalised variants of each term of a query. */
  async terms(query: string): Promise<string[][]> {
    const m = await this.manifest();
    const traditional = new Set(m.traditional);
    const raw = splitQuery(query);
    const converters = raw.some((t) => needsConversion(t, traditional)) ? await this.converters() : [];
    const seen = new Set<string>();
    const out: string[][] = [];
    for (const t of raw) {
      const v = termVariants(t, traditional, converters);
      const key = v.join('\n');
      if (v.length > 0 && !seen.has(key)) {
        seen.add(key);
        out.push(v);
      }
    }
    return out;
  }

  /**
   * Fetches what a search for `query` will need (the manifest, the converter, the shards of its
   * character pairs), so that a search started while the reader types finishes sooner.
   */
  async prepare(query: string): Promise<void> {
    // Matching itself is quick; what takes time is fetching, and the blocks a query needs are
    // known only once its pairs' shards are in, so the surest way to fetch them is to match.
    const [m, terms] = await Promise.all([this.manifest(), this.terms(query)]);
    await Promise.all(terms.map((variants) => this.matchTerm(m, variants)));
  }

  async search(query: string, options: { filters?: Filters; sort?: Sort } = {}): Promise<SearchResult> {
    const [m, terms] = await Promise.all([this.manifest(), this.terms(query)]);
    if (terms.length === 0) return { terms, hits: [], matched: 0, facets: { year: [], category: [], issuer: [] } };

    const perTerm = await Promise.all(terms.map((variants) => this.matchTerm(m, variants)));
    perTerm.sort((a, b) => a.size - b.size);
    const docs = [...perTerm[0]!.keys()].filter((d) => perTerm.every((t) => t.has(d)));

    const n = m.docs.id.length;
    const avgLength = m.docs.length.reduce((a, b) => a + b, 0) / Math.max(1, n);
    const all: Hit[] = docs.map((d) => {
      let score = 0;
      let title = 0;
      let number = 0;
      let body = 0;
      for (const t of perTerm) {
        const x = t.get(d)!;
        title += x.title;
        number += x.number;
        body += x.body;
        // BM25 on the text, plus fixed rewards for the fields a reader searches by: a 文号 is
        // looked up to find the document it names, not the ones that cite it.
        const idf = Math.log(1 + (n - t.size + 0.5) / (t.size + 0.5));
        const k1 = 1.2;
        const norm = k1 * (0.25 + (0.75 * m.docs.length[d]!) / Math.max(1, avgLength));
        score += idf * ((x.body * (k1 + 1)) / (x.body + norm));
        if (x.title > 0) score += 2 + idf;
        if (x.number > 0) score += x.exactNumber ? 20 : 10;
      }
      return { doc: d, id: m.docs.id[d]!, score, title, number, body };
    });

    const facets = {
      year: facet(all.map((h) => m.docs.year[h.doc]!)).sort((a, b) => b.value - a.value),
      category: facet(all.map((h) => m.categories[m.docs.category[h.doc]!]!)),
      issuer: facet(all.flatMap((h) => (m.docs.issuer[h.doc]! >= 0 ? [m.issuers[m.docs.issuer[h.doc]!]!] : []))),
    };

    const f = options.filters ?? {};
    const hits = all.filter(
      (h) =>
        (!f.year?.length || f.year.includes(m.docs.year[h.doc]!)) &&
        (!f.category?.length || f.category.includes(m.categories[m.docs.category[h.doc]!]!)) &&
        (!f.issuer?.length || f.issuer.includes(m.issuers[m.docs.issuer[h.doc]!] ?? '')),
    );
    const date = (h: Hit) => m.docs.date[h.doc]!;
    const sort = options.sort ?? 'relevance';
    hits.sort((a, b) => {
      if (sort === 'relevance' && a.score !== b.score) return b.score - a.score;
      if (date(a) !== date(b)) return (sort === 'oldest' ? 1 : -1) * (date(a) < date(b) ? -1 : 1);
      return sort === 'oldest' ? a.doc - b.doc : b.doc - a.doc;
    });
    return { terms, hits, matched: all.length, facets };
  }

  /** Documents containing one of the variants, with where the occurrences fall. */
  private async matchTerm(m: Manifest, variants: readonly string[]): Promise<Map<number, TermDocs>> {
    const out = new Map<number, TermDocs>();
    const found = await Promise.all(variants.map((v) => this.matchVariant(m, v)));
    for (const map of found)
      for (const [d, x] of map) {
        const y = out.get(d);
        if (!y) out.set(d, x);
        else {
          y.title += x.title;
          y.number += x.number;
          y.body += x.body;
          y.exactNumber ||= x.exactNumber;
        }
      }
    return out;
  }

  private async matchVariant(m: Manifest, variant: string): Promise<Map<number, TermDocs>> {
    const cps = [...variant];
    const out = new Map<number, TermDocs>();
    if (cps.length === 1) {
      const counts = (await this.shard(variant)).counts(variant);
      if (counts) counts.docs.forEach((d, k) => out.set(d, { title: 0, number: 0, body: counts.counts[k]!, exactNumber: false }));
      return out;
    }

    const offsets: number[] = [];
    for (let o = 0; o + 2 <= cps.length; o += 2) offsets.push(o);
    if (offsets.at(-1) !== cps.length - 2) offsets.push(cps.length - 2);
    const keys = offsets.map((o) => cps[o]! + cps[o + 1]!);
    const shards = await Promise.all(keys.map((k) => this.shard(k)));
    const postings: (Positions | Block[])[] = [];
    for (let i = 0; i < keys.length; i++) {
      const p = shards[i]!.positions(keys[i]!);
      if (!p) return out;
      postings.push(p);
    }

    // Rarest pair first: each larger one is then read only in the blocks that hold documents
    // still in the running, so a query pays for a common pair only where a rare one occurs.
    const size = (p: Positions | Block[]) => (Array.isArray(p) ? p.reduce((n, b) => n + b.docs, 0) : p.docs.length);
    const order = offsets.map((_, i) => i).sort((a, b) => size(postings[a]!) - size(postings[b]!));
    const lists: Positions[] = [];
    let candidates: Int32Array | undefined;
    for (const i of order) {
      const p = postings[i]!;
      let l: Positions;
      if (Array.isArray(p)) {
        const c = candidates;
        const need = c ? p.filter((b) => lowerBound(c, b.first) < c.length && c[lowerBound(c, b.first)]! <= b.last) : p;
        l = concatPositions(await Promise.all(need.map((b) => this.block(m, b.file))));
      } else l = p;
      lists[i] = l;
      candidates = candidates ? candidates.filter((d) => search(l.docs, d, 0, l.docs.length) >= 0) : l.docs;
      if (candidates.length === 0) return out;
    }

    for (const d of candidates!) {
      const ranges: [Int32Array, number, number][] = [];
      for (let i = 0; i < lists.length; i++) {
        const l = lists[i]!;
        const at = search(l.docs, d, 0, l.docs.length);
        ranges[i] = [l.positions, l.starts[at]!, l.starts[at + 1]!];
      }
      // Anchor on the bigram with the fewest positions in this document.
      let anchor = 0;
      for (let i = 1; i < ranges.length; i++) if (ranges[i]![2] - ranges[i]![1] < ranges[anchor]![2] - ranges[anchor]![1]) anchor = i;
      const [ap, as, ae] = ranges[anchor]!;
      const x: TermDocs = { title: 0, number: 0, body: 0, exactNumber: false };
      const titleEnd = m.docs.titleEnd[d]!;
      const numberEnd = m.docs.numberEnd[d]!;
      for (let j = as; j < ae; j++) {
        const start = ap[j]! - offsets[anchor]!;
        let all = start >= 0;
        for (let i = 0; all && i < ranges.length; i++) {
          if (i === anchor) continue;
          const [p, s, e] = ranges[i]!;
          all = search(p, start + offsets[i]!, s, e) >= 0;
        }
        if (!all) continue;
        if (start < titleEnd) x.title++;
        else if (start < numberEnd) {
          x.number++;
          if (start === titleEnd + 1 && start + cps.length === numberEnd) x.exactNumber = true;
        } else x.body++;
      }
      if (x.title + x.number + x.body > 0) out.set(d, x);
    }
    return out;
  }

  /** What results show about the documents at these positions of the manifest. */
  async display(docs: readonly number[]): Promise<DocDisplay[]> {
    const m = await this.manifest();
    const need = [...new Set(docs.map((d) => Math.floor(d / m.chunkSize)))];
    await Promise.all(need.map((c) => this.chunk(m, c)));
    return Promise.all(docs.map(async (d) => (await this.chunk(m, Math.floor(d / m.chunkSize)))[d % m.chunkSize]!));
  }

  /** A document's text and headings, for excerpts. */
  async text(d: DocDisplay): Promise<DocText> {
    let p = this.texts.get(d.text);
    if (!p) {
      p = this.read(d.text).then((b) => JSON.parse(new TextDecoder().decode(b)) as DocText);
      p.catch(() => this.texts.delete(d.text));
      this.texts.set(d.text, p);
    }
    return p;
  }

  private chunk(m: Manifest, c: number): Promise<DocDisplay[]> {
    let p = this.chunks.get(c);
    if (!p) {
      p = this.read(m.chunks[c]!).then((b) => JSON.parse(new TextDecoder().decode(b)) as DocDisplay[]);
      p.catch(() => this.chunks.delete(c));
      this.chunks.set(c, p);
    }
    return p;
  }
}

function facet<T>(values: readonly T[]): Facet<T>[] {
  const counts = new Map<T, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts].map(([value, count]) => ({ value, count })).sort((a, b) => b.count - a.count);
}

/** The first index of the ascending `a` whose value is ≥ x. */
function lowerBound(a: Int32Array, x: number): number {
  let lo = 0;
  let hi = a.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (a[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Index of `x` in the ascending `a[from, to)`, or −1. */
function search(a: Int32Array, x: number, from: number, to: number): number {
  let lo = from;
  let hi = to - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const v = a[mid]!;
    if (v < x) lo = mid + 1;
    else if (v > x) hi = mid - 1;
    else return mid;
  }
  return -1;
}

/** Reads the index over HTTP from `base` (the URL of the folder holding the manifest). */
export function fetchLoader(base: string, converters: () => Promise<Converter[]>): Loader {
  const get = async (name: string) => {
    const res = await fetch(new URL(name, base));
    if (!res.ok) throw new Error(`${name}: HTTP ${res.status}`);
    return res;
  };
  return {
    manifest: async () => (await get('manifest.json')).json() as Promise<StoredManifest>,
    file: async (name) => new Uint8Array(await (await get(name)).arrayBuffer()),
    converters,
  };
}
