/**
 * Where a query occurs in one document's text, for showing a result: an excerpt with the
 * occurrences marked, the headings they fall under, and a text fragment (`#:~:text=`) that makes
 * the browser highlight the occurrence on the document page, which itself runs no script.
 */
import { normalizeWithMap } from './search-text.ts';

export interface Segment {
  text: string;
  mark: boolean;
}

export interface Excerpt {
  segments: Segment[];
  /** A text directive, without the leading `:~:text=`; '' when nothing in the text matched. */
  fragment: string;
}

export interface Section {
  /** The heading's anchor on the document page and its text. */
  slug: string;
  heading: string;
  excerpt: Excerpt;
}

export interface Occurrences {
  excerpt: Excerpt | null;
  sections: Section[];
}

/** Occurrences of any of the normalised needles in `text`, as merged ranges of `text`. */
export function findRanges(text: string, needles: readonly string[]): [number, number][] {
  const { text: norm, map } = normalizeWithMap(text);
  const ranges: [number, number][] = [];
  for (const needle of needles) {
    if (needle === '') continue;
    for (let at = norm.indexOf(needle); at >= 0; at = norm.indexOf(needle, at + 1)) {
      const last = map[at + needle.length - 1]!;
      ranges.push([map[at]!, last + (text.codePointAt(last)! > 0xffff ? 2 : 1)]);
    }
  }
  ranges.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const merged: [number, number][] = [];
  for (const r of ranges) {
    const prev = merged.at(-1);
    if (prev && r[0] <= prev[1]) prev[1] = Math.max(prev[1], r[1]);
    else merged.push([r[0], r[1]]);
  }
  return merged;
}

/** `text` split into marked and unmarked runs. */
export function highlight(text: string, ranges: readonly [number, number][]): Segment[] {
  const out: Segment[] = [];
  let at = 0;
  for (const [s, e] of ranges) {
    if (s > at) out.push({ text: text.slice(at, s), mark: false });
    out.push({ text: text.slice(s, e), mark: true });
    at = e;
  }
  if (at < text.length) out.push({ text: text.slice(at), mark: false });
  return out;
}

const CLAUSE_END = /[，。；：！？、,.;:!?“”‘’"《》〈〉（）()〔〕［］[\]【】\s]/u;

/**
 * A text directive for the occurrence at [s, e) of `text`. Browsers only match a directive at word
 * boundaries, and in Chinese a word boundary is a dictionary's guess, so the directive names the
 * whole clause around the occurrence, which punctuation bounds for certain.
 */
export function textDirective(text: string, s: number, e: number): string {
  let a = s;
  let b = e;
  while (a > 0 && !CLAUSE_END.test(text[a - 1]!)) a--;
  while (b < text.length && !CLAUSE_END.test(text[b]!)) b++;
  const clause = text.slice(a, b).trim();
  const enc = (t: string) => encodeURIComponent(t).replace(/-/g, '%2D');
  const chars = [...clause];
  if (chars.length <= 24) return enc(clause);
  return `${enc(chars.slice(0, 10).join(''))},${enc(chars.slice(-10).join(''))}`;
}

/** Roughly two lines of a result: the occurrence, with some text before it for context. */
function excerptOf(text: string, ranges: readonly [number, number][], width: number): Excerpt {
  const [s, e] = ranges[0]!;
  const before = Math.floor(width / 4);
  let from = Math.max(0, s - before);
  const to = Math.min(text.length, Math.max(e, from + width));
  if (to - from < width) from = Math.max(0, to - width);
  const inside = ranges.filter(([a, b]) => a >= from && b <= to).map(([a, b]): [number, number] => [a - from, b - from]);
  const segments = highlight(text.slice(from, to), inside);
  if (from > 0) segments.unshift({ text: '…', mark: false });
  if (to < text.length) segments.push({ text: '…', mark: false });
  return { segments, fragment: textDirective(text, s, e) };
}

/**
 * The occurrences of a query's terms (each a list of normalised variants) in a document's text:
 * the block with the most distinct terms gives the excerpt, and the first occurrence under each
 * other heading a sub-result.
 */
export function occurrences(
  paragraphs: readonly string[],
  headings: readonly [number, string][],
  terms: readonly (readonly string[])[],
  options: { width?: number; sections?: number } = {},
): Occurrences {
  const width = options.width ?? 100;
  const headingAt = new Map(headings);
  const blocks: { p: number; text: string; ranges: [number, number][]; terms: number }[] = [];
  paragraphs.forEach((para, p) => {
    for (const text of para.split('\t')) {
      let found = 0;
      const ranges = findRanges(
        text,
        terms.flatMap((variants) => {
          const some = variants.some((v) => findRanges(text, [v]).length > 0);
          if (some) found++;
          return some ? variants : [];
        }),
      );
      if (ranges.length > 0) blocks.push({ p, text, ranges, terms: found });
    }
  });
  if (blocks.length === 0) {
    // Found by its title or 文号 alone: the opening of the text says what the document is.
    const lead = paragraphs.find((p) => p.trim() !== '');
    if (!lead) return { excerpt: null, sections: [] };
    const chars = [...lead.replace(/\t/g, ' ')];
    const text = chars.slice(0, width).join('');
    return { excerpt: { segments: [{ text: chars.length > width ? `${text}…` : text, mark: false }], fragment: '' }, sections: [] };
  }

  let best = blocks[0]!;
  for (const b of blocks) if (b.terms > best.terms) best = b;
  const excerpt = excerptOf(best.text, best.ranges, width);

  const sorted = [...headings].sort((a, b) => a[0] - b[0]);
  const headingOf = (p: number) => {
    let h = -1;
    for (const [at] of sorted) if (at <= p) h = at;
    return h;
  };
  const sections: Section[] = [];
  // The excerpt already shows its own section.
  const seen = new Set<number>([headingOf(best.p)]);
  for (const b of blocks) {
    if (sections.length >= (options.sections ?? 3)) break;
    const h = headingOf(b.p);
    if (h < 0 || seen.has(h)) continue;
    seen.add(h);
    sections.push({ slug: headingAt.get(h)!, heading: paragraphs[h]!, excerpt: excerptOf(b.text, b.ranges, Math.floor(width * 0.6)) });
  }
  return { excerpt, sections };
}
