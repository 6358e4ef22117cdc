/**
 * Exact search through Pagefind. Pagefind matches whole words, and its quoted search finds words
 * at consecutive positions; a Chinese text has no words. So a document is indexed as words of two
 * characters, each overlapping the next (温州市人 → 温州 州市 市人), and a query is sent as the
 * quoted phrase of its own pairs: the phrase occurs exactly where the query does. A field-end
 * marker keeps a phrase from running from one field into the next (as `fieldsOf` requires), and
 * each distinct character of the document follows as a word of its own, for one-character
 * queries.
 *
 * Both sides work on text already normalised by search-text.ts, and both encode it here, so the
 * words Pagefind stores and the words a query sends are the same strings. Characters Pagefind
 * would alter (it lowercases, strips diacritics and drops punctuation it is not told to keep) are
 * kept out of its way: punctuation is listed in `includeCharacters`, and any other character it
 * would change is sent as a private-use code point of its own.
 *
 * Everything Pagefind stores as metadata is searchable too; what results show is therefore stored
 * hex-encoded in one field (`META`), a single long word no query can produce.
 */

/** What Pagefind's search does to a query before looking it up (pagefind.js, 1.x). */
function pagefindFolds(ch: string): string {
  const lower = ch.toLowerCase().normalize('NFD');
  const stripped = lower.replace(/(?![\u3099\u309a])\p{M}/gu, '');
  return /[\u3099\u309a]/u.test(stripped) ? stripped.normalize('NFC') : stripped;
}

/** The double quote delimits Pagefind's phrase; text never holds its full-width form (normalize folds it). */
const QUOTE = '＂';

/** One normalised character as Pagefind is to see it. */
export function encodeChar(ch: string): string {
  if (ch === '"') return QUOTE;
  if (pagefindFolds(ch) === ch) return ch;
  const cp = ch.codePointAt(0)!;
  // Planes 15 and 16 are private use: one code point for each BMP character and each
  // supplementary one up to U+1FFFD (beyond that nothing is altered by Pagefind).
  return String.fromCodePoint(cp < 0x10000 ? 0xf0000 + cp : 0x100000 + cp - 0x10000);
}

/** Three characters: longer than any word a query sends (pairs and single characters). */
export const FIELD_END = QUOTE.repeat(3);

/**
 * Characters Pagefind must keep inside words: all punctuation but the double quote, which the
 * encoding replaces, and the private-use code points and symbols `text` uses.
 */
export function includeCharacters(text: Iterable<string>): string {
  const out = new Set<string>();
  for (let cp = 0x21; cp < 0x110000; cp++) {
    if (cp >= 0xd800 && cp < 0xe000) continue;
    const ch = String.fromCodePoint(cp);
    if (ch !== '"' && /\p{P}/u.test(ch)) out.add(ch);
  }
  for (const ch of text) if (!/[\p{L}\p{N}\s]/u.test(ch)) out.add(ch);
  return [...out].join('');
}

/** The words of one normalised string: its overlapping pairs. */
function pairs(chars: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i + 1 < chars.length; i++) out.push(chars[i]! + chars[i + 1]!);
  return out;
}

/** A record's content: each field's pairs and an end marker, then each distinct character once. */
export function pairContent(normalizedFields: readonly string[]): string {
  const words: string[] = [];
  const distinct = new Set<string>();
  for (const field of normalizedFields) {
    const chars = Array.from(field, encodeChar);
    for (const ch of chars) distinct.add(ch);
    words.push(...pairs(chars), FIELD_END);
  }
  words.push(...distinct);
  return words.join(' ');
}

/** The Pagefind query for one normalised term: the quoted phrase of its pairs, or the character. */
export function pairQuery(normalizedTerm: string): string | null {
  const chars = Array.from(normalizedTerm, encodeChar);
  if (chars.length === 0) return null;
  return `"${chars.length === 1 ? chars[0] : pairs(chars).join(' ')}"`;
}

/** The metadata field holding what results show (`encodeMeta`). */
export const META = 'd';

export function encodeMeta(value: unknown): string {
  const bytes = new TextEncoder().encode(JSON.stringify(value));
  // The leading letter keeps even an empty value longer than any query word.
  return 'x' + Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

export function decodeMeta<T>(encoded: string): T {
  const hex = encoded.slice(1);
  const bytes = new Uint8Array(hex.length / 2);
  for (let i = 0; i < bytes.length; i++) bytes[i] = parseInt(hex.slice(2 * i, 2 * i + 2), 16);
  return JSON.parse(new TextDecoder().decode(bytes)) as T;
}

/** Pagefind's language for these records: one that its search does not cut into words. */
export const PAIR_LANGUAGE = 'und';
