/**
 * Tables in raw PDF text whose rows survived as lines of space-separated cells (the statistics of
 * every issue): `一、规模以上工业增加值 亿元 91.36 6.6 597.46 7.8`. A row has several cells and
 * at least two of them are figures (or —— for no data). The header above the first row is often
 * broken over several short lines (`指标 单位 当月` / `同比` / `±%` …); its words are put back
 * into as many columns as the rows have.
 */
import type { Block } from './blocks.ts';
import { SOURCE_CREDIT } from './conventions.ts';
import type { Line } from './lines.ts';

const FIGURE = /^([-+]?\d[\d.,]*%?|——|—|-|…)$/u;

export function cellsOf(text: string): string[] {
  return text.trim().split(/[ \t\u3000]+/u);
}

export function isTableRow(text: string): boolean {
  const cells = cellsOf(text);
  return cells.length >= 4 && cells.filter((c) => FIGURE.test(c)).length >= 2;
}

/** Header words → `width` columns: a word that starts with a sign (±%) belongs to the word before it. */
export function headerRow(fragments: readonly string[], width: number): string[] | null {
  const words: string[] = [];
  for (const w of fragments.flatMap(cellsOf)) {
    if (words.length && /^[±%‰]/u.test(w)) words[words.length - 1] += w;
    else words.push(w);
  }
  return words.length === width ? words : null;
}

/**
 * The table starting at line `i` of `lines`: its block and how many lines it took, or null. The
 * header is the run of short lines just before the first row; they were already emitted as
 * blocks, so those blocks are taken back from `blocks`.
 */
export function tableAt(lines: readonly Line[], i: number, blocks: Block[]): { block: Block; used: number } | null {
  if (!isTableRow(lines[i]!.text)) return null;
  let j = i;
  while (j < lines.length && isTableRow(lines[j]!.text)) j++;
  const rows = lines.slice(i, j).map((l) => cellsOf(l.text));
  const width = Math.max(...rows.map((r) => r.length));
  let h = i;
  while (h > 0 && i - h < 10 && lines[h - 1]!.width <= 12 && lines[h - 1]!.group === undefined && !SOURCE_CREDIT.test(lines[h - 1]!.text))
    h--;
  const header =
    h < i
      ? headerRow(
          lines.slice(h, i).map((l) => l.text),
          width,
        )
      : null;
  let first = lines[i]!.n;
  if (header) {
    const taken = new Set(lines.slice(h, i).map((l) => l.n));
    while (blocks.length && taken.has(blocks.at(-1)!.line)) blocks.pop();
    rows.unshift(header);
    first = lines[h]!.n;
  }
  return { block: { kind: 'table', text: '', rows, line: first, endLine: lines[j - 1]!.n, page: lines[i]!.page }, used: j - i };
}
