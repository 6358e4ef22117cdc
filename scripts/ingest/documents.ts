/**
 * Stage 5 — documents: an issue's blocks → front matter, documents, back matter.
 *
 * A 公报 issue prints, in order: cover and cover photos (图片报道), masthead and table of
 * contents, the documents grouped by 栏目, and a colophon. A document begins where one of these
 * begins — each a named rule of `DOCUMENT_STARTS`, asked in order, the first with an opinion
 * deciding:
 *  - a 政策解读 title (关于《…》的政策解读);
 *  - the title of a recurring section (政务简讯, N月份市政府记事, 人事任免, 发文目录, 统计指标);
 *  - a 公文 title block (title-block.ts): 规范性文件编号, 文号, 发文机关 and a title ending in its
 *    文种, with its 文号 or followed by the 主送机关 (salutation);
 *  - the rows of a list of documents issued whose heading is not printed;
 *  - after the closing sections, the back-cover feature (专题).
 */
import type { Category } from '../../src/lib/schema.ts';
import { SECTIONS, type Section, type TitledSection } from '../../src/lib/sections.ts';
import { type Block, CHRONICLE_ITEM, DAY_LABEL, isNewsHeadline, numberingOf } from './blocks.ts';
import {
  CAPTION_CREDIT,
  CLAUSE_MARK,
  LIST_ENTRY,
  compact,
  datesEvent,
  isCaptionText,
  isHeadline,
  isInterpretationTitle,
  parseDocNumber,
  sectionOf,
  SOURCE_CREDIT,
} from './conventions.ts';
import { type Rule, firstOpinion } from './reflow/decide.ts';
import { isTableRow } from './tables.ts';
import { type TitleItem, blockItem, fileTitleAt } from './title-block.ts';

export type DocumentKind = Exclude<Section['found'], 'title'> | TitledSection;

export interface DocumentDraft {
  kind: DocumentKind;
  blocks: Block[];
}

export interface Segmented {
  front: Block[];
  documents: DocumentDraft[];
  back: Block[];
  /** Corrections that matched nothing, so that the maintainer hears of them. */
  unmatched: Unmatched;
  /** By the source line of its first block: the kind of each document and the rule that opened it. */
  opened: Map<number, Opened>;
}

export interface Opened {
  kind: DocumentKind;
  rule: string;
}

interface Start extends Opened {
  /** The index of its first block. */
  at: number;
}

/** The rule named for a document start a maintainer adds (see corrections.ts). */
const SPLIT_RULE = 'split (corrections)';

/** A table-of-contents entry: title, leader dots, page number. */
export const CONTENTS_ENTRY = /^(.*?)\s*[…．.·]{3,}\s*[（(]?\s*(\d{1,3})\s*[）)]?$/u;

/** Colophon lines printed on the inside back cover. */
const COLOPHON = /^(《[^》]*公报》|(主办|承办|承编|编辑|编辑部地址|地址|电话|传真|邮编|邮箱|刊号|印刷|网址|主编|副主编)[：:])/u;

function textOf(b: Block): string {
  return b.kind === 'text' || b.kind === 'heading' ? compact(b.text) : '';
}

/** The sections an issue closes with; after them only the back-cover feature (专题) follows. */
const CLOSING: ReadonlySet<DocumentKind> = new Set(SECTIONS.filter((s) => 'closes' in s).map((s) => s.name as TitledSection));
/** Sections of figures alone: a headline over prose after them opens the feature. */
const FIGURES: ReadonlySet<DocumentKind> = new Set(SECTIONS.filter((s) => 'figures' in s).map((s) => s.name as TitledSection));

/** Does a block carry on the closing section `kind`, rather than open the feature after it? */
function carriesOn(kind: DocumentKind, b: Block): boolean {
  const t = textOf(b);
  // (Photo captions printed at the back run on over a page: the feature opens with its headline after them.)
  if (isCaptionText(t)) return true;
  if (kind === '政府记事') return DAY_LABEL.test(t) || CHRONICLE_ITEM.test(t);
  if (kind === '发文目录') return LIST_ENTRY.test(t);
  // The statistics go on in rows of figures; prose with a figure in it is the feature's.
  return b.kind === 'table' || isTableRow(t) || SOURCE_CREDIT.test(t);
}

/** A block seen by the rules that decide whether it opens a document. */
interface StartCase {
  blocks: readonly Block[];
  /** The blocks as the title-block reader sees them. */
  items: readonly TitleItem[];
  i: number;
  b: Block;
  t: string;
  /** The kind of the document it would end. */
  current: DocumentKind | undefined;
}

/** Whether a block opens a document: the kind it opens, `false` where it opens none. */
type StartRule = Rule<StartCase, DocumentKind | false>;

/** A block with no text opens nothing, save a table (which may open the back-cover feature). */
function nothingToRead({ b, t }: StartCase) {
  if (!t && b.kind !== 'table') return false;
}

/** A short line or a heading that is a 政策解读's title (关于《…》的政策解读). */
function interpretationTitle({ b, t }: StartCase) {
  if ((b.kind === 'heading' || t.length <= 60) && isInterpretationTitle(t)) return 'interpretation';
}

/** A short line or a heading that is a recurring section's title (政务简讯, 人事任免, 发文目录…). */
function sectionTitle({ b, t }: StartCase) {
  if (b.kind === 'heading' || t.length <= 60) return sectionOf(t) ?? undefined;
}

/** A 公文's title block (title-block.ts). */
function titleBlock({ items, i }: StartCase) {
  if (fileTitleAt(items, i)) return 'file';
}

/** A list of documents issued is recognised by its rows where its heading is not printed. */
function listOfDocuments({ blocks, i, b, t, current }: StartCase) {
  if (current !== '发文目录' && LIST_ENTRY.test(t) && LIST_ENTRY.test(textOf(blocks[i + 1] ?? b))) return '发文目录';
}

/** After a closing section, a heading that does not carry it on opens the feature (markdown has no pages). */
function headingAfterClosing({ b, current }: StartCase) {
  if (current && CLOSING.has(current) && b.kind === 'heading' && (FIGURES.has(current) || !carriesOn(current, b))) return 'feature';
}

/**
 * The back-cover feature begins on a page of its own; where the page break does not show, under
 * its headline: after the statistics, which hold no prose, or where its headline reads in large type.
 */
function featureAfterClosing({ blocks, i, b, t, current }: StartCase) {
  if (!current || !CLOSING.has(current) || b.kind !== 'text' || carriesOn(current, b) || SOURCE_CREDIT.test(t)) return;
  if (b.pageStart || ((FIGURES.has(current) || b.title === true) && headlineOverProse(blocks, i))) return 'feature';
}

/** What opens a document, in order: the first rule with an opinion decides; where none has one, the block opens none. */
const DOCUMENT_STARTS: readonly StartRule[] = [
  nothingToRead,
  interpretationTitle,
  sectionTitle,
  titleBlock,
  listOfDocuments,
  headingAfterClosing,
  featureAfterClosing,
];

/** The kind of document block `i` opens and the rule that says so, or null. */
function startAt(c: Omit<StartCase, 'b' | 't'>): { kind: DocumentKind; rule: string } | null {
  const b = c.blocks[c.i]!;
  const ruling = firstOpinion(DOCUMENT_STARTS, { ...c, b, t: textOf(b) });
  return ruling && ruling.verdict !== false ? { kind: ruling.verdict, rule: ruling.rule } : null;
}

/** A headline (and a subtitle) over prose: an article begins there. */
function headlineOverProse(blocks: readonly Block[], i: number): boolean {
  const headline = (b: Block | undefined): boolean => b !== undefined && b.kind === 'text' && isHeadline(b.text) && !numberingOf(b.text);
  if (!headline(blocks[i])) return false;
  const prose = headline(blocks[i + 1]) ? blocks[i + 2] : blocks[i + 1];
  return prose !== undefined && prose.kind === 'text' && textOf(prose).length > 40 && CLAUSE_MARK.test(textOf(prose));
}

/** Blocks of the table of contents: entries with leader dots and the section labels between them. */
function contentsRange(blocks: readonly Block[]): [number, number] | null {
  const hits = blocks.flatMap((b, i) => (CONTENTS_ENTRY.test(textOf(b)) ? [i] : []));
  if (hits.length < 2) return null;
  return [hits[0]!, hits[hits.length - 1]!];
}

/** Document starts a maintainer adds or removes (see corrections.ts), by source line. */
export interface StartCorrections {
  split: readonly { line: number; category?: Category | undefined }[];
  merge: readonly { line: number }[];
}

/** Source lines of corrections that matched nothing. */
export interface Unmatched {
  split: number[];
  merge: number[];
}

export function segment(blocks: readonly Block[], corrections: StartCorrections = { split: [], merge: [] }): Segmented {
  const unmatched: Unmatched = { split: [], merge: [] };
  const toc = contentsRange(blocks);
  const searchFrom = toc ? toc[1] + 1 : 0;
  const items = blocks.map(blockItem);
  const starts: Start[] = [];
  for (let i = searchFrom; i < blocks.length; i++) {
    const start = startAt({ blocks, items, i, current: starts.at(-1)?.kind });
    if (!start) continue;
    const { kind, rule } = start;
    // A section title repeated as a running header continues its section.
    if (kind !== 'file' && kind !== 'interpretation' && starts.at(-1)?.kind === kind) continue;
    // The statistics' source line (温州市统计局制) is printed above the table's title.
    const at = FIGURES.has(kind) && i > 0 && SOURCE_CREDIT.test(textOf(blocks[i - 1]!)) ? i - 1 : i;
    // Two starts never share a block: the later, more specific reading wins.
    if (starts.at(-1)?.at === at) starts.pop();
    starts.push({ at, kind, rule });
    if (kind === 'file') i = fileTitleAt(items, i)!.titleEnd;
  }
  // Section titles printed away from the items they head (after their page's text, where the page
  // break does not show) go back over those items.
  const strayTitles = [newsUnderItsTitle(blocks, starts), ...itemsBeforeTheirTitle(blocks, starts)].filter((t) => t !== undefined);
  const holding = (line: number) => blocks.findIndex((b) => b.line <= line && line <= b.endLine);
  for (const { line, category } of corrections.split) {
    const at = holding(line);
    if (at < searchFrom || starts.some((s) => s.at === at)) unmatched.split.push(line);
    else {
      const kind = kindOf(category) ?? startAt({ blocks, items, i: at, current: undefined })?.kind ?? 'file';
      starts.push({ at, kind, rule: SPLIT_RULE });
    }
  }
  for (const { line } of corrections.merge) {
    const at = holding(line);
    const k = starts.findIndex((s) => s.at === at);
    if (k <= 0) unmatched.merge.push(line);
    else starts.splice(k, 1);
  }
  starts.sort((a, b) => a.at - b.at);
  const firstStart = starts[0]?.at ?? blocks.length;
  let backStart = blocks.length;
  for (let i = blocks.length - 1; i >= firstStart && i >= (starts.at(-1)?.at ?? 0) + 1; i--) {
    if (COLOPHON.test(textOf(blocks[i]!))) backStart = i;
  }
  const documents: DocumentDraft[] = starts.map((s, k) => ({
    kind: s.kind,
    blocks: blocks.slice(s.at, Math.min(starts[k + 1]?.at ?? backStart, backStart)),
  }));
  for (const { title, kind } of strayTitles) {
    const block = blocks[title]!;
    for (const d of documents) d.blocks = d.blocks.filter((b) => b !== block);
    documents.find((d) => d.kind === kind)!.blocks.unshift(block);
  }
  const opened = new Map(starts.map((s) => [blocks[s.at]!.line, { kind: s.kind, rule: s.rule }]));
  return { front: blocks.slice(0, firstStart), documents, back: blocks.slice(backStart), unmatched, opened };
}

/** A news item's headline: a short line with no sentence in it, over a paragraph that dates the event at once. */
function newsItemAt(blocks: readonly Block[], i: number): boolean {
  // (A whole headline is more than a word, and opens with no bracket.)
  const headline = (b: Block | undefined): boolean => {
    const t = b ? textOf(b) : '';
    return t.length >= 4 && !/^[（(]/u.test(t) && isNewsHeadline(t);
  };
  if (!headline(blocks[i])) return false;
  const next = headline(blocks[i + 1]) ? blocks[i + 2] : blocks[i + 1];
  return next !== undefined && datesEvent(textOf(next));
}

/** A section's title printed away from the items it heads, and the section it goes back to. */
interface StrayTitle {
  /** The index of the title's block. */
  title: number;
  /** The section it heads. */
  kind: DocumentKind;
}

/**
 * The news briefs open under their section's title. Where news items come before it, at the end of
 * the document before it, the first of them opens the briefs; where no news item follows it before
 * the next document begins, the first news item after the document before the closing sections
 * opens them (`newsFallback`). The title goes there with them.
 */
function newsUnderItsTitle(blocks: readonly Block[], starts: Start[]): StrayTitle | undefined {
  const k = starts.findIndex((s) => s.kind === '政务简讯');
  if (k < 0) {
    newsFallback(blocks, starts);
    return undefined;
  }
  const title = starts[k]!;
  // News items before the title, at the end of the document before it, are the first of the briefs.
  const before = Math.max(-1, ...starts.filter((s) => s.at < title.at).map((s) => s.at));
  const earlier = Array.from({ length: title.at - before - 1 }, (_, j) => before + 1 + j).filter((i) => newsItemAt(blocks, i));
  const end = Math.min(blocks.length, ...starts.filter((s) => s.at > title.at).map((s) => s.at));
  const under = Array.from({ length: end - title.at - 1 }, (_, j) => title.at + 1 + j).some((i) => newsItemAt(blocks, i));
  // (News briefs come several to a section: one headline over a dated paragraph is not enough alone.)
  if (earlier.length >= 2 || (earlier.length === 1 && under)) {
    const at = title.at;
    starts[k] = { at: earlier[0]!, kind: '政务简讯', rule: newsUnderItsTitle.name };
    return { title: at, kind: '政务简讯' };
  }
  if (under) return undefined;
  starts.splice(k, 1);
  if (newsFallback(blocks, starts)) return { title: title.at, kind: '政务简讯' };
  starts.splice(k, 0, title);
  return undefined;
}

/**
 * A closing section of items (the chronicle's days and events, the list's rows) whose items come
 * just before its title, at the end of the document before it, opens at the first of them.
 */
function itemsBeforeTheirTitle(blocks: readonly Block[], starts: Start[]): StrayTitle[] {
  const moved: StrayTitle[] = [];
  for (const s of starts) {
    if (!CLOSING.has(s.kind) || FIGURES.has(s.kind) || s.rule !== sectionTitle.name) continue;
    const before = Math.max(-1, ...starts.filter((o) => o.at < s.at).map((o) => o.at));
    let first = s.at;
    while (first - 1 > before && carriesOn(s.kind, blocks[first - 1]!)) first--;
    // (One line that reads as an item is not enough: a sentence may open with △ or a 文号.)
    if (s.at - first < 2) continue;
    moved.push({ title: s.at, kind: s.kind });
    s.at = first;
    s.rule = itemsBeforeTheirTitle.name;
  }
  return moved;
}

/**
 * News briefs come between the documents and the closing sections. Where their section title was
 * printed in plain type (and so read as a page tab), the first news item there opens them.
 */
function newsFallback(blocks: readonly Block[], starts: Start[]): boolean {
  const closing = starts.findIndex((s) => CLOSING.has(s.kind));
  const host = closing > 0 ? starts[closing - 1] : closing < 0 ? starts.at(-1) : undefined;
  if (!host || host.kind === 'cover') return false;
  const end = closing > 0 ? starts[closing]!.at : blocks.length;
  // News briefs come several to a section: one headline over a dated paragraph is not enough.
  const items: number[] = [];
  for (let i = host.at + 1; i < end && items.length < 2; i++) if (newsItemAt(blocks, i)) items.push(i);
  if (items.length < 2) return false;
  starts.splice(starts.indexOf(host) + 1, 0, { at: items[0]!, kind: '政务简讯', rule: newsFallback.name });
  return true;
}

/** Captions of the cover photos: sentences in the front matter before the masthead. */
export function isCaption(b: Block): boolean {
  const t = textOf(b);
  const han = t.match(/\p{Script=Han}/gu)?.length ?? 0;
  return (
    b.kind === 'text' &&
    han >= 8 &&
    !CONTENTS_ENTRY.test(t) &&
    !COLOPHON.test(t) &&
    !/[：:]/u.test(t.replace(CAPTION_CREDIT, '')) &&
    (/[，,]|^\d{1,2}月/u.test(t) || CAPTION_CREDIT.test(t))
  );
}

/** The 栏目 of a document found as `kind`; a 公文's (`file`) comes from its 文号 or issuer. */
export function categoryOfKind(kind: Exclude<DocumentKind, 'file'>): Category {
  return SECTIONS.find((s) => s.name === kind || s.found === kind)!.name;
}

function kindOf(category: Category | undefined): Exclude<DocumentKind, 'file'> | undefined {
  const section = SECTIONS.find((s) => s.name === category);
  if (!section || section.found === 'file') return undefined;
  return section.found === 'title' ? section.name : section.found;
}

/** A 公文's 栏目 from its 文号: the government's own (温政发), its office's (温政办), or a department's. */
export function fileCategory(docNumber: string | null, issuer: string | null): Category {
  const agency = docNumber ? (parseDocNumber(docNumber)?.agency ?? '') : '';
  if (agency) {
    // 机关代字 of the city government (温政发, 温政函, 温政令…) and of its office (温政办, 温政办发, 温政办函…);
    // other 代字 with 政 in them belong to departments (温政服: the 政务服务局).
    if (/^.政办(发|函|通|传|明电)?$/u.test(agency)) return '市府办文件';
    if (/^.政(发|函|令|通|传|任|人|明电)?$/u.test(agency)) return '市政府文件';
    return '部门文件';
  }
  if (issuer && /人民政府办公(室|厅)$/u.test(issuer)) return '市府办文件';
  if (issuer && /人民政府$/u.test(issuer)) return '市政府文件';
  return issuer ? '部门文件' : '其他';
}
