/**
 * Finding numbered tables in raw PDF text and reading them: a header that opens with 序号, then
 * rows numbered 1, 2, 3…. Two printings reach the extraction:
 *
 * - lined: each row's cells on one or more lines, spaces between cells where the line kept them
 *   (制定目录, 指标体系, 分工表);
 * - torn: one or two characters a line (a landscape page read column by column), so the cells
 *   run together with nothing between them, the header repeated at the top of every page.
 */
import type { VFile } from 'vfile';
import { type Block, isStandalone, numberingOf } from '../blocks.ts';
import { ANNEX_LABEL, CLAUSE_MARK, compact } from '../conventions.ts';
import type { Line } from '../lines.ts';
import { RULES, warn } from '../messages.ts';
import { headerColumns } from './cells.ts';
import { type Stream, type Table, cutRows, readTable, readUnnumbered } from './rows.ts';

/** Cells of a table torn into one or two characters per line. */
const TORN_WIDTH = 3;
export const isTorn = (l: Pick<Line, 'width'> | undefined): boolean => l !== undefined && l.width <= TORN_WIDTH;
/** Lines looked at for a torn table: it prints all of them, or all but one, a character or two to the line. */
const TORN_RUN = 6;
/** A torn table's lines run from `from`: all of the next few, or all but one, are torn. */
export const tornRun = (lines: readonly Pick<Line, 'width'>[], from: number): boolean =>
  lines.slice(Math.max(0, from), from + TORN_RUN).filter(isTorn).length >= TORN_RUN - 1;
/** …and up to line `at`. */
export const tornBefore = (lines: readonly Pick<Line, 'width'>[], at: number): boolean => tornRun(lines.slice(0, at), at - TORN_RUN);

/** A table's header opens with 序号 (torn: 序 on one line, 号 on the next), given a line's text and the next's. */
export const opensHeader = (text: string, next: string): boolean => /^序号\S*/u.test(text) || (text === '序' && /^号/u.test(next));

/** Whether a table's header opens at line `i`. */
export function headerStart(lines: readonly Line[], i: number): boolean {
  return i < lines.length && opensHeader(compact(lines[i]!.text), compact(lines[i + 1]?.text ?? ''));
}

/** A line that no table row runs into: a section heading, a title, a salutation, a date, a 文号. */
function endsTable(l: Line): boolean {
  const n = numberingOf(l.text);
  return (n !== null && n.level <= 2) || l.group !== undefined || isStandalone(l.text) || ANNEX_LABEL.test(compact(l.text));
}

function streamOf(lines: readonly Line[], sep: string, piece: (l: Line) => string): Stream {
  let text = '';
  const at: number[] = [];
  lines.forEach((l, i) => {
    const s = (i ? sep : '') + piece(l);
    text += s;
    for (let k = 0; k < s.length; k++) at.push(l.n);
  });
  return { text, lines: at };
}

/** The stream with every repeat of the header taken out; `restarts` are where they were. */
function withoutRepeats(stream: Stream, header: string, from: number): { stream: Stream; restarts: Set<number> } {
  const restarts = new Set<number>();
  const h = header.replace(/\s/gu, '');
  if (h.length < 4) return { stream, restarts };
  const tail = h.slice(Math.floor(h.length / 2));
  let text = '';
  const lines: number[] = [];
  let at = 0;
  for (let p = stream.text.indexOf(tail, from); p >= 0; p = stream.text.indexOf(tail, p + tail.length)) {
    // Back from the tail over the rest of the header; a character or two may have been lost at the page break.
    let j = p;
    let k = Math.floor(h.length / 2) - 1;
    while (j > at && k >= 0) {
      const c = stream.text[j - 1]!;
      const skip = /\s/u.test(c) ? -1 : [0, 1, 2].find((d) => c === h[k - d]);
      if (skip === undefined) break;
      j--;
      if (skip >= 0) k -= skip + 1;
    }
    text += stream.text.slice(at, j);
    lines.push(...stream.lines.slice(at, j));
    restarts.add(text.length);
    at = p + tail.length;
  }
  text += stream.text.slice(at);
  lines.push(...stream.lines.slice(at));
  return { stream: { text, lines }, restarts };
}

export interface Found {
  table: Table;
  /** Lines of `lines` the table took from the start index. */
  used: number;
  /** Text printed before the table in the same run of lines (the 附件 label). */
  before?: string;
  /** The source lines of `before`, first and last. */
  beforeLines?: [number, number];
}

const span = (ns: readonly number[]): [number, number] => [Math.min(...ns), Math.max(...ns)];

/** The lined numbered table whose header starts at line `i`, or null. */
export function linedTableAt(lines: readonly Line[], i: number): Found | null {
  // (A header torn into a character a line opens a torn table, read by `tornTable`.)
  if (!headerStart(lines, i) || tornRun(lines, i)) return null;
  let j = i;
  while (j < lines.length && j - i < 40 && !/^\d{1,3}(\s|$)/u.test(lines[j]!.text.trim())) j++;
  if (j >= lines.length || j === i || j - i >= 40) return null;
  const header = headerColumns(lines.slice(i, j).map((l) => l.text));
  if (header.length < 3) return null;
  const first = Number(/^\d+/u.exec(lines[j]!.text.trim())![0]);
  let end = j;
  // Lines of a cell may look like a title (温州市关于…的 / 实施意见): they end the table only when no row follows them.
  const rowFollows = (k: number): boolean => lines.slice(k, k + 6).some((l) => /^\d{1,3}(\s|$)/u.test(l.text.trim()));
  while (end < lines.length && end - j < 600 && !(endsTable(lines[end]!) && (lines[end]!.group === undefined || !rowFollows(end)))) end++;
  const headerText = header.join('');
  const body = lines.slice(j, end).filter((l) => compact(l.text) !== compact(headerText) && compact(l.text) !== compact(header.join(' ')));
  const stream = streamOf(body, '\n', (l) => l.text.trim());
  const cut = cutRows(stream, first, false, new Set());
  if (cut.length < 2) return null;
  // The last row takes no more lines than the longest row before it: what follows is text again.
  const linesOf = (r: { start: number; end: number }): number[] => [...new Set(stream.lines.slice(r.start - 1, r.end))];
  const limit = Math.max(2, ...cut.slice(0, -1).map((r) => linesOf(r).length));
  const lastLines = linesOf(cut.at(-1)!);
  const endN = lastLines[Math.min(lastLines.length, limit) - 1]!;
  const kept = body.filter((l) => l.n <= endN);
  const read = readTable(
    streamOf(kept, '\n', (l) => l.text.trim()),
    header,
    first,
    false,
    new Set(),
  );
  if (!read) return null;
  const used = lines.findIndex((l) => l.n === endN) - i + 1;
  return { table: { caption: null, ...read, line: lines[i]!.n, endLine: endN }, used };
}

/**
 * A torn run of lines read as a numbered table: the text before its header is the 附件 label and
 * the caption; null where no 序号 header opens it.
 */
export function tornTable(run: readonly Line[]): Found | null {
  const stream = streamOf(run, '', (l) => l.text.replace(/\s/gu, ''));
  const h = stream.text.indexOf('序号');
  if (h < 0) return taskTable(run, stream);
  const digits = /\d{1,3}(?![\d.．、，,%％）)年月日个家项名])/u.exec(stream.text.slice(h + 2));
  if (!digits) return null;
  const headerEnd = h + 2 + digits.index;
  const header = headerColumns([stream.text.slice(h, headerEnd)]);
  if (header.length < 3) return null;
  const cleaned = withoutRepeats(
    { text: stream.text.slice(headerEnd), lines: stream.lines.slice(headerEnd) },
    stream.text.slice(h, headerEnd),
    0,
  );
  // Where a page begins, with or without the header again, a row that runs over may print its number again.
  const sheet = new Map(run.map((l) => [l.n, l.sheet]));
  const pages = cleaned.stream.lines.flatMap((n, i) => (i > 0 && sheet.get(n) !== sheet.get(cleaned.stream.lines[i - 1]!) ? [i] : []));
  const read = readTable(cleaned.stream, header, Number(digits[0]), true, new Set([...cleaned.restarts, ...pages]));
  if (!read || read.rows.length < 2) return null;
  // Before the header: the 附件 label and the caption, or the end of a table from the page before.
  const lead = stream.text.slice(0, h);
  const annex = /^附件\s*(\d{1,2}(?![\d年]))?/u.exec(lead)?.[0] ?? '';
  const title = lead.slice(annex.length).trim();
  const caption = title && title.length <= 60 && !/[。；]/u.test(title) ? title : null;
  const before = caption === null && title ? lead : annex;
  return {
    table: { caption, ...read, ...lineSpan(stream.lines.slice(before ? h : 0), run) },
    used: run.length,
    ...(before && { before, beforeLines: span(stream.lines.slice(0, h)) }),
  };
}

/** A note under a table's title: 备注：…, 注：…, 单位：万元. */
const TABLE_NOTE = /^(备注|注|说明|单位)[：:]/u;

/** The header of a 任务分解 table: the task column, then the columns of bodies (主要任务 牵头单位 责任单位). */
const TASK_HEADER =
  /\p{Script=Han}{0,2}(任务|内容|事项|项目|举措|措施)((牵头|责任|配合|协办|主办|实施)(单位|部门)([（(][^（）()]*[）)])?)+/u;

/** A torn 任务分解 table with no 序号: its rows end where their lists of bodies do. */
function taskTable(run: readonly Line[], stream: Stream): Found | null {
  const m = TASK_HEADER.exec(stream.text.slice(0, 200));
  if (!m) return null;
  const header = headerColumns([m[0]]);
  const end = m.index + m[0].length;
  const cleaned = withoutRepeats({ text: stream.text.slice(end), lines: stream.lines.slice(end) }, m[0], 0);
  const read = readUnnumbered(cleaned.stream, header);
  if (!read) return null;
  const lead = stream.text.slice(0, m.index);
  const annex = /^附件\s*(\d{1,2}(?![\d年]))?/u.exec(lead)?.[0] ?? '';
  const caption = lead.slice(annex.length).trim() || null;
  return {
    table: { caption, ...read, ...lineSpan(stream.lines.slice(m.index), run) },
    used: run.length,
    ...(annex && { before: annex, beforeLines: span(stream.lines.slice(0, m.index)) }),
  };
}

/** The first and last source line of a table read from part of a run. */
function lineSpan(ns: readonly number[], run: readonly Line[]): { line: number; endLine: number } {
  const [line, endLine] = ns.length ? span(ns) : [run[0]!.n, run.at(-1)!.n];
  return { line, endLine };
}

/** A table's name in messages: its caption, or where it starts. */
const nameOf = (t: Table): string => (t.caption ? `“${t.caption}”` : `at line ${t.line}`);

function tableBlock(t: Table, first: Line, last: Line, opens: boolean): Block {
  return {
    kind: 'table',
    text: '',
    rows: [t.header, ...t.rows],
    line: t.line,
    endLine: t.endLine,
    page: first.page,
    ...(last.page !== null && last.page !== first.page && { endPage: last.page }),
    ...(opens && { pageStart: true }),
    ...(t.caption && { tableCaption: t.caption }),
    ...(t.covered.length && { covered: t.covered.map(([r, c]): [number, number] => [r + 1, c]) }),
  };
}

function warnMerged(t: Table, file: VFile): void {
  if (t.merged.length)
    warn(file, `table ${nameOf(t)}: the columns ${t.merged.join('、')} run together in the text and are read as one`, RULES.table, {
      line: t.line,
    });
}

/**
 * The blocks of a lined table. Its printed title is the short line just above the header, already
 * read as a block: it is taken back as the table's caption.
 */
export function tableBlocks(found: Found, blocks: Block[], file: VFile, lines: readonly Line[], i: number): Block[] {
  const t = found.table;
  // A note printed between the title and the table (备注：★为牵头单位) stays where it is.
  const note = blocks.at(-1)?.kind === 'text' && TABLE_NOTE.test(compact(blocks.at(-1)!.text)) ? blocks.pop() : undefined;
  const title = blocks.at(-1);
  if (
    title?.kind === 'text' &&
    !title.torn &&
    !CLAUSE_MARK.test(title.text) &&
    compact(title.text).length <= 50 &&
    !ANNEX_LABEL.test(compact(title.text))
  ) {
    blocks.pop();
    t.caption = compact(title.text);
    t.line = Math.min(t.line, title.line);
  }
  warnMerged(t, file);
  const first = lines[i]!;
  return [...(note ? [note] : []), tableBlock(t, first, lines[i + found.used - 1]!, first.sheet !== lines[i - 1]?.sheet)];
}

/**
 * The blocks of a torn run: a table where its rows can be read, else its text in reading order as
 * one block marked torn, with a warning that names it.
 */
export function tornBlocks(run: readonly Line[], file: VFile, before: Line | undefined): Block[] {
  const found = tornTable(run);
  const opens = run[0]!.sheet !== before?.sheet;
  if (found) {
    warnMerged(found.table, file);
    const out: Block[] = [];
    if (found.before)
      out.push({
        kind: 'text',
        text: found.before,
        line: found.beforeLines![0],
        endLine: found.beforeLines![1],
        page: run[0]!.page,
        ...(opens && { pageStart: true }),
      });
    out.push(tableBlock(found.table, run[0]!, run.at(-1)!, opens && !found.before));
    return out;
  }
  const text = run.map((l) => l.text.trim()).join('');
  return [
    {
      kind: 'text',
      text,
      line: Math.min(...run.map((l) => l.n)),
      endLine: Math.max(...run.map((l) => l.n)),
      page: run[0]!.page,
      ...(run.at(-1)!.page !== null && run.at(-1)!.page !== run[0]!.page && { endPage: run.at(-1)!.page! }),
      torn: true,
      ...(opens && { pageStart: true }),
    },
  ];
}

/** Every table kept as one block of text is named in a warning (and so in the ingest report). */
export function warnTorn(blocks: readonly Block[], file: VFile): void {
  for (const b of blocks)
    if (b.torn)
      warn(
        file,
        `table at line ${b.line} (${b.text.slice(0, 20)}…): no rows could be read; kept as its text in reading order`,
        RULES.table,
        {
          line: b.line,
        },
      );
}
