/**
 * Search queries generated from a built archive, with the documents each must find: the ground
 * truth is computed from the data export (`data/documents/<id>.json`: title, 文号, paragraphs), not
 * from the search index, by the definition of a match in src/lib/search-text.ts.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import OpenCC from 'opencc-js';
import { traditionalChars } from '../../src/lib/search-build.ts';
import { openccConverters } from '../../src/lib/search-opencc.ts';
import { type Converter, documentMatches, fieldsOf, normalize, splitQuery, termVariants } from '../../src/lib/search-text.ts';
import { random } from './random.ts';

export interface ExportedDoc {
  id: string;
  title: string | null;
  docNumber: string | null;
  normativeCode?: string | null;
  issuer: string | null;
  category: string;
  date: string | null;
  issue: { year: number; number: number };
  paragraphs: string[];
}

export type QueryKind = 'substring' | 'spaced' | 'docNumber' | 'name' | 'rare' | 'common' | 'nowhere' | 'traditional' | 'and' | 'latin';

export interface Query {
  q: string;
  kind: QueryKind;
}

export function readExport(siteDir: string): ExportedDoc[] {
  const dir = join(siteDir, 'data', 'documents');
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => JSON.parse(readFileSync(join(dir, f), 'utf8')) as ExportedDoc);
}

export class Truth {
  private readonly fields: string[][];
  private readonly traditional: Set<string>;
  readonly docs: readonly ExportedDoc[];
  private readonly converters: Converter[];

  private constructor(docs: readonly ExportedDoc[], converters: Converter[]) {
    this.docs = docs;
    this.converters = converters;
    this.traditional = new Set(traditionalChars(converters));
    this.fields = docs.map((d) => fieldsOf(d).map(normalize));
  }

  static async of(docs: readonly ExportedDoc[]): Promise<Truth> {
    return new Truth(docs, await openccConverters());
  }

  /** Ids of the documents that contain every term of `q`, sorted. */
  expected(q: string): string[] {
    const terms = splitQuery(q).map((t) => termVariants(t, this.traditional, this.converters));
    if (terms.length === 0) return [];
    return this.docs.filter((_, i) => documentMatches(this.fields[i]!, terms)).map((d) => d.id);
  }

  /** How many documents contain this normalised string. */
  df(s: string): number {
    return this.fields.filter((f) => f.some((x) => x.includes(s))).length;
  }
}

const isHanOrAlnum = (c: string) => /[\p{Script=Han}\p{L}\p{N}]/u.test(c);

/**
 * A mix of what readers type: substrings of 2–10 characters (some as printed, with spaces), every
 * 文号 in every common notation, names, terms of one document and of many, AND queries, queries in
 * Traditional characters, Latin and digits, and strings that occur nowhere.
 */
export function generateQueries(truth: Truth, count: number, seed = 1): Query[] {
  const rnd = random(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const docs = truth.docs;
  const texts = docs.map((d) => fieldsOf(d).filter((f) => normalize(f).length >= 2));
  const out: Query[] = [];
  const seen = new Set<string>();
  const add = (q: string, kind: QueryKind) => {
    if (q.trim() === '' || seen.has(q)) return;
    seen.add(q);
    out.push({ q, kind });
  };

  /** A substring of normalised text, starting on a letter, digit or Han character. */
  const substring = (min: number, max: number): string => {
    for (;;) {
      const field = [...normalize(pick(pick(texts.filter((t) => t.length > 0))))];
      const len = Math.min(field.length, min + Math.floor(rnd() * (max - min + 1)));
      if (len < min) continue;
      const at = Math.floor(rnd() * (field.length - len + 1));
      const s = field.slice(at, at + len);
      if (isHanOrAlnum(s[0]!)) return s.join('');
    }
  };

  for (const d of docs) {
    if (!d.docNumber) continue;
    const n = d.docNumber;
    add(n, 'docNumber');
    const m = /^(.*?)[〔[［(（]\s*(\d{4})\s*[〕\]］)）]\s*(\d+)\s*号?$/u.exec(n);
    if (m) {
      const [, org, year, num] = m;
      for (const [a, b] of [
        ['[', ']'],
        ['［', '］'],
        ['(', ')'],
        ['（', '）'],
      ])
        add(`${org}${a}${year}${b}${num}号`, 'docNumber');
      add(`${org}〔${year}〕${num}`, 'docNumber');
    }
  }

  // Names: who is appointed or removed (人事任免), officials in the chronicle, issuing bodies.
  for (const d of docs) {
    for (const p of d.paragraphs) {
      for (const m of p.matchAll(/^([\p{Script=Han}]{2,3}?)(?:任|不再担任|免去)/gu)) add(m[1]!, 'name');
      for (const m of p.matchAll(/(?:副市长|市长|秘书长)([\p{Script=Han}]{3})/gu)) add(m[1]!, 'name');
    }
    if (d.issuer) add(d.issuer, 'name');
  }

  const quota = (share: number) => Math.max(1, Math.round(count * share));
  const until = (n: number, kind: QueryKind, make: () => string | undefined, tries = n * 50) => {
    const start = out.filter((q) => q.kind === kind).length;
    for (let i = 0; i < tries && out.filter((q) => q.kind === kind).length - start < n; i++) {
      const q = make();
      if (q !== undefined) add(q, kind);
    }
  };

  until(quota(0.3), 'substring', () => substring(2, 10));
  until(quota(0.05), 'spaced', () => {
    // As printed in a letter-spaced heading, or typed with a space: still one phrase when quoted.
    const s = [...substring(3, 6)];
    return `"${s.join(' ')}"`;
  });
  until(quota(0.1), 'rare', () => {
    const s = substring(2, 6);
    return truth.df(s) === 1 ? s : undefined;
  });
  until(quota(0.1), 'common', () => {
    const s = substring(2, 4);
    return truth.df(s) >= Math.min(10, Math.ceil(docs.length / 4)) ? s : undefined;
  });
  until(quota(0.1), 'and', () => `${substring(2, 4)} ${substring(2, 4)}`);
  until(quota(0.05), 'latin', () => {
    const s = substring(2, 8);
    return /[a-z0-9]/u.test(s) ? s : undefined;
  });
  const toTraditional = OpenCC.Converter({ from: 'cn', to: 'hk' });
  until(quota(0.1), 'traditional', () => {
    const s = substring(2, 6);
    const t = toTraditional(s);
    return t !== s ? t : undefined;
  });
  until(quota(0.1), 'nowhere', () => {
    const s = [...substring(4, 8)];
    const a = Math.floor(rnd() * (s.length - 1));
    [s[a], s[a + 1]] = [s[a + 1]!, s[a]!];
    const q = s.join('');
    return truth.df(normalize(q)) === 0 ? q : undefined;
  });
  // Top up with plain substrings if a kind ran short on a small archive.
  until(count - out.length, 'substring', () => substring(2, 10));
  return out;
}
