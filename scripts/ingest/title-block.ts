/**
 * Titles in large type, read in one place: the title block of a 公文 (GB/T 9704) and the other
 * titles a 公报 prints — of the plan a notice issues, of an annex, of a 政策解读, of a section.
 * Reading order (order.ts) reads them among printed lines, to put them back where they were
 * printed; the document splitter (documents.ts) and the metadata (metadata.ts) among blocks, to
 * find where a 公文 begins and what its head holds.
 *
 * A 公文's head holds its 规范性文件统一编号 and 文号 (over the title, or the 文号 under it), its
 * issuer (发文机关) on a line of its own or opening the title, the title (over one or more lines,
 * ending in its 文种, a bracketed subtitle under it), then the salutation (主送机关), the text that
 * issues an attached plan, the signature and the date. Codes and numbers are read in any dash,
 * bracket and spacing (conventions.ts).
 *
 * The reader sees lines and blocks alike, as `TitleItem`s. What only a line has — its printed
 * width, set against the measure — is the parameter `full`: a block has no width and is read
 * with `full = Infinity`. What only a block knows — whether it was printed in large type — is
 * `large`, unknown (undefined) for a line, whose large type is what the reader tells.
 */
import { type Block, isAnnexHeading, isStandalone, numberingOf } from './blocks.ts';
import {
  ANNEX_HEADING,
  ANNEX_LABEL,
  ANNEX_PREFIX,
  CONTINUES,
  MID_WORD,
  TITLE_OPENING,
  compact,
  endsWithDocumentKind,
  isInterpretationTitle,
  isOrganisation,
  isSalutation,
  parseDateLine,
  parseDecree,
  parseDocNumber,
  parseNormativeCode,
  sectionOf,
} from './conventions.ts';
import { type Line, widest, widthWithin } from './lines.ts';
import { isTorn, opensHeader, tornRun } from './tables/read.ts';

/** A line or block as the reader sees it. */
export interface TitleItem {
  /** The text, compacted. */
  text: string;
  /** The printed width in character cells (a line's); 0 for a block. */
  width: number;
  /** Indented with a full-width space: a list item's continuation. */
  hanging: boolean;
  /** Printed in large type, where known (a block's); undefined for a line. */
  large: boolean | undefined;
}

export const lineItem = (l: Line): TitleItem => ({
  text: compact(l.text),
  width: l.width,
  hanging: l.hanging === true,
  large: undefined,
});

export const blockItem = (b: Block): TitleItem => ({
  text: b.kind === 'text' || b.kind === 'heading' ? compact(b.text) : '',
  width: 0,
  hanging: false,
  large: b.kind === 'heading' || b.title === true,
});

/**
 * What a title is: a 公文's (`file`, with its 文号 or code, or a decree), a plan's the notice
 * issues (`plan`), or one that heads its page (`top`: a section's, an annex's, a 政策解读's).
 */
export type TitleKind = 'file' | 'plan' | 'top';

export interface TitleBlock {
  start: number;
  /** The last item of the title itself (with its 文号 or subtitle printed under it). */
  titleEnd: number;
  /** The last item that goes with it (a 公文's salutation, transmittal and signature follow its title). */
  end: number;
  kind: TitleKind;
  /** It holds a 文号 (or is a decree, whose number is its 文号). */
  numbered: boolean;
  /** What each item of the title (from `start` to `titleEnd`) is. */
  roles: TitleRole[];
}

/** The parts of a title: its 文号 (a decree's number), 规范性文件编号, issuer, an annex's label, and the title's own lines. */
export type TitleRole = 'number' | 'code' | 'issuer' | 'label' | 'title';

/**
 * An item that may be part of a title: a 文号, code, section, annex label or heading, or a line
 * with no sentence punctuation (标题中除法规、规章名称加书名号外，一般不用标点符号) and no
 * item number, no wider than the measure, not hanging under a list item.
 */
export function mayBeTitle(item: TitleItem, full: number): boolean {
  const s = item.text;
  const width = widthWithin(s, item.width);
  if (!s || width > Math.max(full + 4, widest(full)) || item.hanging) return false;
  if (parseDocNumber(s) || parseNormativeCode(s) || sectionOf(s) || ANNEX_LABEL.test(s) || isAnnexHeading(s)) return true;
  // Nor does a title hold an item's number (…专项行动措施4.温州市…: a list run on).
  if (isStandalone(s) || parseDateLine(s) || numberingOf(s) || /[。；：:，,！？]|\d[.．](?!\d)/u.test(s)) return false;
  return true;
}

/** A title block is a few lines; a long run of short lines is a torn table, not a title. */
const TITLE_ITEMS = 9;

const SUBTITLE = /^[（(].{1,30}[）)]$/u;
/**
 * A title ending in …的 and one of the 公文's 文种 (党政机关公文处理工作条例) is complete: no line goes on
 * with it; nor does one with a 政策解读 (…的政策解读 / 未达到…标准 is its text).
 */
const COMPLETE = /的(决议|决定|命令|公报|公告|通告|意见|通知|通报|报告|请示|批复|议案|函|纪要)$/u;
/** A title that passes another body's document on opens with the verb (转发市人力社保局等部门关于…的通知). */
const TITLE_VERB = /^(转发|批转|印发)/u;

const PAIRS: Record<string, string> = { '》': '《', '）': '（', ')': '(', '”': '“', '〕': '〔', '】': '【' };
const OPENERS = new Set(Object.values(PAIRS));
const BRACKET = /[《》（）()“”〔〕【】]/gu;

/**
 * How a line stands with brackets and quotation marks: a line that closes one it did not open goes
 * on with the text before it, and one that leaves one open goes on in the next line; neither is
 * where a title begins.
 */
export function brackets(s: string): { closesUnopened: boolean; leftOpen: string[] } {
  const open = new Map<string, number>();
  let closesUnopened = false;
  // (Most lines hold no bracket at all: the characters between are not looked at.)
  for (const m of s.matchAll(BRACKET)) {
    const c = m[0];
    const opener = PAIRS[c];
    if (opener === undefined) {
      if (OPENERS.has(c)) open.set(c, (open.get(c) ?? 0) + 1);
    } else if (open.get(opener)) open.set(opener, open.get(opener)! - 1);
    else closesUnopened = true;
  }
  return { closesUnopened, leftOpen: [...open].flatMap(([c, n]) => (n > 0 ? [c] : [])) };
}

/** A section's title (发文目录, …统计指标) wrapped at the measure: how many items of the run it takes from `s`, or 0. */
function sectionTitleItems(items: readonly TitleItem[], s: number, to: number): number {
  let text = '';
  for (let j = s; j <= Math.min(to, s + 2); j++) {
    text += items[j]!.text;
    if (sectionOf(text)) return j - s + 1;
  }
  return 0;
}

/**
 * A salutation opens at item `at`: the salutation under a title makes it a 公文's. It may be cut
 * mid-word at the measure (各县（市、区）人民政府，市政 / 府直属各单位：).
 */
export const salutes = (items: readonly TitleItem[], at: number): boolean =>
  isSalutation(items[at]?.text ?? '') || isSalutation((items[at]?.text ?? '') + (items[at + 1]?.text ?? ''));

/**
 * Whether a title is named before item `k` is printed (in the list of annexes under a notice's text,
 * 附件：1.… / 2.…, or in its transmittal): a title named so is whole as named.
 */
export type NamedBefore = (title: string, k: number) => boolean;

/**
 * The title starting at item `s` of a run of items that may be titles (up to `to`), or null. A
 * title runs on while its text does not yet end in a 文种, and takes in a 文号 or a bracketed
 * subtitle printed after it; an item that opens a new title (温州市…, 关于…) ends it.
 */
export function readTitle(
  items: readonly TitleItem[],
  s: number,
  to: number,
  full = Infinity,
  named: NamedBefore = () => false,
): TitleBlock | null {
  const head = items[s]!;
  const first = head.text;
  if (brackets(first).closesUnopened) return null;
  // An annex's heading that fills the measure (附件5　特殊建设工程施工图设计质 / 量承诺书) wraps into the
  // next line; one short of it is whole, and so is one that is the annex's whole title as the list of
  // annexes names it. (A table's header under it is no line of the heading, and nor is a line that
  // runs on as prose: 附件5　…承诺书 / 建筑方案或…批复、规划标准的规定（若.)
  const wraps =
    head.width >= full &&
    !opensHeader(items[s + 1]?.text ?? '', items[s + 2]?.text ?? '') &&
    !runsOnAsProse(items[s + 1], full) &&
    !named(first.replace(ANNEX_PREFIX, ''), s);
  const section = sectionTitleItems(items, s, to);
  if (section)
    return { start: s, titleEnd: s + section - 1, end: s + section - 1, kind: 'top', numbered: false, roles: Array(section).fill('title') };
  // A decree's title (温州市人民政府令 / 第153号) heads it as a 文号 heads a 公文.
  const decree = parseDecree(first, items[s + 1]?.text ?? '');
  if (decree)
    return {
      start: s,
      titleEnd: s + decree.lines - 1,
      end: s + decree.lines - 1,
      kind: 'file',
      numbered: true,
      roles: Array(decree.lines).fill('number'),
    };
  let text = '';
  let coded = false;
  let numbered = false;
  let annex = false;
  let issuer = '';
  let issuerHeads = true;
  let end = -1;
  const roles: TitleRole[] = [];
  for (let j = s; j <= Math.min(to, s + TITLE_ITEMS - 1); j++) {
    const x = items[j]!.text;
    const docNumber = parseDocNumber(x) !== null;
    const code = parseNormativeCode(x) !== null;
    // A title block opens with its 文号 and code, or with its issuer over them (as the 发文机关标志
    // heads a 公文), and a title with 关于 (or its issuer): lines before them are the end of the body
    // text the block was printed after.
    if (
      end < 0 &&
      ((text && x.startsWith('关于') && !TITLE_VERB.test(text)) || ((text || (issuer && !issuerHeads)) && (docNumber || code)))
    )
      return null;
    if (docNumber || code) {
      // One 文号 to a title; a second one, or a code after a finished title, opens the next title block.
      if (end >= 0 && (!docNumber || numbered)) break;
      coded = true;
      numbered ||= docNumber;
      if (end >= 0) end = j;
      roles.push(docNumber ? 'number' : 'code');
      continue;
    }
    if (sectionOf(x)) break;
    if (j === s && ANNEX_LABEL.test(x)) {
      annex = true;
      roles.push('label');
      continue;
    }
    // (A label printed among a torn table's characters, after its page's text, stands alone: a
    // character of the table is no title, though a short title is (附件1 / 承诺书).)
    if (j === s + 1 && annex && items[j]!.width > 0 && isTorn(items[j]) && tornRun(items, j)) break;
    if (
      end >= 0 &&
      !SUBTITLE.test(x) &&
      (COMPLETE.test(text) ||
        isInterpretationTitle(text) ||
        TITLE_OPENING.test(x) ||
        ANNEX_LABEL.test(x) ||
        ANNEX_HEADING.test(x) ||
        !endsWithDocumentKind(text + x))
    )
      break;
    // (附件5　…承诺书 / 规划条件、…规划标准的规定: a whole heading over a line of the sentence it was printed in.)
    if (j === s + 1 && annex && ANNEX_HEADING.test(first) && !wraps) break;
    // (…and a heading that wraps goes on only from a line it fills: 附件5　…承诺 / 书 / 布局、…工程.)
    if (j > s + 1 && annex && ANNEX_HEADING.test(first) && items[j - 1]!.width < full) break;
    // An issuer line heads a 公文's title; an annex's title follows its label directly, or shares its
    // line (附件4　…县级医院), and may name an organisation.
    if (j === s && ANNEX_HEADING.test(x)) annex = true;
    if (issuerLine(x) && !text && !annex) {
      issuer += x;
      // (Among printed lines, a signature over a title block printed after its page's text reads the
      // same: only a block, whose type is known, is taken for the issuer over the 文号. An issuer under
      // one 文号 and over another is not: the first ended a block of its own.)
      issuerHeads &&= items[j]!.large !== undefined && !coded;
      roles.push('issuer');
      continue;
    }
    // (A title closes every bracket it opens, and none it did not: one left open, …意见》（温委发〔2018〕 /
    // 温州市…细则, is a sentence's, which the text after the title goes on to close, and so is one closed,
    // 浙江省…卫生健康现 / 代化建设的实施意见》（…）, which the text before opened.)
    const { leftOpen, closesUnopened } = brackets(text + x);
    // (Under an annex's label, that line is the text the heading was printed in: the label makes the title.)
    if (closesUnopened) {
      if (end >= 0 || annex) break;
      return null;
    }
    text += x;
    roles.push('title');
    const closed = !leftOpen.length;
    if (closed && (endsWithDocumentKind(text) || isInterpretationTitle(text) || (end >= 0 && SUBTITLE.test(x)))) end = j;
  }
  // An annex may be anything (a 承诺书, a 清单, a form): its label makes the title, of one line after
  // the label or on the label's line (two where it wraps); a label alone (its title set elsewhere) is
  // placed the same way.
  if (end < 0 && annex) {
    // (A line under a label alone that runs on as prose is a sentence's, run on past the label printed in it.)
    // (…and so is one under a label printed after a line that stops mid-phrase, …防火分隔、 / 附件4 / 安全疏散…,
    // or after one that runs on as prose: …施工安全,保证项目 / 附件4 / 按《…合同》约….)
    const inSentence = CONTINUES.test(compact(items[s - 1]?.text ?? '')) || runsOnAsProse(items[s - 1], full);
    end = (text && !ANNEX_HEADING.test(first) && !runsOnAsProse(items[s + 1], full) && !inSentence) || wraps ? Math.min(s + 1, to) : s;
    // …and one that leaves a bracket open goes on to the line that closes it (…（2023-2027 / 年）).
    const joined = (k: number): string =>
      items
        .slice(s, k + 1)
        .map((i) => i.text)
        .join('');
    if (brackets(joined(end)).leftOpen.length) {
      const closes = [end + 1, end + 2].find((k) => k <= to && !brackets(joined(k)).leftOpen.length);
      if (closes !== undefined) end = closes;
    }
  }
  if (end < 0) return null;
  const body = annex ? text.replace(/^附件\s*\d*\s*/u, '') : text;
  const kind: TitleKind = coded ? 'file' : annex || isInterpretationTitle(text) ? 'top' : 'plan';
  // A plan's title names its place or issuer (温州市…) or opens with 关于; a line that merely ends a sentence does not.
  // Its first line may end in an organisation's name (温州市加快…县级医院 / 建设专项行动措施): then it is no issuer.
  // A title the salutation follows is a 公文's, which names its issuer.
  if (kind === 'plan' && !TITLE_OPENING.test(body) && !TITLE_OPENING.test(issuer + body) && !salutes(items, end + 1)) return null;
  // Where large type is known (blocks), a title block opens in it, or with its 文号, code or a title's
  // opening; and text in body type before large type (…指标任务表 / ZJCC…) ends the page before it.
  if (head.large === false && !parseDocNumber(first) && !parseNormativeCode(first)) {
    if (items.slice(s + 1, end + 1).some((i) => i.large)) return null;
    if (!endsWithDocumentKind(first) && !TITLE_OPENING.test(first)) return null;
  }
  // (An annex's heading that fills the measure wraps into a line the loop did not reach: a title line.)
  const parts = Array.from({ length: end - s + 1 }, (_, k): TitleRole => roles[k] ?? 'title');
  return { start: s, titleEnd: end, end, kind, numbered, roles: parts };
}

/**
 * The issuer over a title (发文机关标志) names one organisation, or several set side by side; bodies
 * listed with 、 (市公安局、市民政局、…人行温州市中心) are a sentence's, run on from the text before.
 */
const issuerLine = (x: string): boolean => isOrganisation(x) && !/、/u.test(x);

/**
 * A line that runs on as prose: it fills the body's measure with a list or a clause in it, and stops
 * without punctuation (…安全疏散等建筑 / 消防指标…). It is asked only of the line under an annex's
 * label alone: a title's own lines may read the same (关于给予郭丁先、陈志康、金文龙、 / 方智勇、张强记
 * 个人二等功和张建彬追记 / 个人二等功的决定).
 */
function runsOnAsProse(item: TitleItem | undefined, full: number): boolean {
  return item !== undefined && item.width >= full && /[、，；：,;:]/u.test(item.text) && MID_WORD.test(item.text);
}

/** The last of the items from `s` up to `last` that may all be titles (`s - 1` where `s` may not). */
export function titleRun(items: readonly TitleItem[], s: number, last: number, full: number): number {
  let j = s - 1;
  while (j < last && mayBeTitle(items[j + 1]!, full)) j++;
  return j;
}

/** The titles in a run of items that may be titles, from `from` to `to`, in order. */
export function titlesIn(
  items: readonly TitleItem[],
  from: number,
  to: number,
  full: number,
  named: NamedBefore = () => false,
): TitleBlock[] {
  const titles: TitleBlock[] = [];
  for (let i = from; i <= to; i++) {
    // (A title opens with a label, a code, a 文号, its issuer or its words, never with a character or two of a torn table.)
    if (isTorn(items[i]) && !ANNEX_LABEL.test(items[i]!.text)) continue;
    const g = readTitle(items, i, to, full, named);
    if (!g) continue;
    titles.push(g);
    i = g.titleEnd;
  }
  return titles;
}

/**
 * The 公文 title block that opens at item `i`, as a document begins with it, or null: a title
 * with its 文号, or a title (a 公文's or a plan's in form) with the salutation under it — not the
 * title of a plan, annex, section or 政策解读 inside a document.
 */
export function fileTitleAt(items: readonly TitleItem[], i: number, full = Infinity): TitleBlock | null {
  const title = readTitle(items, i, titleRun(items, i, Math.min(items.length, i + TITLE_ITEMS) - 1, full), full);
  if (!title || title.kind === 'top') return null;
  return title.numbered || salutes(items, title.titleEnd + 1) ? title : null;
}

/**
 * After a 公文's title block ending at `after`: the salutation, the text, the signature and date
 * go with it, and the title of the plan the notice issues, printed right under the date. The last
 * item that goes with it (up to `last`), or `after` where no salutation follows.
 */
export function headEnd(items: readonly TitleItem[], after: number, last: number, full: number): number {
  if (!salutes(items, after + 1)) return after;
  for (let i = after + 1; i <= last; i++) {
    if (!parseDateLine(items[i]!.text)) continue;
    const to = titleRun(items, i + 1, last, full);
    const plan = to > i ? readTitle(items, i + 1, to) : null;
    return plan?.kind === 'plan' ? plan.titleEnd : i;
  }
  return after;
}
