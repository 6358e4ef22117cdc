/**
 * Stage 2 (raw PDF text) — pages: where the printed pages begin, which lines are their furniture
 * (page numbers, running headers) and which page numbers they bear.
 *
 * A PDF text extraction marks a new page by a line that starts with a single space, or by the
 * page's furniture. Furniture is found by its position and form, not by its words: a page number
 * (`·  23  ·`, `— 23 —`, `- 23 -`, `第23页`, or a bare number next to a header) alone on a line or
 * at either end of a header; a running header is a short line without clause punctuation that
 * names the issue (2023年第4期, 总第248期) or the gazette (…公报), or that stands next to a page
 * number in the same shape more than once (its number aside).
 *
 * A page number printed before a header is the footer of the page that ends; one after a header,
 * or on its line, numbers the page that begins. Furniture ends its page where the extraction marks
 * no break. Every printed number anchors the count of pages: the pages between two anchors that
 * agree with the count are numbered by counting, and so are the pages before the first and after
 * the last; where two anchors disagree (a page break the extraction lost), the pages between them
 * go without a number, and a warning says so.
 */
import type { VFile } from 'vfile';
import { CLAUSE_MARK, compact } from './conventions.ts';
import { RULES, warn } from './messages.ts';

export interface Page {
  /** Index of the page's first line (0-based). */
  start: number;
  end: number;
  /** Printed page number, where known or inferred. */
  number: number | null;
}

export type FurnitureReason = 'page number' | 'running header';

export interface Paging {
  pages: Page[];
  /** Lines (0-based) that are page furniture, with what they are. */
  furniture: Map<number, FurnitureReason>;
}

/** `·  23  ·` as the 公报 prints it, `— 23 —` as GB/T 9704 prints a document's, `- 23 -`, `第23页`. */
export const PAGE_NUMBER = /^\s*(?:[·•]\s*(\d{1,3})\s*[·•]|[—–－-]\s*(\d{1,3})\s*[—–－-]|第\s*(\d{1,3})\s*页)\s*$/u;
const BARE_NUMBER = /^\s*(\d{1,3})\s*$/u;
/** A number at either end of a header line, set off by two or more spaces. */
const NUMBER_TOKEN = String.raw`(?:[·•]\s*\d{1,3}\s*[·•]|[—–－-]\s*\d{1,3}\s*[—–－-]|第\s*\d{1,3}\s*页|\d{1,3})`;
const NUMBER_AT_END = new RegExp(String.raw`^(.*\S)[ \u3000]{2,}(${NUMBER_TOKEN})\s*$`, 'u');
const NUMBER_AT_START = new RegExp(String.raw`^\s*(${NUMBER_TOKEN})[ \u3000]{2,}(\S.*)$`, 'u');
/** One space before a page's first line, whether that line is indented with full-width spaces or not. */
const PAGE_START = /^ (?:\S|\u3000)/u;

/** The issue as a header names it: 2023年第4期, （总第248期）; 第4期 only beside the gazette's name. */
const ISSUE_NO = /[（(]?\s*总第\s*\d+\s*期\s*[）)]?|\d{4}\s*年\s*第\s*\d{1,2}\s*期/gu;
const SHORT_ISSUE_NO = /第\s*\d{1,2}\s*期/gu;
const GAZETTE_NAME = /(?!期)\p{Script=Han}{2,16}公报/gu;
/** A header is a few words: what is left beside the issue and the gazette's name is a section's name. */
const SECTION_NAME = /^\p{Script=Han}{0,8}$/u;

const numberIn = (s: string): number | null => {
  const m = PAGE_NUMBER.exec(s);
  return m ? Number(m[1] ?? m[2] ?? m[3]) : null;
};

/** A short line without clause punctuation: the only kind of line furniture is. */
function isShort(s: string): boolean {
  const t = compact(s);
  return t.length > 0 && t.length <= 40 && !CLAUSE_MARK.test(t) && !/[《》“”]/u.test(t);
}

/** A running header read alone: a short line naming the issue or the gazette and little else. */
export function namesIssue(s: string): boolean {
  if (!isShort(s)) return false;
  const t = compact(s).replace(/\s+/gu, '');
  const dated = t.replace(ISSUE_NO, '');
  const named = dated.replace(GAZETTE_NAME, '');
  const rest = named === dated ? dated : named.replace(SHORT_ISSUE_NO, '');
  return rest.length < t.length && SECTION_NAME.test(rest);
}

/** The shape of a header line, its numbers aside: headers of several pages share it. */
const shapeOf = (s: string): string => compact(s).replace(/\s+/gu, '').replace(/\d+/gu, '#');

interface Found {
  line: number;
  /** The printed number, where the line carries one. */
  number?: number;
  header: boolean;
}

/** A line that is a page number, a header, or a header with its number at one end. */
function readFurniture(s: string, headerShapes: ReadonlySet<string>): { number: number | null; header: boolean } | null {
  const n = numberIn(s);
  if (n !== null) return { number: n, header: false };
  const isHeader = (h: string): boolean => namesIssue(h) || headerShapes.has(shapeOf(h));
  if (isHeader(s)) return { number: null, header: true };
  for (const re of [NUMBER_AT_END, NUMBER_AT_START]) {
    const m = re.exec(s);
    if (!m) continue;
    const [text, token] = re === NUMBER_AT_END ? [m[1]!, m[2]!] : [m[2]!, m[1]!];
    const number = numberIn(token) ?? (BARE_NUMBER.test(token) ? Number(token) : null);
    if (number !== null && isHeader(text)) return { number, header: true };
  }
  return null;
}

/** Shapes of short lines that stand next to a page number on two or more pages. */
function headerShapes(lines: readonly string[], next: (i: number, step: 1 | -1) => number): Set<string> {
  const seen = new Map<string, number>();
  lines.forEach((l, i) => {
    if (numberIn(l) === null) return;
    for (const step of [1, -1] as const) {
      const j = next(i, step);
      // A page's furniture is one header and its number: where the header naming the issue stands on
      // the number's other side, the line on this side is text (a title's last line at the foot of its page).
      const other = next(i, step === 1 ? -1 : 1);
      if (other >= 0 && namesIssue(lines[other]!)) continue;
      // A header recurs with its number changing, if any: a line of several numbers (a date) is text,
      // and so is a character or two (a table torn into one character per line).
      const words = lines[j] === undefined ? '' : compact(lines[j]!);
      if (j < 0 || words.length < 4 || !isShort(words) || numberIn(words) !== null || (words.match(/\d+/gu)?.length ?? 0) > 1) continue;
      const shape = shapeOf(lines[j]!);
      seen.set(shape, (seen.get(shape) ?? 0) + 1);
    }
  });
  return new Set([...seen].filter(([, n]) => n >= 2).map(([shape]) => shape));
}

export function splitPages(lines: readonly string[], file?: VFile): Paging {
  /** The next non-blank line from `i` in direction `step`, or -1. */
  const next = (i: number, step: 1 | -1): number => {
    for (let j = i + step; j >= 0 && j < lines.length; j += step) if (lines[j]!.trim()) return j;
    return -1;
  };
  const shapes = headerShapes(lines, next);
  const found: Found[] = [];
  lines.forEach((l, i) => {
    if (!l.trim()) return;
    const f = readFurniture(l, shapes);
    if (f) found.push({ line: i, header: f.header, ...(f.number !== null && { number: f.number }) });
  });
  // A bare number is a page number only beside a header that has no number of its own, on its line or beside it.
  const byLine = new Map(found.map((f) => [f.line, f]));
  const numbered = (h: number): boolean =>
    byLine.get(h)?.number !== undefined || byLine.get(next(h, 1))?.number !== undefined || byLine.get(next(h, -1))?.number !== undefined;
  const lone = (h: number): boolean => byLine.get(h)?.header === true && !numbered(h);
  lines.forEach((l, i) => {
    const m = BARE_NUMBER.exec(l);
    if (!m || !(lone(next(i, 1)) || lone(next(i, -1)))) return;
    // The first wins: a footer's number comes before the next page's header.
    const f = { line: i, number: Number(m[1]), header: false };
    found.push(f);
    byLine.set(i, f);
  });
  found.sort((a, b) => a.line - b.line);

  const furniture = new Map<number, FurnitureReason>(found.map((f) => [f.line, f.header ? 'running header' : 'page number']));
  // Furniture runs (a footer and the next header, or a header and its number) stand between pages.
  const runs: Found[][] = [];
  for (const f of found) {
    const last = runs.at(-1)?.at(-1);
    if (last && next(last.line, 1) === f.line) runs.at(-1)!.push(f);
    else runs.push([f]);
  }
  const starts = new Set<number>([0]);
  // A page of one character is a stray mark: the next line opens the page.
  const marked = (i: number): boolean => i > 0 && PAGE_START.test(lines[i]!) && !furniture.has(i);
  lines.forEach((l, i) => {
    if (marked(i) && !(compact(l).length === 1 && marked(next(i, 1)))) starts.add(i);
  });
  /** Printed numbers, by the line of text they belong to: the page that ends before the run, or the one that begins after it. */
  const anchors: { line: number; number: number }[] = [];
  for (const run of runs) {
    const first = run[0]!.line;
    const after = next(run.at(-1)!.line, 1);
    if (after < 0) {
      run.forEach((f) => f.number !== undefined && anchors.push({ line: next(first, -1), number: f.number }));
      continue;
    }
    // The text after the run opens a page, unless the run stands at the top of a page already marked.
    const before = next(first, -1);
    if (before >= 0 && ![...starts].some((s) => s > before && s <= after)) starts.add(first);
    run.forEach((f, k) => {
      if (f.number === undefined) return;
      // A number before every header of its run is the footer of the page that ends.
      const foot = !f.header && run.slice(k + 1).some((g) => g.header) && !run.slice(0, k).some((g) => g.header);
      const alone = run.length === 1 && before >= 0;
      anchors.push({ line: foot || (alone && !f.header) ? before : after, number: f.number });
    });
  }
  const sorted = [...starts].sort((a, b) => a - b);
  const pages: Page[] = sorted.map((start, k) => ({ start, end: (sorted[k + 1] ?? lines.length) - 1, number: null }));
  const pageOf = (line: number): number => {
    let lo = 0;
    for (let hi = pages.length - 1; lo < hi;) {
      const mid = (lo + hi + 1) >> 1;
      if (pages[mid]!.start <= line) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  };
  const printed = anchors.filter((a) => a.line >= 0).map((a) => ({ page: pageOf(a.line), number: a.number, line: a.line }));
  number(pages, printed, file);
  return { pages, furniture };
}

/** Numbers pages by counting from each printed number, where neighbouring numbers agree with the count. */
function number(pages: Page[], printed: readonly { page: number; number: number; line: number }[], file?: VFile): void {
  if (!printed.length) return;
  const set = (k: number, n: number): void => {
    if (n > 0) pages[k]!.number = n;
  };
  const first = printed[0]!;
  for (let k = 0; k < first.page; k++) set(k, first.number - (first.page - k));
  printed.forEach((a, i) => {
    const b = printed[i + 1];
    set(a.page, a.number);
    if (!b) {
      for (let k = a.page + 1; k < pages.length; k++) set(k, a.number + (k - a.page));
      return;
    }
    if (b.number - a.number === b.page - a.page) for (let k = a.page + 1; k < b.page; k++) set(k, a.number + (k - a.page));
    else if (file)
      warn(
        file,
        `page ${b.number} is printed ${b.page - a.page} page(s) after page ${a.number}: the pages between go without numbers`,
        RULES.pages,
        { line: b.line + 1 },
      );
  });
}
