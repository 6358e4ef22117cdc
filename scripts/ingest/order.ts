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
import { isAnnexHeading, isStandalone, numberingOf } from './blocks.ts';
import {
  TITLE_OPENING,
  SUBTITLE_OPENING,
  ANNEX_HEADING,
  ANNEX_LABEL,
  ANNEX_LIST,
  CLAUSE_MARK,
  DATED_OPENING,
  SENTENCE_END,
  UNIT_END,
  SOURCE_CREDIT,
  compact,
  endsWithDocumentKind,
  isHeadline,
  isInterpretationTitle,
  isOrganisation,
  isSalutation,
  parseDateLine,
  parseDecree,
  parseDocNumber,
  parseNormativeCode,
  sectionOf,
} from './conventions.ts';
import { type Line, measure, widest } from './lines.ts';
import { isTableRow } from './tables.ts';

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
  // A line indented with a full-width space continues an item above it (a hanging indent).
  // (Closing punctuation hangs in the margin: it does not widen the line.)
  const width = l.width - (/[，。、；：？！”’）》」』】〕]$/u.test(s) ? 1 : 0);
  if (!s || width > Math.max(full + 4, widest(full)) || l.hanging) return false;
  if (parseDocNumber(s) || parseNormativeCode(s) || sectionOf(s) || ANNEX_LABEL.test(s) || isAnnexHeading(s)) return true;
  // Nor does a title hold sentence punctuation or an item's number (…专项行动措施4.温州市…: a list run on).
  if (isStandalone(s) || parseDateLine(s) || numberingOf(s) || /[。；：:，,！？]|\d[.．](?!\d)/u.test(s)) return false;
  return true;
}

/** The list of attachments (附件：…) filling its line mid-phrase goes on in the next line, unless that stands alone (a 文号). */
function runsOnList(before: Line | undefined, full: number): boolean {
  return before !== undefined && ANNEX_LIST.test(t(before)) && before.width >= full && !UNIT_END.test(t(before));
}

/**
 * A title out of place: it ends its page, or it cuts a sentence (the line before it fills the
 * measure and ends mid-sentence). A title between finished paragraphs is where it was printed.
 */
function misplaced(page: readonly Line[], g: Group, full: number): boolean {
  // (Past a title printed just before it: 文号 and title of a notice, then the title of the plan it issues.)
  const before = page.slice(0, g.start).findLast((l) => l.group === undefined);
  if (!before || g.end === page.length - 1) return true;
  return before.width >= full && !SENTENCE_END.test(compact(before.text));
}

const SUBTITLE = /^[（(].{1,30}[）)]$/u;
/** A title ending in …的 and one of the 公文's 文种 (党政机关公文处理工作条例) is complete: no line goes on with it. */
const COMPLETE = /的(决议|决定|命令|公报|公告|通告|意见|通知|通报|报告|请示|批复|议案|函|纪要)$/u;
/** A title that passes another body's document on opens with the verb (转发市人力社保局等部门关于…的通知). */
const TITLE_VERB = /^(转发|批转|印发)/u;

const PAIRS: Record<string, string> = { '》': '《', '）': '（', ')': '(', '”': '“', '〕': '〔', '】': '【' };
const OPENERS = new Set(Object.values(PAIRS));

/** A line that closes a bracket or quotation it did not open goes on with the text before it: it opens no title. */
function closesUnopened(s: string): boolean {
  const open = new Map<string, number>();
  for (const c of s) {
    const opener = PAIRS[c];
    if (opener === undefined) {
      if (OPENERS.has(c)) open.set(c, (open.get(c) ?? 0) + 1);
      continue;
    }
    if (!open.get(opener)) return true;
    open.set(opener, open.get(opener)! - 1);
  }
  return false;
}

/** A section's title (发文目录, …统计指标) wrapped at the measure: how many lines of the run it takes from `s`, or 0. */
function sectionTitleLines(lines: readonly Line[], s: number, to: number): number {
  let text = '';
  for (let j = s; j <= Math.min(to, s + 2); j++) {
    text += t(lines[j]!);
    if (sectionOf(text)) return j - s + 1;
  }
  return 0;
}

/**
 * The title starting at line `s` of a run of title lines (up to `to`), or null. A title runs on
 * while its text does not yet end in a 文种, and takes in a 文号 or a bracketed subtitle printed
 * after it; a line that opens a new title (温州市…, 关于…) ends it.
 */
function titleAt(lines: readonly Line[], s: number, to: number, full = Infinity): Group | null {
  const first = t(lines[s]!);
  if (closesUnopened(first)) return null;
  const section = sectionTitleLines(lines, s, to);
  if (section) return { start: s, titleEnd: s + section - 1, end: s + section - 1, kind: 'top' };
  // A decree's title (温州市人民政府令 / 第153号) heads it as a 文号 heads a 公文.
  const decree = parseDecree(first, lines[s + 1] ? t(lines[s + 1]!) : '');
  if (decree) return { start: s, titleEnd: s + decree.lines - 1, end: s + decree.lines - 1, kind: 'file' };
  let text = '';
  let numbered = false;
  let hasDocNumber = false;
  let annex = false;
  let issuer = '';
  let end = -1;
  // A title block is a few lines; a long run of short lines is a torn table, not a title.
  for (let j = s; j <= Math.min(to, s + 8); j++) {
    const x = t(lines[j]!);
    const docNumber = parseDocNumber(x) !== null;
    // A title block opens with its 文号 and code, and a title with 关于 (or its issuer, printed under
    // the 文号): lines before them are the end of the body text the block was printed after.
    if (end < 0 && ((text && x.startsWith('关于') && !TITLE_VERB.test(text)) || ((text || issuer) && (docNumber || parseNormativeCode(x)))))
      return null;
    if (docNumber || parseNormativeCode(x)) {
      // One 文号 to a title; a second one, or a code after a finished title, opens the next title block.
      if (end >= 0 && (!docNumber || hasDocNumber)) break;
      numbered = true;
      hasDocNumber ||= docNumber;
      if (end >= 0) end = j;
      continue;
    }
    if (sectionOf(x)) break;
    if (j === s && ANNEX_LABEL.test(x)) {
      annex = true;
      continue;
    }
    if (
      end >= 0 &&
      !SUBTITLE.test(x) &&
      (COMPLETE.test(text) || TITLE_OPENING.test(x) || ANNEX_LABEL.test(x) || ANNEX_HEADING.test(x) || !endsWithDocumentKind(text + x))
    )
      break;
    // An issuer line heads a 公文's title; an annex's title follows its label directly (and may name an organisation: …县级医院).
    if (isOrganisation(x) && !text && !annex) {
      issuer += x;
      continue;
    }
    if (j === s && ANNEX_HEADING.test(x)) annex = true;
    text += x;
    if (endsWithDocumentKind(text) || isInterpretationTitle(text) || (end >= 0 && SUBTITLE.test(x))) end = j;
  }
  // An annex may be anything (a 承诺书, a 清单, a form): its label makes the title, of one line after
  // the label or on the label's line; a label alone (its title set elsewhere) is placed the same way.
  // A heading that fills the measure (附件5　特殊建设工程施工图设计质 / 量承诺书) wraps into the next line.
  if (end < 0 && annex) end = (text && !ANNEX_HEADING.test(first)) || lines[s]!.width >= full ? Math.min(s + 1, to) : s;
  if (end < 0) return null;
  const body = annex ? text.replace(/^附件\s*\d*\s*/u, '') : text;
  const kind: GroupKind = numbered ? 'file' : annex || isInterpretationTitle(text) ? 'top' : 'plan';
  // A plan's title names its place or issuer (温州市…) or opens with 关于; a line that merely ends a sentence does not.
  // Its first line may end in an organisation's name (温州市加快…县级医院 / 建设专项行动措施): then it is no issuer.
  if (kind === 'plan' && !TITLE_OPENING.test(body) && !TITLE_OPENING.test(issuer + body)) return null;
  return { start: s, titleEnd: end, end, kind };
}

function groupsIn(lines: readonly Line[], from: number, to: number, full: number): Group[] {
  const groups: Group[] = [];
  for (let i = from; i <= to; i++) {
    const g = titleAt(lines, i, to, full);
    if (!g) continue;
    groups.push(g);
    i = g.titleEnd;
  }
  return groups;
}

/** The indent of a paragraph's first line, in characters. */
const INDENT = 2;

/** A headline set as two halves with a wide space between them (创新“365”体系  破解托养难题). */
const HALVES = /^\S+[ \u3000]{2,}\S+$/u;

/** A page of photo captions: dated phrases (10月22日，…) with no full stop, the cover's photos printed at the back. */
function captionPage(page: readonly Line[]): boolean {
  return page.length > 0 && DATED_OPENING.test(t(page[0]!)) && !page.some((l) => /[。！？]/u.test(l.text));
}

/**
 * A page that opens a new piece (the page before it ended its sentence) with a few unpunctuated
 * lines and then prose opens with a headline: a feature's title, printed over one to three lines.
 */
function openingHeadline(page: readonly Line[], previous: readonly Line[], full: number): number {
  const before = previous.at(-1);
  // After a table or photo captions (not prose, whose paragraph may go on over the page) a new piece begins.
  const afterProse = before !== undefined && !isTableRow(before.text) && !SOURCE_CREDIT.test(t(before)) && !captionPage(previous);
  if (afterProse && !SENTENCE_END.test(compact(before.text))) return 0;
  // There (not on a first page, which follows nothing), a line wider than a paragraph's indented
  // first line opens no paragraph.
  const unindented = before === undefined || afterProse ? Infinity : measure(page) - INDENT;
  let k = 0;
  while (k < 3 && k < page.length) {
    const l = page[k]!;
    const s = t(l);
    // A headline is set short of a full line (as short as a paragraph's indented first line at most), or, after a
    // table or captions, wider than an indented line, or as two halves (`A  B`); its second line may run longer.
    const tooWide = k === 0 ? l.width >= full - 0.5 && l.width <= unindented && !HALVES.test(l.text) : l.width > full + 4;
    // (A line of a character or two is a torn table's, unless it ends a headline line that fills the measure.)
    const stray = l.width < 4 && !(k > 0 && page[k - 1]!.width >= full);
    if (!isHeadline(s) || tooWide || stray || l.group !== undefined || numberingOf(s) || isStandalone(s)) break;
    k++;
  }
  const prose = page[k];
  return k > 0 && prose !== undefined && CLAUSE_MARK.test(prose.text) && prose.width >= full - 2 ? k : 0;
}

/** After a 公文 title block: salutation, transmittal, signature and date move with it. */
function headRunEnd(lines: readonly Line[], after: number, pageEnd: number, full: number): number {
  if (!isSalutation(lines[after + 1]?.text ?? '')) return after;
  for (let i = after + 1; i <= pageEnd; i++) {
    if (!parseDateLine(t(lines[i]!))) continue;
    // The title of the plan the notice issues is printed right under the signature: it moves too.
    let to = i;
    while (to + 1 <= pageEnd && isTitleLine(lines[to + 1]!, full)) to++;
    const plan = to > i ? titleAt(lines, i + 1, to) : null;
    return plan?.kind === 'plan' ? plan.titleEnd : i;
  }
  return after;
}

export function restoreOrder(input: readonly Line[], full: number, pageFull: ReadonlyMap<number, number>): Line[] {
  const lines = input.map((l) => ({ ...l }));
  let groupId = 0;
  const pages: [number, number][] = [];
  lines.forEach((l, i) => {
    if (i === 0 || l.pageStart) pages.push([i, i]);
    pages[pages.length - 1]![1] = i;
  });
  const out: Line[] = [];
  for (const [p, [first, last]] of pages.entries()) {
    const page = lines.slice(first, last + 1);
    const previous = pages[p - 1];
    const headline = openingHeadline(page, previous ? lines.slice(previous[0], previous[1] + 1) : [], pageFull.get(page[0]!.sheet) ?? full);
    // A headline line that names a place after the first is the subtitle, a title of its own.
    for (let k = 0; k < headline; k++) {
      if (k > 0 && SUBTITLE_OPENING.test(t(page[k]!))) groupId++;
      page[k]!.group = groupId;
    }
    if (headline) groupId++;
    const moves: { group: Group; target: number }[] = [];
    for (let i = 0; i < page.length; i++) {
      if (!isTitleLine(page[i]!, full) || (runsOnList(page[i - 1], full) && !isStandalone(page[i]!.text))) continue;
      let j = i;
      while (j + 1 < page.length && isTitleLine(page[j + 1]!, full)) j++;
      for (const g of groupsIn(page, i, j, pageFull.get(page[0]!.sheet) ?? full)) {
        for (let k = g.start; k <= g.titleEnd; k++) page[k]!.group = groupId;
        groupId++;
        if (g.start === 0) continue;
        if (g.kind === 'file') {
          g.end = headRunEnd(page, g.end, page.length - 1, full);
          let target = 0;
          for (let k = g.start - 1; k > 0; k--)
            if (isSalutation(page[k]!.text)) {
              target = k;
              break;
            }
          // A salutation that runs over two lines (…市财务开发公司、 / 市科技创业投资有限公司：) starts on
          // the first: a full line before it that ends no sentence, or one ending in a comma, is part of it.
          const runsOn = (l: Line): boolean => /[，、,]$/u.test(t(l)) || (l.width >= full && !/[。！？；：:!?;）)]$/u.test(t(l)));
          while (target > 0 && runsOn(page[target - 1]!)) target--;
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
