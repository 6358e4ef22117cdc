/**
 * Stage 4 (raw PDF text) — reflow: content lines → blocks. Whether a line goes on the paragraph
 * before it is decided by the rules in reflow/lines.ts.
 */
import { type Block, isAnnexHeading, joinText, numberingOf } from './blocks.ts';
import { ANNEX_LABEL, INLINE_BRACKET, SENTENCE_END, SPACED_HEADING, UNIT_END, compact } from './conventions.ts';
import { type LineTrace, fatesOf } from './fates.ts';
import { type Line, artifactOf, cellWidth, fullWidth, lineText, measure, pageMeasures, stretchMeasures } from './lines.ts';
import { restoreFrames } from './frames.ts';
import { restoreOrder } from './order.ts';
import { tableAt } from './tables.ts';
import { headerStart, isTorn, linedTableAt, tableBlocks, tornBlocks, tornRun, warnTorn } from './tables/read.ts';
import { splitPages } from './pages.ts';
import type { Source } from './read.ts';
import { decide } from './reflow/decide.ts';
import { LINE_JOINS } from './reflow/lines.ts';

export function contentLines(source: Source): Line[] {
  const fates = fatesOf(source.file, source.lines);
  const out: Line[] = [];
  const { pages, furniture } = splitPages(source.lines, source.file);
  for (const [sheet, page] of pages.entries()) {
    let first = page.start > 0;
    for (let i = page.start; i <= page.end; i++) {
      const raw = source.lines[i]!;
      if (!raw.trim()) continue;
      const artifact = furniture.has(i) ? { reason: furniture.get(i)! } : artifactOf(raw);
      // A section's name under a title that stops short of it (关于《…》的 / 政策解读) ends the title: it is no page tab.
      const endsTitle = artifact?.reason === 'section tab' && /[的》]$/u.test(out.at(-1)?.text ?? '');
      if (artifact && !endsTitle) {
        fates[i] = { kind: 'dropped', reason: artifact.reason };
        continue;
      }
      // A page's first line of text opens it, after whatever header the extraction kept.
      const opens = first && out.length > 0;
      first = false;
      const text = lineText(raw);
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

/** A torn table starts where most of the next lines are tiny, and ends at three ordinary lines. */
function tornRunAt(lines: readonly Line[], i: number, full: number): number {
  // (The last characters of a title wrapped at the measure, 计指标, do not open one, nor do those that end the
  // sentence the line before runs on in, 以上。, or the line that fills the measure and stops mid-phrase, …责任分 / 解.)
  const before = lines[i - 1];
  // Nothing runs into a 序号 header: what stands over it is the table's caption. Nor into anything
  // under an annex's heading read as a title: whether that heading wraps is the title reader's to say.
  const headed = before?.group !== undefined && isAnnexHeading(before.text);
  const runsInto =
    before !== undefined &&
    !isTorn(before) &&
    before.width >= full &&
    !UNIT_END.test(compact(before.text)) &&
    !headerStart(lines, i) &&
    !headed;
  // A line hanging under the line before, indented as a list item's lines are (附件：1.… / 　　　体系), goes on with it.
  const hangs = lines[i]?.hanging === true && before !== undefined && !isTorn(before);
  const ends = SENTENCE_END.test(compact(lines[i]?.text ?? '')) && !UNIT_END.test(compact(before?.text ?? '。'));
  if (!isTorn(lines[i]) || lines[i]!.group !== undefined || ends || runsInto || hangs || !tornRun(lines, i)) return 0;
  let j = i;
  // (The first of three need only be more than a torn line: a heading such as 一、制定背景 opens the
  // text after the table.) A title is never part of a table: the next document begins there.
  const ordinary = (l: Line | undefined): boolean => l !== undefined && (l.width >= 8 || l.group !== undefined);
  // (A title wrapped at the measure may leave a character or two on its last line, 政策解 / 读, and an
  // annex's label read with its title, 附件2, is as short as a torn line.)
  const sameTitle = (k: number): boolean => lines[k + 1]?.group === lines[k]!.group;
  const label = (k: number): boolean => ANNEX_LABEL.test(compact(lines[k]!.text)) && sameTitle(k);
  // (…and an annex's heading, its label and title on one line, heads the table under it.)
  const title = (k: number): boolean =>
    lines[k]!.group !== undefined &&
    (label(k) || isAnnexHeading(lines[k]!.text) || (!isTorn(lines[k]) && (!isTorn(lines[k + 1]) || sameTitle(k))));
  const text = (k: number): boolean =>
    !isTorn(lines[k]) && (lines.slice(k + 1, k + 3).every(ordinary) || (lines[k]!.width >= 8 && (lines[k + 1]?.width ?? 0) >= 8));
  // Lines of text or large type over a torn 序号 header (附件3, the caption) open the next table: it is a run of its own.
  const overHeader = (k: number): boolean => {
    for (let m = k; m < Math.min(k + 3, lines.length); m++) {
      if (headerStart(lines, m)) return m > k;
      if (isTorn(lines[m]) && lines[m]!.group === undefined) return false;
    }
    return false;
  };
  while (j < lines.length && !title(j) && !text(j) && !overHeader(j)) j++;
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

/**
 * A heading set with spaces between its characters (附  则) is large type: the extraction may put it
 * at the foot of its page, after a full line that stops mid-sentence, whose sentence goes on at the
 * top of the next page (marked or not). It goes after the paragraph it cut, which joins again.
 */
export function liftFootHeadings(lines: readonly Line[], pageFull: ReadonlyMap<number, number>, full: number): Line[] {
  const out = [...lines];
  for (let i = 1; i + 1 < out.length; i++) {
    const [before, heading] = [out[i - 1]!, out[i]!];
    const measureHere = pageFull.get(before.sheet) ?? full;
    // (A numbered line opens its paragraph: indented two characters, it fills the measure two short. A
    // title over the heading (…管理办法 / 总  则) is no sentence.)
    const fills = before.width >= measureHere - (numberingOf(before.text) ? 2 : 0);
    if (
      !SPACED_HEADING.test(heading.text) ||
      before.group !== undefined ||
      before.sheet !== heading.sheet ||
      !fills ||
      (UNIT_END.test(compact(before.text)) && !INLINE_BRACKET.test(compact(before.text)))
    )
      continue;
    // The paragraph ends at a line short of its page's measure that ends a sentence.
    let close = i + 1;
    while (close < out.length && close - i < 60) {
      const l = out[close]!;
      if (SENTENCE_END.test(compact(l.text)) && l.width < (pageFull.get(l.sheet) ?? full)) break;
      close++;
    }
    if (close >= out.length || close - i >= 60) continue;
    out.splice(i, 1);
    out.splice(close, 0, { ...heading, pageStart: false });
    i = close;
  }
  return out;
}

/** Lines that open a list item whose continuation lines hang under it. */
const LIST_START = /^(附件|[\p{Script=Han}]{1,12}[〔［\[(（]\d{4})/u;

/** What pages, reading order and measure made of each content line, before the reflow. */
function traceLines(content: readonly Line[], lines: readonly Line[], fullAt: (l: Line) => number) {
  const trace = new Map<number, LineTrace>();
  const sourceBefore = new Map(content.map((l, k) => [l.n, content[k - 1]?.n]));
  lines.forEach((l, k) => {
    const before = lines[k - 1]?.n;
    trace.set(l.n, {
      sheet: l.sheet,
      page: l.page,
      measure: fullAt(l),
      ...(before !== sourceBefore.get(l.n) && before !== undefined && { readAfter: before }),
      ...(l.group !== undefined && { title: true }),
      ...(l.caption && { caption: true }),
    });
  });
  return trace;
}

/**
 * Content lines → blocks. What became of every line is kept on the source's file: the fates of
 * dropped lines and, by source line, how the reflow read it (`file.data.reflow`).
 */
export function rawBlocks(source: Source): Block[] {
  const content = contentLines(source);
  const full = fullWidth(measure(content));
  const pageFull = pageMeasures(content, full);
  // (A line's own stretch may be set to another measure than its page: see stretchMeasures.)
  const stretchFull = stretchMeasures(content);
  const lines = liftFootHeadings(
    liftInsets(restoreFrames(restoreOrder(content, full, pageFull, stretchFull), pageFull, full), full),
    pageFull,
    full,
  );
  const fullAt = (l: Line): number => stretchFull.get(l.n) ?? pageFull.get(l.sheet) ?? full;
  const trace = traceLines(content, lines, fullAt);
  source.file.data.reflow = trace;
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
    const torn = tornRunAt(lines, i, pageFull.get(lines[i]!.sheet) ?? full);
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
    const decision =
      prev && current
        ? decide(LINE_JOINS, {
            prev,
            next: line,
            block: current,
            lines,
            at: i,
            full: fullAt(prev),
            issueFull: full,
            indented,
            prevOpens: current.line === prev.n && current.endLine === prev.n,
            ended: SENTENCE_END.test(compact(prev.text)),
          })
        : null;
    const traced = trace.get(line.n)!;
    if (prev && decision) traced.decision = { ...decision, prev: prev.n };
    if (current && decision?.verdict === 'join') {
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
    traced.block = blocks.at(-1)!;
    prev = line;
  }
  // Lines read into a table (its header lines were first read as text) belong to the block that holds them.
  const kept = new Set(blocks);
  for (const b of blocks)
    if (b.kind === 'table' || b.torn)
      for (let n = b.line; n <= b.endLine; n++) {
        const t = trace.get(n);
        if (t && (!t.block || !kept.has(t.block))) t.block = b;
      }
  warnTorn(blocks, source.file);
  return blocks;
}
