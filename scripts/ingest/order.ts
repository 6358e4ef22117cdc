/**
 * Stage 3b (raw PDF text) — reading order: put title blocks back where the printed page has them.
 *
 * A PDF extraction emits the large-type lines of a page (文号, title, section titles, the title of
 * an attached plan) after the body text of that page, often in the middle of a sentence. In a 公报
 * every document and every section begins on a new page, so a title found inside a page belongs:
 *  - for a 公文 title block (with its 文号 or 规范性文件编号): at the top of the document — before
 *    the salutation on that page, else at the top of the page; when the salutation, transmittal
 *    and signature follow the title block, they move with it;
 *  - for the title of an attached plan (实施方案, 办法 …): right after the signature, when the
 *    notice's signature is printed before it on the page, else at the top of the page;
 *  - for section and annex titles and titles of 政策解读: at the top of the page.
 * A title that already stands at the top of its page stays.
 */
import { isStandalone, numberingOf } from './blocks.ts';
import {
  ANNEX_HEADING,
  ANNEX_LABEL,
  SENTENCE_END,
  compact,
  endsWithDocumentKind,
  isInterpretationTitle,
  isOrganisation,
  isSalutation,
  parseDateLine,
  parseDocNumber,
  parseNormativeCode,
  sectionOf,
} from './conventions.ts';
import type { Line } from './lines.ts';

type GroupKind = 'file' | 'plan' | 'top';

interface Group {
  start: number;
  /** Last line of the title itself. */
  titleEnd: number;
  /** Last line that moves with it (a 公文's salutation, transmittal and signature follow its title). */
  end: number;
  kind: GroupKind;
}

const t = (l: Line): string => compact(l.text);

/** A line of large type: a title line, 文号, 规范性文件编号 or section title. Titles are centred within the measure. */
function isTitleLine(l: Line, full: number): boolean {
  const s = t(l);
  if (!s || l.width > full + 4) return false;
  if (parseDocNumber(s) || parseNormativeCode(s) || sectionOf(s)) return true;
  if (isStandalone(s) || parseDateLine(s) || numberingOf(s) || /[。；：:，,！？]/u.test(s)) return false;
  return true;
}

/**
 * A title out of place: it ends its page, or it cuts a sentence (the line before it fills the
 * measure and ends mid-sentence). A title between finished paragraphs is where it was printed.
 */
function misplaced(page: readonly Line[], g: Group, full: number): boolean {
  const before = page[g.start - 1];
  if (!before || g.end === page.length - 1) return true;
  return before.width >= full && !SENTENCE_END.test(compact(before.text));
}

/** Split a run of title lines into the groups it holds, each ending where its title ends. */
function groupsIn(lines: readonly Line[], from: number, to: number): Group[] {
  const groups: Group[] = [];
  let start = from;
  let text = '';
  let numbered = false;
  for (let i = from; i <= to; i++) {
    const s = t(lines[i]!);
    if (parseDocNumber(s) || parseNormativeCode(s)) numbered = true;
    else if (!(isOrganisation(s) && !text)) text += s;
    const section = sectionOf(s) !== null;
    const annex = ANNEX_LABEL.test(s) || ANNEX_HEADING.test(s);
    const complete = section || (text && (endsWithDocumentKind(text) || isInterpretationTitle(text)));
    // A 文号 printed after the title still belongs to it.
    const numberNext = i + 1 <= to && parseDocNumber(t(lines[i + 1]!)) !== null && !numbered;
    const subtitleNext = i + 1 <= to && /^[（(].{1,30}[）)]$/u.test(t(lines[i + 1]!));
    if (complete && !numberNext && !subtitleNext) {
      const kind: GroupKind = numbered ? 'file' : section || annex || isInterpretationTitle(text) ? 'top' : 'plan';
      groups.push({ start, titleEnd: i, end: i, kind: annex && !numbered ? 'top' : kind });
      start = i + 1;
      text = '';
      numbered = false;
    }
  }
  return groups;
}

/** After a 公文 title block: salutation, transmittal, signature and date move with it. */
function headRunEnd(lines: readonly Line[], after: number, pageEnd: number): number {
  if (!isSalutation(lines[after + 1]?.text ?? '')) return after;
  for (let i = after + 1; i <= pageEnd; i++) {
    if (parseDateLine(t(lines[i]!))) return i;
  }
  return after;
}

export function restoreOrder(input: readonly Line[], full: number): Line[] {
  const lines = input.map((l) => ({ ...l }));
  let groupId = 0;
  const pages: [number, number][] = [];
  lines.forEach((l, i) => {
    if (i === 0 || l.pageStart) pages.push([i, i]);
    pages[pages.length - 1]![1] = i;
  });
  const out: Line[] = [];
  for (const [first, last] of pages) {
    const page = lines.slice(first, last + 1);
    const moves: { group: Group; target: number }[] = [];
    for (let i = 0; i < page.length; i++) {
      if (!isTitleLine(page[i]!, full)) continue;
      let j = i;
      while (j + 1 < page.length && isTitleLine(page[j + 1]!, full)) j++;
      for (const g of groupsIn(page, i, j)) {
        for (let k = g.start; k <= g.titleEnd; k++) page[k]!.group = groupId;
        groupId++;
        if (g.start === 0) continue;
        if (g.kind === 'file') {
          g.end = headRunEnd(page, g.end, page.length - 1);
          let target = 0;
          for (let k = g.start - 1; k > 0; k--)
            if (isSalutation(page[k]!.text)) {
              target = k;
              break;
            }
          if (target < g.start) moves.push({ group: g, target });
        } else if (!misplaced(page, g, full)) {
          continue;
        } else if (g.kind === 'plan') {
          const dateAt = page.slice(0, g.start).findLastIndex((l) => parseDateLine(t(l)) !== null);
          const target = dateAt >= 0 ? dateAt + 1 : 0;
          if (target < g.start) moves.push({ group: g, target });
        } else moves.push({ group: g, target: 0 });
      }
      i = j;
    }
    out.push(...applyMoves(page, moves));
  }
  return out;
}

function applyMoves(page: readonly Line[], moves: readonly { group: Group; target: number }[]): Line[] {
  if (!moves.length) return [...page];
  const moved = new Set<number>();
  const before = new Map<number, number[]>();
  for (const { group, target } of moves) {
    const idx = Array.from({ length: group.end - group.start + 1 }, (_, k) => group.start + k);
    idx.forEach((k) => moved.add(k));
    before.set(target, [...(before.get(target) ?? []), ...idx]);
  }
  const order: number[] = [];
  page.forEach((_, i) => {
    order.push(...(before.get(i) ?? []));
    if (!moved.has(i)) order.push(i);
  });
  return order.map((i) => page[i]!);
}
