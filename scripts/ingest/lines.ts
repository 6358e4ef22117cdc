/**
 * Stage 3 (raw PDF text) — lines: classify every line as content or as a printing artifact
 * (page number, running header, section tab), and undo letter-spacing of justified lines.
 */
import { CAPTION_CREDIT, compact, isLetterSpaced, parseNormativeCode } from './conventions.ts';
import { PAGE_NUMBER, namesIssue } from './pages.ts';
import { isTableRow } from './tables.ts';
import { SECTIONS, tabPattern } from '../../src/lib/sections.ts';

export interface Line {
  /** 1-based source line number. */
  n: number;
  text: string;
  /** The printed width in Chinese character cells (Latin letters and digits count half). */
  width: number;
  /** The line opens a new printed page. */
  pageStart: boolean;
  /** Index of the printed page the line is on (0-based, in source order). */
  sheet: number;
  page: number | null;
  /** Indented with a full-width space: the continuation of a list item (hanging indent), or a photo caption. */
  hanging?: boolean;
  /** A blank line stands before it in the extraction. */
  gapBefore?: boolean;
  /** A photo caption lifted out of the text it was printed in. */
  caption?: boolean;
  /** Lines of one title (large type) share a group number; see order.ts. */
  group?: number;
}

export type Artifact = { reason: string };

/** Section tabs printed in the page margin, and the statistics banner (2023年第4 期统计资料). */
const SECTION_TAB = new RegExp(`^(${[...new Set(SECTIONS.flatMap((s) => s.tabs))].map(tabPattern).join('|')})$`, 'u');

/**
 * Printing artifacts. A section's name in plain type is its page tab; letter-spaced
 * (`政 务 简 讯`) it is the section's title, and stays.
 */
export function artifactOf(text: string): Artifact | null {
  const t = compact(text);
  if (!t) return null;
  if (PAGE_NUMBER.test(text)) return { reason: 'page number' };
  // (A sentence naming the gazette is not its header: 第5期温州市人民政府公报已印发。)
  if (namesIssue(t)) return { reason: 'running header' };
  if (SECTION_TAB.test(text.trim().replace(/\s+(?=期)/u, ''))) return { reason: 'section tab' };
  return null;
}

export function cellWidth(s: string): number {
  let w = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    // (A character outside the BMP is two code units and one cell.)
    if (c >= 0xdc00 && c <= 0xdfff && i > 0 && s.charCodeAt(i - 1) >= 0xd800 && s.charCodeAt(i - 1) <= 0xdbff) continue;
    w += c >= 0x20 && c <= 0x7e ? 0.5 : 1;
  }
  return w;
}

/** Justified lines are extracted with spaces between characters: `实 施 意 见` → `实施意见`. */
export function unLetterSpace(s: string): string {
  return isLetterSpaced(s)
    ? s.replace(/(?<=\S)[ \u3000]+(?=\S)/gu, (sp, i: number, all: string) =>
        /[A-Za-z]/.test(all[i - 1]!) && /[A-Za-z]/.test(all[i + sp.length]!) && sp.length > 1 ? ' ' : '',
      )
    : s;
}

/** Padding before a right-aligned photo credit. */
const BEFORE_CREDIT = new RegExp(`[ \u3000]{4,}(?=${CAPTION_CREDIT.source})`, 'u');

/**
 * A line's text. Runs of spaces inside a line are padding: before a right-aligned photo credit,
 * none; between the cells of a table row, one. A 规范性文件编号 set with spaced dashes
 * (ZJCC00 – 2023 – 0011) is one code, not cells of a row of figures.
 */
export function lineText(raw: string): string {
  const text = unLetterSpace(raw.trim())
    .replace(BEFORE_CREDIT, '')
    .replace(/[ \u3000]{4,}/gu, ' ');
  return parseNormativeCode(text) ?? text;
}

/** A paragraph's first line is indented two characters in print (the extraction drops the indent). */
export const INDENT = 2;

/** Punctuation that may not open a line (禁则): it closes the line before, and may hang past the measure. */
const NO_LINE_START = '，。、；：？！”’）》」』】〕';
const HANGS = new RegExp(`[${NO_LINE_START}]$`, 'u');
/** A line that opens with what could not end the line before it: a number or Latin word, or a character taken down with closing punctuation. */
export const HELD_OVER = new RegExp(`^[A-Za-z0-9]|^.[${NO_LINE_START}]`, 'u');

/** The width a line takes within the measure: closing punctuation at its end hangs in the margin. */
export function widthWithin(text: string, width: number): number {
  return width - (HANGS.test(text.trimEnd()) ? 1 : 0);
}

/**
 * How many first lines a page of short articles prints at most to one full line: past that, lines
 * two cells wider than most are a few unwrapped ones, not the measure.
 */
const FIRST_LINES_TO_A_FULL_ONE = 4;

/** The measure: the most common width of a full body line. */
export function measure(lines: readonly Pick<Line, 'width'>[]): number {
  const counts = new Map<number, number>();
  for (const l of lines) if (l.width >= 10) counts.set(Math.round(l.width), (counts.get(Math.round(l.width)) ?? 0) + 1);
  let best = 20;
  let most = 0;
  for (const [w, c] of counts) if (c > most || (c === most && w > best)) [best, most] = [w, c];
  // A paragraph's first line, its indent lost, prints two cells short of the measure: where first
  // lines outnumber full ones (short articles and items), full lines still recur two cells wider.
  const wider = counts.get(best + INDENT) ?? 0;
  return wider >= 3 && wider * FIRST_LINES_TO_A_FULL_ONE >= most ? best + INDENT : best;
}

/** A line this wide fills the measure: justified lines vary by a few half-width characters. */
export function fullWidth(measured: number): number {
  return measured - Math.max(2.5, 0.12 * measured);
}

/** The measure a line this wide fills (`fullWidth`'s inverse). */
export function measureOf(full: number): number {
  return Math.max(full + 2.5, full / 0.88);
}

/**
 * The widest a line set to a measure prints, from the width that fills it (`fullWidth`): the
 * measure itself, and closing punctuation hanging past it.
 */
export function widest(full: number): number {
  return measureOf(full) + 1;
}

/** The lines of each extraction page. */
function bySheet(lines: readonly Line[]): Map<number, Line[]> {
  const out = new Map<number, Line[]>();
  for (const l of lines) {
    const sheet = out.get(l.sheet);
    if (sheet) sheet.push(l);
    else out.set(l.sheet, [l]);
  }
  return out;
}

/**
 * Full lines (or first lines) at one width that make a measure: a narrower column's own, on a page
 * set to a wider one.
 */
const MEASURE_LINES = 8;
/** The narrowest measure a gazette sets its text to. */
const NARROWEST = 16;

/**
 * Where page breaks go unseen, one extraction page may hold pieces set to two measures (the
 * chronicle's, and the back-cover feature's wider column): the page's measure is the wider. A
 * stretch of the page's lines none of which is wider than a narrower measure, whose full lines
 * fill that measure again and again, is set to it, and its lines take it. Lines of pages set to
 * one measure are not listed.
 */
export function stretchMeasures(lines: readonly Line[]): Map<number, number> {
  const out = new Map<number, number>();
  for (const all of bySheet(lines).values()) {
    const text = all.filter((l) => l.width >= 10 && !isTableRow(l.text));
    const wide = measure(text);
    // (Lines within a cell or two of the wide measure are its full lines, first lines and hanging punctuation.)
    const narrow = measure(text.filter((l) => l.width < wide - INDENT - 1));
    // (…or its first lines, two cells short of it: a line as wide as the narrow measure's full lines is no wider.)
    const over = (l: Line): boolean => l.width > narrow + INDENT + 1 && !isTableRow(l.text);
    if (narrow < NARROWEST || narrow >= wide - INDENT - 1 || all.filter(over).length < MEASURE_LINES) continue;
    // Stretches between lines too wide for the narrow measure.
    for (let from = 0; from < all.length;) {
      let to = from;
      while (to < all.length && !over(all[to]!)) to++;
      const stretch = all.slice(from, to);
      const full = measure(stretch);
      if (stretch.filter((l) => [narrow, narrow - INDENT].includes(Math.round(l.width))).length >= MEASURE_LINES)
        for (const l of stretch) out.set(l.n, fullWidth(full));
      from = to + 1;
    }
  }
  return out;
}

/**
 * Some pages are set to another measure (a back-cover article in a wider column): a page with
 * enough lines of text gets its own measure, the others the issue's.
 */
export function pageMeasures(lines: readonly Line[], full: number): Map<number, number> {
  const out = new Map<number, number>();
  // A table's rows are not wrapped text: they say nothing of the page's measure.
  for (const [sheet, all] of bySheet(lines)) {
    const ls = all.filter((l) => !isTableRow(l.text));
    // (A width that two lines share by chance is no measure: full lines recur.)
    const own = measure(ls);
    const recurs = ls.filter((l) => Math.round(l.width) === own).length >= 3;
    out.set(sheet, ls.filter((l) => l.width >= 10).length >= 8 && recurs ? fullWidth(own) : full);
  }
  return out;
}
