/**
 * Reading a table's body from the text of its cells in reading order: rows are cut at the 序号
 * (1, 2, 3… in turn; a number repeated after a page break continues its row), and each row's
 * text is shared out among the header's columns by what their cells look like — bodies at the
 * end of a 责任单位 column, figures and amounts in figure columns, the rest in the text columns.
 * Where two text columns run together with nothing to tell them apart, they stay one column
 * (`merged`) and the caller warns.
 */
import { AMOUNT_END, type ColumnKind, FIGURE, LEAD, QUANTITY_AFTER, bodyListEnd, columnKind } from './cells.ts';

/** Text in reading order: `\n` where a printed line ended, a space where the print left one. */
export interface Stream {
  text: string;
  /** The source line of each character of `text`. */
  lines: number[];
}

export interface Table {
  caption: string | null;
  header: string[];
  /** Body rows, as many cells as the header; a merged cell's value is repeated in every row it covers. */
  rows: string[][];
  /** [row, column] of cells that continue the cell above them (printed as one cell over several rows). */
  covered: [number, number][];
  /** Header columns that had to be read as one (names joined), when any. */
  merged: string[];
  line: number;
  endLine: number;
}

/** A section of a table: 一、, 二、 … */
const SECTION = /^[一二三四五六七八九十]{1,3}、/u;

/** Where a cell may end in text with no spaces left: after a sentence or a clause, or at a lead mark. */
const CELL_END = /[。；！？）)”局委办院校会部门厅社所站队署处行团府学司心区县市位联协等]$/u;

/**
 * Whether the number at `at` opens a row: text, not a quantity or a date, follows it, and a cell
 * ends before it. Torn, a row whose last cell is a figure (`figureEnd`) runs straight into the
 * next row's number (3.4 | 2每万名…): there the number is the next row's where words, not more
 * figures, follow it. `placed` is for a number the rows around it place there: any cell may end
 * before it, and after a figure the words may read as a unit (560 | 8年新增…).
 */
function opensRow(text: string, at: number, digits: number, torn: boolean, figureEnd: boolean, placed = false): boolean {
  const before = text.slice(0, at);
  const after = text.slice(at + digits);
  const words = /^\p{Script=Han}/u.test(after);
  if (/\d$/u.test(before)) return torn && figureEnd && words && (placed || !QUANTITY_AFTER.test(after));
  if (!torn)
    return QUANTITY_AFTER.test(after) ? false : /(^|\n)$/u.test(before) ? /^( |\n|$)/u.test(after) || words : /^(\n|$)/u.test(after);
  const cellEnds = before === '' || CELL_END.test(before);
  // (A row may open with a word that reads as a unit after a number: 2 | 家庭医生….)
  if (QUANTITY_AFTER.test(after)) return placed && cellEnds && words;
  return cellEnds || (placed && /^[\p{Script=Han}“《（(]/u.test(after));
}

/**
 * Cuts the stream into rows at the 序号 first, first + 1, …; `restarts` are the offsets where a
 * page's repeated header was; `figureEnd`, that the table's last column holds figures.
 */
export function cutRows(
  stream: Stream,
  first: number,
  torn: boolean,
  restarts: ReadonlySet<number>,
  figureEnd = false,
): { number: string; start: number; end: number }[] {
  const rows: { number: string; start: number; end: number }[] = [];
  const { text } = stream;
  const find = (k: number, from: number, to: number, placed: boolean): number => {
    const label = String(k);
    for (let p = text.indexOf(label, from); p >= 0 && p < to; p = text.indexOf(label, p + 1)) {
      // After a page's repeated header, the row that runs over the page break prints its number again.
      const again = String(k - 1);
      if (rows.length && restarts.has(p) && text.startsWith(again, p) && !/^\d/u.test(text.slice(p + again.length))) continue;
      if (opensRow(text, p, label.length, torn, figureEnd, placed)) return p;
    }
    return -1;
  };
  let k = first;
  let at = 0;
  for (;;) {
    let found = find(k, at, text.length, false);
    // Torn, a number whose cell before it ends in an unusual word is still the row's when the next row or the one after follows it.
    if (found < 0 && torn && rows.length) {
      let next = find(k + 1, at, text.length, false);
      if (next < 0) next = find(k + 2, at, text.length, false);
      if (next >= 0) found = find(k, at, next, true);
    }
    if (found < 0) break;
    const label = String(k);
    if (rows.length) rows.at(-1)!.end = found;
    rows.push({ number: label, start: found + label.length, end: text.length });
    at = found + label.length;
    k++;
  }
  return rows;
}

/** Offsets where a cell may begin: line starts, after a space, after a sentence, at a lead mark. */
function boundaries(text: string): Set<number> {
  const out = new Set<number>([0]);
  for (let i = 1; i < text.length; i++) {
    if (/[\n ]/u.test(text[i - 1]!) || /[。；！？]/u.test(text[i - 1]!) || LEAD.test(text[i]!)) out.add(i);
  }
  return out;
}

/** `\n` and padding out of a cell: wrapped lines run on; a space between two words stays. */
const cellText = (s: string): string =>
  s
    .replace(/\n+/gu, '')
    .replace(/[ \u3000]+/gu, ' ')
    .trim();

/** A chain of `n` body lists from `b` to the end of `text`, or null. */
function bodyChain(text: string, b: number, n: number): string[] | null {
  const cells: string[] = [];
  let at = b;
  for (let i = 0; i < n; i++) {
    const e = bodyListEnd(text, at);
    if (e < 0) return null;
    cells.push(text.slice(at, e));
    at = e;
  }
  return at >= text.length ? cells : null;
}

/**
 * `text` without line breaks and without the spaces of letter-spaced or wrapped names (市 科 技
 * 局), and for each of its characters the offset it came from.
 */
function squeeze(text: string): { flat: string; from: number[] } {
  let flat = '';
  const from: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (
      c === '\n' ||
      (c === ' ' && /\p{Script=Han}|[、，；]/u.test(text[i - 1] ?? '') && /\p{Script=Han}|[、，；*＊★]/u.test(text[i + 1] ?? ''))
    )
      continue;
    flat += c;
    from.push(i);
  }
  from.push(text.length);
  return { flat, from };
}

/**
 * Sub-rows of one numbered row: where a list of bodies ends and more text follows, a new printed
 * row begins under the same 序号 (一项任务, several targets, each with its bodies).
 */
function subRows(text: string, bodyColumns: number): string[] {
  if (!bodyColumns) return [text];
  const { flat, from } = squeeze(text);
  const cuts: number[] = [];
  for (let b = 1; b < flat.length; b++) {
    // A row's bodies follow its text's last sentence, or open with the lead mark.
    if (!LEAD.test(flat[b]!) && !/[。；！？]/u.test(flat[b - 1]!)) continue;
    if (cuts.length && b < cuts.at(-1)!) continue;
    // A section of the table (一、聚焦…) opens a row of its own.
    if (/[。；]/u.test(flat[b - 1]!) && SECTION.test(flat.slice(b))) {
      cuts.push(b);
      continue;
    }
    let at = b;
    for (let i = 0; i < bodyColumns; i++) {
      const e = bodyListEnd(flat, at);
      if (e < 0) break;
      at = e;
    }
    if (at > b && at < flat.length && /^\s*\p{Script=Han}/u.test(flat.slice(at))) cuts.push(at);
  }
  const out: string[] = [];
  let prev = 0;
  for (const c of cuts) {
    out.push(text.slice(prev, from[c]));
    prev = from[c]!;
  }
  out.push(text.slice(prev));
  return out.filter((s) => s.trim());
}

/** The figure (or amount) that ends `text`: its start, or -1. */
function figureStart(text: string, siblings: readonly string[]): number {
  const t = text.replace(/\s+$/u, '');
  const token = Math.max(t.lastIndexOf(' '), t.lastIndexOf('\n')) + 1;
  if (FIGURE.test(t.slice(token).replace(/\n/gu, ''))) return token;
  const flat = t.replace(/\n/gu, '');
  const m = /[-+]?\d[\d.,]*\s*(%|‰)?([（(][^（）()]*[）)])?$/u.exec(flat);
  if (m && m.index > 0 && /[^\d.,]$/u.test(flat.slice(0, m.index)) && FIGURE.test(m[0])) return offsetIn(t, m.index);
  // An amount with its words (总产值555亿元): the cell ends at the amount and begins after the one before.
  const ends = [...t.matchAll(AMOUNT_END)].map((x) => x.index + x[0].length);
  if (ends.at(-1) !== t.length) return -1;
  const prevEnd = ends.length >= 2 ? ends.at(-2)! : -1;
  const lastBreak = Math.max(t.lastIndexOf(' '), t.lastIndexOf('\n')) + 1;
  // Parallel columns (one per year) open with the same words: the first of them begins where those words do.
  const worded = siblings.filter((c) => !FIGURE.test(cellText(c)));
  const head = worded.length ? commonStart(worded) : '';
  if (prevEnd < 0 && head.length >= 2) {
    const flat = t.replace(/\n/gu, '');
    const at = flat.lastIndexOf(head);
    if (at > 0) return offsetIn(t, at);
  }
  return Math.max(prevEnd, prevEnd < 0 ? lastBreak : 0);
}

/** A number as printed in a figure column: no leading zero, at most one decimal point. */
const NUMBER = /^(0|[1-9]\d*)(\.\d+)?$/u;

/**
 * `n` figure columns whose figures ran together with nothing between them (a torn table:
 * 2.62.73.03.4): the cut into `n` numbers whose values lie closest together, as a row's figures
 * for successive years do, within a factor of ten; null where the text does not end in such a run.
 */
function gluedFigures(text: string, n: number): { at: number; figures: string[] } | null {
  // (Glued to the words before it too: figures the print kept apart are read one by one.)
  const m = /(?<=[^\d.\s])\d[\d.]*$/u.exec(text.trimEnd());
  if (n < 2 || !m) return null;
  // (A zero is scaled as a tenth, so that it lies far from every other figure but nothing.)
  const spread = (figures: readonly string[]): number => {
    const logs = figures.map((f) => Math.log10(Math.max(Number(f), 0.1)));
    return Math.max(...logs) - Math.min(...logs);
  };
  let best: { figures: string[]; spread: number } | null = null;
  for (const figures of numberCuts(m[0], n)) {
    const s = spread(figures);
    if (s <= 1 && (!best || s < best.spread)) best = { figures, spread: s };
  }
  return best && { at: m.index, figures: best.figures };
}

/** Every cut of `run` into `n` numbers as a figure column prints them. */
function* numberCuts(run: string, n: number): Generator<string[]> {
  if (n === 1) {
    if (NUMBER.test(run)) yield [run];
    return;
  }
  for (let end = 1; end <= run.length - n + 1; end++) {
    const f = run.slice(0, end);
    if (NUMBER.test(f)) for (const rest of numberCuts(run.slice(end), n - 1)) yield [f, ...rest];
  }
}

/** The offset in `t` of the `flatAt`-th character of `t` without its line breaks. */
function offsetIn(t: string, flatAt: number): number {
  let n = 0;
  for (let i = 0; i < t.length; i++) {
    if (t[i] === '\n') continue;
    if (n === flatAt) return i;
    n++;
  }
  return t.length;
}

function commonStart(cells: readonly string[]): string {
  const flat = cells.map((c) => cellText(c).replace(/ /gu, ''));
  let n = 0;
  while (flat.every((c) => c.length > n && c[n] === flat[0]![n]) && !/\d/u.test(flat[0]![n]!)) n++;
  return flat[0]!.slice(0, n);
}

/** Text columns told apart: by the spaces the print left, or where a numbered list (（1）…) starts again. */
function splitText(text: string, n: number): string[] | null {
  if (n === 1) return [text];
  const words = cellText(text).split(' ');
  if (words.length === n) return words;
  const flat = cellText(text);
  const restart = [...flat.matchAll(/[（(]1[）)]|(?<![\d.])1[.．、](?!\d)/gu)].map((m) => m.index);
  if (restart.length === n - 1 && restart[0]! > 0) {
    return [0, ...restart].map((s, i) => flat.slice(s, restart[i] ?? flat.length).trim());
  }
  return null;
}

/**
 * One printed row's text shared out among `kinds` (the columns after the 序号): typed columns are
 * taken from the end, the text left goes to the text columns. Null for the text columns that
 * could not be split.
 */
export function rowCells(text: string, kinds: readonly ColumnKind[]): { cells: string[]; split: boolean } {
  const cells: string[] = Array.from({ length: kinds.length }, () => '');
  let rest = text;
  let last = kinds.length - 1;
  const peeled: string[] = [];
  while (last >= 0 && kinds[last] !== 'text') {
    const kind = kinds[last]!;
    if (kind === 'bodies') {
      let n = 0;
      while (last - n >= 0 && kinds[last - n] === 'bodies') n++;
      const { flat, from } = squeeze(rest);
      const edges = boundaries(rest);
      const starts = from.flatMap((o, f) => (edges.has(o) || LEAD.test(flat[f] ?? '') || (f > 0 && from[f - 1]! + 1 < o) ? [f] : []));
      let chain: { at: number; cells: string[] } | null = null;
      for (let m = n; m >= 1 && !chain; m--)
        for (const b of starts) {
          const c = bodyChain(flat, b, m);
          if (c) {
            chain = { at: b, cells: c };
            break;
          }
        }
      if (chain) {
        chain.cells.forEach((c, i) => (cells[last - n + 1 + i] = cellText(c)));
        rest = rest.slice(0, from[chain.at]);
      }
      last -= n;
      continue;
    }
    if (kind === 'figure') {
      let n = 0;
      while (last - n >= 0 && kinds[last - n] === 'figure') n++;
      const glued = kinds[last + 1] !== 'figure' ? gluedFigures(rest, n) : null;
      if (glued) {
        glued.figures.forEach((f, i) => (cells[last - n + 1 + i] = f));
        rest = rest.slice(0, glued.at);
        last -= n;
        continue;
      }
      const at = figureStart(rest, peeled);
      if (at >= 0) {
        const cell = rest.slice(at);
        cells[last] = cellText(cell);
        peeled.push(cell);
        rest = rest.slice(0, at);
      }
    }
    last--;
  }
  const textKinds = kinds.slice(0, last + 1);
  const parts = splitText(rest, textKinds.length);
  if (parts) parts.forEach((p, i) => (cells[i] = cellText(p)));
  else cells[0] = cellText(rest);
  return { cells, split: parts !== null };
}

/**
 * The rows of a numbered table from its stream: each numbered row, cut into its printed
 * sub-rows, shared out among the columns. Columns that never split are merged in the header.
 */
export function readTable(
  stream: Stream,
  header: readonly string[],
  first: number,
  torn: boolean,
  restarts: ReadonlySet<number>,
): Omit<Table, 'caption' | 'line' | 'endLine'> | null {
  const kinds = header.map(columnKind);
  const numberAt = kinds.indexOf('number');
  const rest = kinds.filter((_, i) => i !== numberAt);
  const cut = cutRows(stream, first, torn, restarts, kinds.at(-1) === 'figure');
  if (!cut.length) return null;
  const bodyColumns = rest.filter((k) => k === 'bodies').length;
  const drafts: { number: string; cells: string[]; split: boolean; sub: number }[] = [];
  for (const row of cut) {
    const subs = subRows(dedupeRepeat(stream.text.slice(row.start, row.end), restarts, row.start, row.number), bodyColumns);
    subs.forEach((s, sub) => drafts.push({ number: row.number, ...rowCells(s, rest), sub }));
  }
  const textIdx = rest.flatMap((k, i) => (k === 'text' ? [i] : []));
  const unsplit = textIdx.length > 1 && drafts.some((d) => !d.split);
  // The text columns that run together are read as one, under their names joined.
  const keep = unsplit ? rest.map((_, i) => !textIdx.includes(i) || i === textIdx[0]) : rest.map(() => true);
  const names = header.filter((_, i) => i !== numberAt);
  const mergedName = textIdx.map((i) => names[i]!).join('／');
  const outHeader = [
    header[numberAt] ?? '序号',
    ...names.flatMap((n, i) => (!keep[i] ? [] : unsplit && i === textIdx[0] ? [mergedName] : [n])),
  ];
  const rows = drafts.map((d) => {
    const cells = unsplit ? d.cells.map((c, i) => (i === textIdx[0] ? textIdx.map((j) => d.cells[j]).join('') : c)) : d.cells;
    return [d.number, ...cells.filter((_, i) => keep[i])];
  });
  const covered: [number, number][] = [];
  drafts.forEach((d, r) => {
    if (d.sub > 0) covered.push([r, 0]);
  });
  // A cell printed once over several rows (市司法局 over three 制定目录 entries) reads in each of them.
  const outKinds = ['number' as ColumnKind, ...rest.filter((_, i) => keep[i])];
  outKinds.forEach((kind, c) => {
    if (kind !== 'bodies') return;
    const filled = rows.filter((r) => r[c]).length;
    if (!filled || filled < rows.length / 2) return;
    for (let r = 1; r < rows.length; r++) {
      if (!rows[r]![c] && rows[r - 1]![c]) {
        rows[r]![c] = rows[r - 1]![c]!;
        covered.push([r, c]);
      }
    }
  });
  return { header: outHeader, rows, covered, merged: unsplit ? textIdx.map((i) => names[i]!) : [] };
}

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/gu, '\\$&');

/** After a page break the row's own first cell may be printed again with its number: read it once. */
function dedupeRepeat(text: string, restarts: ReadonlySet<number>, offset: number, number: string): string {
  let out = text;
  // Where the extraction marks no page break, the row's number and the start of its first cell, printed again, do.
  const again = [...out.matchAll(new RegExp(`(?<=${CELL_END.source.slice(0, -1)})${number}(?=${escape(out.slice(0, 4))})`, 'gu'))].map(
    (m) => m.index,
  );
  // From the last page break back, so that the offsets of the earlier ones still hold.
  for (const at of [...new Set([...[...restarts].map((r) => r - offset), ...again])].sort((x, y) => y - x)) {
    if (at <= 0 || at >= out.length) continue;
    const before = out.slice(0, at);
    // Only the row's own number: other figures at the page's top are the row's cells going on.
    let after = out.slice(at).replace(new RegExp(`^${number}(?![\\d.．])`, 'u'), '');
    let n = 0;
    while (n < before.length && n < after.length && before[n] === after[n]) n++;
    if (n >= 4) after = after.slice(n);
    out = before + after;
  }
  return out;
}

/**
 * A table with no 序号 whose last columns are bodies (主要任务 | 牵头单位 | 责任单位): each row ends
 * where its list of bodies does.
 */
export function readUnnumbered(stream: Stream, header: readonly string[]): Omit<Table, 'caption' | 'line' | 'endLine'> | null {
  const kinds = header.map(columnKind);
  const bodyColumns = kinds.filter((k) => k === 'bodies').length;
  if (!bodyColumns || kinds.at(-1) !== 'bodies') return null;
  const subs = subRows(stream.text, bodyColumns);
  if (subs.length < 2) return null;
  const rows = subs.map((s) => rowCells(s, kinds).cells);
  const covered: [number, number][] = [];
  kinds.forEach((kind, c) => {
    if (kind !== 'bodies') return;
    for (let r = 1; r < rows.length; r++)
      if (!rows[r]![c] && rows[r - 1]![c]) {
        rows[r]![c] = rows[r - 1]![c]!;
        covered.push([r, c]);
      }
  });
  return { header: [...header], rows, covered, merged: [] };
}
