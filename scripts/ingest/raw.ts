/**
 * Stage 4 (raw PDF text) — reflow: content lines → blocks.
 *
 * Paragraph ends come from the printed layout, not from the extraction's blank lines: a line
 * that fills the measure goes on in the next line (across page breaks and removed artifacts); a
 * short line ends its paragraph unless it stops mid-phrase; numbering, salutations, 文号, dates
 * and other standalone lines always stand alone.
 */
import { type Block, isStandalone, joinText, numberingOf } from './blocks.ts';
import { CONTINUES, SENTENCE_END, compact, isOrganisation } from './conventions.ts';
import type { LineFate } from './issue.ts';
import { type Line, artifactOf, cellWidth, unLetterSpace } from './lines.ts';
import { splitPages } from './pages.ts';
import type { Source } from './read.ts';

/** The measure: the most common width of a full body line. */
export function measure(lines: readonly Line[]): number {
  const counts = new Map<number, number>();
  for (const l of lines) if (l.width >= 10) counts.set(Math.round(l.width), (counts.get(Math.round(l.width)) ?? 0) + 1);
  let best = 20;
  let most = 0;
  for (const [w, c] of counts) if (c > most || (c === most && w > best)) [best, most] = [w, c];
  return best;
}

export function contentLines(source: Source, fates: LineFate[]): Line[] {
  const pages = splitPages(source.lines);
  const out: Line[] = [];
  for (const page of pages) {
    for (let i = page.start; i <= page.end; i++) {
      const raw = source.lines[i]!;
      if (!raw.trim()) continue;
      const prevBlank = i === 0 || !source.lines[i - 1]!.trim() || i === page.start;
      const nextBlank = i + 1 >= source.lines.length || !source.lines[i + 1]!.trim();
      const artifact = artifactOf(raw, prevBlank && nextBlank);
      if (artifact) {
        fates[i] = { kind: 'dropped', reason: artifact.reason };
        continue;
      }
      const text = unLetterSpace(raw.trim());
      out.push({ n: i + 1, text, width: cellWidth(text), pageStart: i === page.start && i > 0, page: page.number });
    }
  }
  return out;
}

function joins(prev: Line, next: Line, full: number, indented: boolean): boolean {
  if (indented || isStandalone(prev.text) || isStandalone(next.text) || numberingOf(next.text)) return false;
  const ended = SENTENCE_END.test(compact(prev.text));
  // A line longer than the measure was never wrapped: a sentence end there ends the paragraph.
  if (prev.width > full + 4.5) return !ended;
  if (prev.width >= full) return !(ended && isOrganisation(next.text));
  return CONTINUES.test(compact(prev.text));
}

export function rawBlocks(source: Source, fates: LineFate[]): Block[] {
  const lines = contentLines(source, fates);
  const full = measure(lines) - 2.5;
  const blocks: Block[] = [];
  let prev: Line | null = null;
  for (const line of lines) {
    const rawLine = source.lines[line.n - 1]!;
    // Right-aligned or centred lines (signatures, dates, titles) are printed apart from the text.
    const indented = /^[ \u3000]{4,}/u.test(rawLine) && !line.pageStart;
    const current = blocks.at(-1);
    if (prev && current && joins(prev, line, full, indented)) {
      current.text = joinText(current.text, line.text);
      current.endLine = line.n;
    } else {
      blocks.push({ kind: 'text', text: line.text, line: line.n, endLine: line.n, page: line.page });
    }
    prev = line;
  }
  return blocks;
}
