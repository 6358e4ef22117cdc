/**
 * What "contains" means for search, in one place for the index builder, the browser and the tests:
 * a document contains a query when one of its fields does after both are normalised here.
 *
 * - Whitespace never matters: PDF text breaks lines and letter-spaces headings at random.
 * - Full-width Latin letters, digits and punctuation equal their ASCII forms, and Latin letters
 *   ignore case, as find-in-page does.
 * - Every bracket a 文号 is printed or typed with (〔〕 [] ［］ () （） 【】 ﹝﹞ 〖〗) is one bracket, so
 *   温政办[2023]51号 finds 温政办〔2023〕51号.
 * - Every dash (hyphen, en and em dash, minus, full-width hyphen) is one dash, so ZJCC01–2023–0007
 *   finds the 规范性文件统一编号 ZJCC01-2023-0007.
 *
 * Each code point maps to at most one code point, so a position in normalised text always points
 * back to one character of the original (see `normalizeWithMap`).
 */

const OPEN = new Set([...'([{〔【〖〘〚﹝⦅｟']);
const CLOSE = new Set([...')]}〕】〗〙〛﹞⦆｠']);
const DASH = new Set([...'‐‑‒–—―−﹣﹘⁃']);
const SPACED_DASH = /\s*([-‐‑‒–—―−﹣﹘⁃－])\s*/gu;
// \s covers U+3000 (ideographic space) and U+00A0; the others are invisible format characters
// that text extracted from PDFs carries.
const INVISIBLE = /^[\s\u200b-\u200d\u2060\ufeff\u00ad]$/u;

/** The normalised form of one character, or '' when it is dropped. */
export function foldChar(ch: string): string {
  let cp = ch.codePointAt(0)!;
  // Most of the text: CJK Unified Ideographs, which no rule below changes.
  if (cp >= 0x4e00 && cp <= 0x9fff) return ch;
  if (INVISIBLE.test(ch)) return '';
  if (cp >= 0xff01 && cp <= 0xff5e) cp -= 0xfee0;
  let c = String.fromCodePoint(cp);
  if (OPEN.has(c)) return '(';
  if (CLOSE.has(c)) return ')';
  if (DASH.has(c)) return '-';
  if (cp >= 0x41 && cp <= 0x5a) c = c.toLowerCase();
  return c;
}

export function normalize(text: string): string {
  let out = '';
  for (const ch of text) out += foldChar(ch);
  return out;
}

/** Normalised text and, for each of its UTF-16 units, the offset of its source character. */
export function normalizeWithMap(text: string): { text: string; map: number[] } {
  let out = '';
  const map: number[] = [];
  let i = 0;
  for (const ch of text) {
    const f = foldChar(ch);
    for (let k = 0; k < f.length; k++) map.push(i);
    out += f;
    i += ch.length;
  }
  map.push(i);
  return { text: out, map };
}

/**
 * The searchable fields of a document, in index order: title, 文号, its text, then its other
 * printed identifier, the 规范性文件统一编号, as printed and without its dashes (ZJCC0120230007). A
 * paragraph is split at tabs because table cells are joined by a tab in the data export; like
 * find-in-page, a match never runs from one block (paragraph, heading, cell) into the next.
 */
export interface SearchableDocument {
  title: string | null;
  docNumber: string | null;
  paragraphs: readonly string[];
  normativeCode?: string | null;
}

export function fieldsOf(doc: SearchableDocument): string[] {
  const code = doc.normativeCode ? [doc.normativeCode, doc.normativeCode.replace(/[^\p{L}\p{N}]/gu, '')] : [];
  return [doc.title ?? '', doc.docNumber ?? '', ...doc.paragraphs.flatMap((p) => p.split('\t')), ...code];
}

/**
 * The longest query searched, in characters. Each pair of characters of a query may need a shard
 * of the index, so a pasted paragraph would fetch most of it; no title, 文号 or phrase a reader
 * looks for is longer than this.
 */
export const MAX_QUERY_CHARS = 50;

/** A query as searched: trimmed, and cut to MAX_QUERY_CHARS characters (`cut` says it was). */
export function boundQuery(query: string): { query: string; cut: boolean } {
  const chars = Array.from(query.trim());
  return chars.length > MAX_QUERY_CHARS
    ? { query: chars.slice(0, MAX_QUERY_CHARS).join('').trim(), cut: true }
    : { query: chars.join(''), cut: false };
}

/**
 * A query: terms separated by whitespace must all occur (AND). Text in quotes is one term, its
 * inner spaces ignored like any other whitespace. Terms are returned raw, before normalisation,
 * because converting Traditional characters needs the original text. Only the first
 * MAX_QUERY_CHARS characters count. A dash joins what stands on either side of it, spaced or
 * not, as a code is printed (ZJCC01 – 2023 – 0007 is one term).
 */
export function splitQuery(query: string): string[] {
  const terms: string[] = [];
  const re = /"([^"]*)"|“([^”]*)”|「([^」]*)」|『([^』]*)』|(\S+)/gu;
  for (const m of boundQuery(query).query.replace(SPACED_DASH, '$1').matchAll(re)) {
    const t = m[1] ?? m[2] ?? m[3] ?? m[4] ?? m[5] ?? '';
    if (normalize(t) !== '') terms.push(t);
  }
  return terms;
}

/** Converts Traditional Chinese to Simplified (opencc-js in practice); one per regional standard. */
export type Converter = (text: string) => string;

/**
 * True when the term has a character a Traditional→Simplified dictionary would convert, so the
 * (large) converter need only be loaded for such queries. `traditional` is that set of
 * characters, taken from the converter's own character dictionaries at build time.
 */
export function needsConversion(term: string, traditional: ReadonlySet<string>): boolean {
  for (const ch of term) if (traditional.has(ch)) return true;
  return false;
}

/**
 * The normalised strings a term stands for: itself, and its Simplified forms when it has
 * Traditional characters. Searching the term as typed too keeps find-in-page behaviour for the
 * rare character that is valid in both scripts.
 */
export function termVariants(term: string, traditional: ReadonlySet<string>, converters: readonly Converter[]): string[] {
  const forms = [term];
  if (needsConversion(term, traditional)) for (const convert of converters) forms.push(convert(term));
  return [...new Set(forms.map(normalize).filter((f) => f !== ''))];
}

/**
 * The reference definition of a match, which the index must reproduce exactly: every term has a
 * variant that occurs in one field. `fields` are `fieldsOf(doc).map(normalize)`.
 */
export function documentMatches(fields: readonly string[], variantsPerTerm: readonly (readonly string[])[]): boolean {
  return variantsPerTerm.every((variants) => variants.some((v) => fields.some((f) => f.includes(v))));
}
