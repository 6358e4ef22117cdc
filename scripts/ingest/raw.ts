/**
 * Stage 4 (raw PDF text) — reflow: content lines → blocks.
 *
 * Paragraph ends come from the printed layout, not from the extraction's blank lines: a line
 * that fills the measure goes on in the next line (across page breaks and removed artifacts); a
 * short line ends its paragraph unless it stops mid-phrase; numbering, salutations, 文号, dates
 * and other standalone lines always stand alone.
 */
import { type Block, CHRONICLE_ITEM, isLabelled, isStandalone, joinText, numberingOf } from './blocks.ts';
import {
  CLAUSE_MARK,
  CONTINUES,
  DATED_OPENING,
  SENTENCE_END,
  SPACED_HEADING,
  compact,
  datesEvent,
  isOrganisation,
  isSalutation,
} from './conventions.ts';
import type { LineFate } from './issue.ts';
import { type Line, artifactOf, cellWidth, fullWidth, measure, pageMeasures, unLetterSpace } from './lines.ts';
import { restoreOrder } from './order.ts';
import { tableAt } from './tables.ts';
import { linedTableAt, tableBlocks, tornBlocks, warnTorn } from './tables/read.ts';
import { splitPages } from './pages.ts';
import type { Source } from './read.ts';

export function contentLines(source: Source, fates: LineFate[]): Line[] {
  const out: Line[] = [];
  for (const [sheet, page] of splitPages(source.lines).entries()) {
    let first = page.start > 0;
    for (let i = page.start; i <= page.end; i++) {
      const raw = source.lines[i]!;
      if (!raw.trim()) continue;
      const artifact = artifactOf(raw);
      if (artifact) {
        fates[i] = { kind: 'dropped', reason: artifact.reason };
        continue;
      }
      // A page's first line of text opens it, after whatever header the extraction kept.
      const opens = first && out.length > 0;
      first = false;
      // Runs of spaces inside a line are padding: before a right-aligned photo credit, none; between
      // the cells of a table row, one.
      const text = unLetterSpace(raw.trim())
        .replace(/[ \u3000]{4,}(?=[（(][^（()）]*[/／]摄[）)]$)/u, '')
        .replace(/[ \u3000]{4,}/gu, ' ');
      // (After the space that marks a page's first line, when the page opens with one.)
      const hanging = /^ ?\u3000/u.test(raw);
      const gapBefore = i > 0 && !source.lines[i - 1]!.trim();
      out.push({
        n: i + 1,
        text,
        width: cellWidth(text),
        pageStart: opens,
        sheet,
        page: page.number,
        ...(hanging && { hanging }),
        ...(gapBefore && { gapBefore }),
      });
    }
  }
  return out;
}

/** A short line with no sentence in it: a title, subtitle or caption, when it follows a finished sentence. */
function isShortHeadline(l: Line, full: number): boolean {
  return l.width < full && !/[，。；：,;:！？]/u.test(l.text);
}

/**
 * May `next` go on the paragraph `prev` belongs to? `full` is the width of a full line; the first
 * line of a paragraph is indented two characters in print (the extraction drops the indent).
 */
function joins(prev: Line, next: Line, full: number, indented: boolean, prevOpens: boolean, issueFull: number): boolean {
  // A caption's lines join each other and nothing else.
  if (prev.caption || next.caption) return prev.caption === true && next.caption === true && !next.gapBefore;
  // The lines of one title join each other and nothing else.
  if (prev.group !== undefined || next.group !== undefined)
    return prev.group === next.group && !isStandalone(prev.text) && !isStandalone(next.text);
  const ended = SENTENCE_END.test(compact(prev.text));
  // A line indented with full-width spaces continues the item above it (hanging indent).
  if (next.hanging) return !ended;
  // A salutation wrapped at the measure (…温州经济技术开发 / 区管委会：) is one salutation.
  if (!indented && prev.width >= full && isSalutation(joinText(prev.text, next.text)) && !isSalutation(prev.text)) return true;
  if (indented || isStandalone(prev.text) || isStandalone(next.text)) return false;
  // Numbering opens a new paragraph, unless the full line before it stops mid-sentence (…全国第 / 一、世界一流…).
  if (numberingOf(next.text) && (ended || prev.width < full || /[：:]$/u.test(prev.text))) return false;
  if (isLabelled(next.text) && next.width < full) return false;
  if (SPACED_HEADING.test(prev.text) || SPACED_HEADING.test(next.text) || CHRONICLE_ITEM.test(next.text)) return false;
  // A line longer than the measure was never wrapped: a sentence end there ends the paragraph.
  if (prev.width > full + 4.5) return !ended;
  // A line with no punctuation standing alone (a subtitle, a headline) is not run into a dated caption under it.
  if (prevOpens && DATED_OPENING.test(next.text) && !CLAUSE_MARK.test(prev.text) && !AWAITS_DATE.test(prev.text)) return false;
  // After a finished sentence, a line that opens with a date (7月4日，…) opens a caption or news item;
  // so it does after a caption with no full stop, short of the measure of the issue's text (a page
  // of short captions has more indented first lines than full ones, and its own measure is too narrow).
  if (DATED_OPENING.test(next.text) && (ended || (prev.width < issueFull && !CONTINUES.test(compact(prev.text))))) return false;
  // A full line that ends a sentence may still run on, but not into a headline, a signature or a caption.
  if (prev.width >= full - (prevOpens ? 2 : 0)) return !(ended && (isOrganisation(next.text) || isShortHeadline(next, full)));
  return CONTINUES.test(compact(prev.text));
}

/** Cells of a table torn into one or two characters per line. */
const TORN_WIDTH = 3;
const isTorn = (l: Line | undefined): boolean => l !== undefined && l.width <= TORN_WIDTH;

/** A torn table starts where most of the next lines are tiny, and ends at three ordinary lines. */
function tornRunAt(lines: readonly Line[], i: number): number {
  if (!isTorn(lines[i]) || lines.slice(i, i + 6).filter(isTorn).length < 5) return 0;
  let j = i;
  // (The first of them need only be more than a torn line: a heading such as 一、制定背景 opens the
  // text after the table.) A title is never part of a table: the next document begins there.
  const ordinary = (l: Line): boolean => l.width >= 8 || l.group !== undefined;
  const title = (k: number): boolean => lines[k]!.group !== undefined && !isTorn(lines[k]) && !isTorn(lines[k + 1]);
  while (j < lines.length && !title(j) && !(!isTorn(lines[j]) && lines.slice(j + 1, j + 3).every(ordinary))) j++;
  return j - i;
}

/**
 * Photo captions printed inside an article (indented with full-width spaces) come out of the
 * extraction in the middle of a sentence; they are moved to the end of the paragraph they cut.
 */
export function liftInsets(lines: readonly Line[], full: number): Line[] {
  const out = [...lines];
  for (let i = 1; i < out.length; i++) {
    const before = out[i - 1]!;
    if (
      !out[i]!.hanging ||
      before.hanging ||
      before.width < full ||
      SENTENCE_END.test(compact(before.text)) ||
      numberingOf(before.text) ||
      LIST_START.test(before.text)
    )
      continue;
    let end = i;
    while (end + 1 < out.length && (!out[end + 1]!.gapBefore || out[end + 1]!.hanging) && out[end + 1]!.sheet === out[i]!.sheet) end++;
    let close = end + 1;
    // The paragraph ends at a short line that ends a sentence; the line the inset cut is a full one.
    const measureHere = before.width - 2.5;
    while (close < out.length && close - end < 60 && !(SENTENCE_END.test(compact(out[close]!.text)) && out[close]!.width < measureHere))
      close++;
    if (close >= out.length || close - end >= 60) continue;
    const inset = out.splice(i, end - i + 1);
    out.splice(close - inset.length + 1, 0, ...inset.map((l) => ({ ...l, hanging: false, caption: true })));
    i = close;
  }
  return out;
}

const UNPUNCTUATED = (l: Line | undefined): boolean => l !== undefined && l.group === undefined && !CLAUSE_MARK.test(l.text);

/**
 * A news headline may fill a line: after a finished sentence, one or two lines with no punctuation
 * over a paragraph that dates the event open a news item.
 */
function newsHeadlineAt(lines: readonly Line[], i: number, prev: Line): boolean {
  if (!SENTENCE_END.test(compact(prev.text)) || !UNPUNCTUATED(lines[i])) return false;
  const body = UNPUNCTUATED(lines[i + 1]) ? i + 2 : i + 1;
  const text = (lines[body]?.text ?? '') + (lines[body + 1]?.text ?? '');
  // The paragraph under a headline opens a sentence: it does not start with punctuation (，确保…).
  return !/^[，。；：、,;:]/u.test(text) && datesEvent(text);
}

/** Captions open with the day of the event (10月22日，…). */
const DAY_OPENING = /^\d{1,2}月\d{1,2}日/u;
/** Text that stops where a date follows (…截至 / 2023年3月，…). */
const AWAITS_DATE = /(截至|截止|于|自|至|到|在|从|为)$/u;

/** Lines that open a list item whose continuation lines hang under it. */
const LIST_START = /^(附件|[\p{Script=Han}]{1,12}[〔［\[(（]\d{4})/u;

export function rawBlocks(source: Source, fates: LineFate[]): Block[] {
  const content = contentLines(source, fates);
  const full = fullWidth(measure(content));
  const pageFull = pageMeasures(content, full);
  const lines = liftInsets(restoreOrder(content, full, pageFull), full);
  const blocks: Block[] = [];
  let prev: Line | null = null;
  for (let i = 0; i < lines.length; i++) {
    const numbered = linedTableAt(lines, i);
    if (numbered) {
      blocks.push(...tableBlocks(numbered, blocks, source.file, lines, i));
      i += numbered.used - 1;
      prev = null;
      continue;
    }
    const table = tableAt(lines, i, blocks);
    if (table) {
      blocks.push(table.block);
      i += table.used - 1;
      prev = null;
      continue;
    }
    const torn = tornRunAt(lines, i);
    if (torn) {
      blocks.push(...tornBlocks(lines.slice(i, i + torn), source.file, lines[i - 1]));
      i += torn - 1;
      prev = null;
      continue;
    }
    const line = lines[i]!;
    const rawLine = source.lines[line.n - 1]!;
    // Right-aligned or centred lines (signatures, dates, titles) are printed apart from the text.
    const indented = /^[ \u3000]{4,}/u.test(rawLine) && !line.pageStart;
    const current = blocks.at(-1);
    const prevOpens = current !== undefined && current.line === prev?.n && current.endLine === prev.n;
    const here = pageFull.get(prev?.sheet ?? line.sheet) ?? full;
    // A photo caption is a dated phrase with no full stop (10月30日，…5.36亿元); the next dated line
    // opens the next caption.
    const nextCaption =
      current !== undefined &&
      DAY_OPENING.test(line.text) &&
      DATED_OPENING.test(current.text) &&
      !/[。！？]/u.test(current.text) &&
      !AWAITS_DATE.test(current.text);
    if (prev && current && !nextCaption && !newsHeadlineAt(lines, i, prev) && joins(prev, line, here, indented, prevOpens, full)) {
      current.text = joinText(current.text, line.text);
      current.line = Math.min(current.line, line.n);
      current.endLine = Math.max(current.endLine, line.n);
      if (line.page !== null && line.page !== current.page) current.endPage = line.page;
    } else {
      blocks.push({
        kind: 'text',
        text: line.text,
        line: line.n,
        endLine: line.n,
        page: line.page,
        ...(line.group !== undefined && { title: true }),
        ...(line.caption && { caption: true }),
        ...(line.sheet !== lines[i - 1]?.sheet && { pageStart: true }),
      });
    }
    prev = line;
  }
  warnTorn(blocks, source.file);
  return blocks;
}
