/**
 * Rows of a table whose cells came through as a grid (markdown), read back into the header's
 * columns. The grid loses what the print shows by its lines: a merged cell is blank in the rows
 * it covers, a row whose first cells are merged from above may start a column early, and a
 * column the print splits in two (指标 with its sub-indicators) gives some rows a cell too many.
 * The 序号 column tells where each row stands.
 */
import type { Block } from '../blocks.ts';
import { FIGURE, ROW_NUMBER, columnKind } from './cells.ts';

const trimEnd = (row: readonly string[], min: number): string[] => {
  const out = [...row];
  while (out.length > min && !out.at(-1)!.trim()) out.pop();
  return out;
};

/** A value printed in a figure column: a figure, a bound (≥90), or a phrase standing for one. */
const figureLike = (cell: string): boolean => FIGURE.test(cell.replace(/^[≥≤<>]/u, '')) || cell === '';

export function alignTable(block: Block): Block {
  const [head, ...body] = block.rows ?? [];
  if (block.kind !== 'table' || block.covered || !head) return block;
  const header = trimEnd(head, 1);
  const kinds = header.map(columnKind);
  const seq = kinds.indexOf('number');
  if (seq < 0) return block;
  const rows = body.map((raw) => {
    let row = trimEnd(raw, 0);
    // A row that starts with its 序号 before the 序号 column: the merged cells before it were left out.
    const at = row.findIndex((c) => c.trim() !== '');
    if (at >= 0 && at < seq && ROW_NUMBER.test(row[at]!.trim()) && !ROW_NUMBER.test(row[seq]?.trim() ?? ''))
      row = [...Array<string>(seq - at).fill(''), ...row.slice(at)];
    // A cell too many: a text column printed in two (指标 | 百强医院市级指标), read as one.
    while (row.length > header.length) {
      const k = row.findIndex((_, i) => i > seq && i + 1 < row.length && kinds[i + 1] === 'figure' && !figureLike(row[i + 1]!.trim()));
      if (k < 0) break;
      row = [...row.slice(0, k), [row[k], row[k + 1]].filter((c) => c!.trim()).join(' '), ...row.slice(k + 2)];
    }
    return Array.from({ length: header.length }, (_, i) => row[i] ?? '');
  });
  // The cells merged over several rows (类别 before the 序号, and 序号 over a row's sub-rows) read in each of them.
  const covered: [number, number][] = [];
  for (let c = 0; c <= seq; c++)
    for (let r = 1; r < rows.length; r++)
      if (!rows[r]![c]!.trim() && rows[r - 1]![c]!.trim()) {
        rows[r]![c] = rows[r - 1]![c]!;
        covered.push([r + 1, c]);
      }
  return { ...block, rows: [header, ...rows], ...(covered.length && { covered }) };
}
