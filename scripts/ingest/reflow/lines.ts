/**
 * The reflow of raw PDF text, line by line: may the next content line go on the paragraph the
 * line before it belongs to? Paragraph ends come from the printed layout, not from the
 * extraction's blank lines: a line that fills the measure goes on in the next line (across page
 * breaks and removed artifacts); a short line ends its paragraph unless it stops mid-phrase;
 * numbering, salutations, 文号, dates and other standalone lines stand alone. The first line of a
 * paragraph is indented two characters in print (the extraction drops the indent).
 */
import {
  type Block,
  CHRONICLE_ITEM,
  isHeadingLine,
  isLabelled,
  isNewsHeadline,
  isStandalone,
  nextNumbering,
  numberingOf,
} from '../blocks.ts';
import {
  BRACKETED_NOTE,
  CONTINUES,
  DATED_CLAUSE,
  DATED_OPENING,
  NEWS_DATE_WITHIN,
  SENTENCE_END,
  SIGN_OFF_FIELD,
  SPACED_HEADING,
  UNIT_END,
  compact,
  datesEvent,
  isCaptionText,
  isHeadline,
  isOrganisation,
  restatesHeadline,
  wrapsSalutation,
} from '../conventions.ts';
import { HELD_OVER, INDENT, type Line, cellWidth, measureOf, widest, widthWithin } from '../lines.ts';
import { runsOnList } from '../order.ts';
import { brackets } from '../title-block.ts';
import { type Rule, joinIf } from './decide.ts';

export interface LinePair {
  prev: Line;
  next: Line;
  /** The block `prev` ends, as joined so far. */
  block: Block;
  /** The lines in reading order and the index of `next` among them (a headline is known by what follows it). */
  lines: readonly Line[];
  at: number;
  /** The width of a full line on `prev`'s page, and in the issue's text. */
  full: number;
  issueFull: number;
  /** `next` is printed apart from the text (right-aligned or centred: signatures, dates, titles). */
  indented: boolean;
  /** `prev` is the first line of its block. */
  prevOpens: boolean;
  /** `prev` ends a sentence. */
  ended: boolean;
}

/** Captions open with the day of the event (10月22日，…). */
const DAY_OPENING = /^\d{1,2}月\d{1,2}日/u;
/** Text that stops where a date follows (…截至 / 2023年3月，…). */
const AWAITS_DATE = /(截至|截止|于|自|至|到|在|从|为)$/u;

/**
 * A photo caption is a dated phrase with no full stop (10月30日，…5.36亿元): the next dated line opens
 * the next caption, whether it opens with the day or dates its subject in its first clause.
 */
function nextPhotoCaption({ next, block }: LinePair): 'break' | undefined {
  if ((DAY_OPENING.test(next.text) || DATED_CLAUSE.test(next.text)) && isCaptionText(block.text) && !AWAITS_DATE.test(block.text))
    return 'break';
}

/** Where the text under a piece's headline ends: a finished sentence, a 政策解读's sign-off field (联系方式：…), a note in brackets. */
const finishes = (text: string): boolean => SENTENCE_END.test(text) || SIGN_OFF_FIELD.test(text) || BRACKETED_NOTE.test(text);

/** A day that goes straight on into its clause (10月7日召开), not one that opens a sentence (10月7日，…). */
const DATE_RUNS_ON = /^\d{1,2}月\d{1,2}日(?![，,至上下晚])/u;

/**
 * The first line of the paragraph under a news headline of one or two lines opening at line `at`:
 * the headline has no punctuation and no number; the paragraph dates the event at once and opens
 * a sentence (not with punctuation: ，确保…). (A paragraph's first line may have no punctuation
 * either: …会议于4月4 / 日召开。)
 */
function newsBody(lines: readonly Line[], at: number): number | undefined {
  // (A line already read as part of a title is none.)
  const headline = (l: Line | undefined): boolean => l !== undefined && l.group === undefined && isNewsHeadline(l.text);
  if (!headline(lines[at])) return;
  // (The paragraph is read over as many lines as its date may reach into, with the date itself: two,
  // or three at a narrow measure, …领导小组会议10 / 月7日召开。)
  const opens = (body: number): boolean => {
    let text = '';
    for (let k = body; k < lines.length && [...text].length < NEWS_DATE_WITHIN + '12月31日'.length; k++) text += lines[k]!.text;
    return !/^[，。；：、,;:]/u.test(text) && datesEvent(text);
  };
  // (Under a headline of two lines, a line that opens with the day and goes straight on, 10月7日召开。,
  // ends the sentence of the line over it: that line opened the paragraph.)
  const second = headline(lines[at + 1]) && !DATE_RUNS_ON.test(compact(lines[at + 2]?.text ?? ''));
  return (second ? [at + 2, at + 1] : [at + 1]).find(opens);
}

/**
 * A news headline may fill a line: after a finished text, one or two lines with no punctuation
 * over a paragraph that dates the event open a news item, and the headline ends where that
 * paragraph begins.
 */
function newsHeadline({ lines, at, ended, block }: LinePair): 'break' | undefined {
  if ((ended || finishes(compact(block.text))) && newsBody(lines, at) !== undefined) return 'break';
  // (Where a headline's second line fills its line, it reads as well as the first line of the paragraph:
  // it runs on. So may a headline that fills both its lines, begun two lines before, after a finished
  // text or under its section's title; that one ends where the paragraph names the event in the
  // headline's own words: 温州市打造…共同富裕 / 示范区…会议召开 / 温州市打造…共同 / 富裕…会议10 / 月7日召开。)
  const after = (l: Line): boolean => finishes(compact(l.text)) || l.group !== undefined;
  const restates = (h: number): boolean => restatesHeadline(lines[at]!.text, lines[h]!.text);
  for (const h of [at - 1, at - 2])
    if (h > 0 && after(lines[h - 1]!) && (h === at - 1 || restates(h)) && newsBody(lines, h) === at) return 'break';
}

/** A caption's lines join each other and nothing else. */
function captionLines({ prev, next }: LinePair) {
  if (prev.caption || next.caption) return joinIf(prev.caption === true && next.caption === true && !next.gapBefore);
}

/** The lines of one title join each other and nothing else. */
function titleLines({ prev, next }: LinePair) {
  if (prev.group !== undefined || next.group !== undefined)
    return joinIf(prev.group === next.group && !isStandalone(prev.text) && !isStandalone(next.text));
}

/** A line indented with full-width spaces continues the item above it (hanging indent). */
function hangingIndent({ next, ended }: LinePair) {
  if (next.hanging) return joinIf(!ended);
}

/** A salutation wrapped at the measure (…温州经济技术开发 / 区管委会：) is one salutation. */
function wrappedSalutation({ prev, next, full, indented }: LinePair): 'join' | undefined {
  if (!indented && prev.width >= full && wrapsSalutation(prev.text, next.text)) return 'join';
}

/** Right-aligned or centred lines (signatures, dates, titles) are printed apart from the text. */
function printedApart({ indented }: LinePair): 'break' | undefined {
  if (indented) return 'break';
}

/** A list of attachments (附件：…) that fills its line mid-phrase goes on in the next line, unless that is an item or stands alone. */
function annexListRunsOn({ prev, next, full }: LinePair): 'join' | undefined {
  if (runsOnList(prev, full) && !isStandalone(next.text) && !numberingOf(next.text)) return 'join';
}

/** Numbering, salutations, 文号, dates and the like stand alone by their nature. */
function standaloneLine({ prev, next }: LinePair): 'break' | undefined {
  if (isStandalone(prev.text) || isStandalone(next.text)) return 'break';
}

/**
 * A list run into its lead-in (…的材料：①…；②…, …条件：1.…；2.…) wraps as the sentence it is: a full
 * line ending in the lead-in's colon goes on in the item under it when the next item is printed
 * inside a line, before any line opens with a number. Items set one to a paragraph each open their
 * own line.
 */
function runInList(pair: LinePair): 'join' | undefined {
  const { lines, at } = pair;
  const label = numberingOf(pair.next.text)?.label;
  const after = label && nextNumbering(label);
  if (!after || !fills(pair) || !/[：:]$/u.test(compact(pair.prev.text))) return;
  // (A number inside a figure is no item: 1.…2.5万 holds no item 2.)
  const item = new RegExp(`(?<!\\d)${after.replace(/[.()]/gu, '\\$&')}(?!\\d)`, 'u');
  const within = (k: number): string => (k === at ? lines[k]!.text.trimStart().slice(label.length) : lines[k]!.text);
  // (Down to the line that ends the item's paragraph, short of the measure.)
  for (let k = at; k < lines.length && (k === at || !numberingOf(lines[k]!.text)); k++) {
    if (item.test(within(k))) return 'join';
    if (lines[k]!.width < pair.full) return;
  }
}

/** Numbering opens a new paragraph, unless the full line before it stops mid-sentence (…全国第 / 一、世界一流…). */
function numberedItem({ prev, next, full, ended }: LinePair): 'break' | undefined {
  if (numberingOf(next.text) && (ended || prev.width < full || /[：:]$/u.test(prev.text))) return 'break';
}

/**
 * After a finished sentence, a line opening with a dash (——高新技术产业整体实力提升。…) is an item of a
 * list of goals or outcomes, a paragraph of its own, however much of its line the sentence fills.
 */
function dashedItem({ next, ended }: LinePair): 'break' | undefined {
  if (ended && /^——/u.test(compact(next.text))) return 'break';
}

/**
 * Where the layout says a line runs on — it fills the measure and stops mid-phrase — a label word
 * opening the next line does not make that line a field: a note （责任单位：…） wrapped at the
 * measure goes on in `单位：…` or `任单位：…`. A numbered heading that happens to fill the line
 * (（三）完善…工作) is complete, and the field under it stands alone.
 */
function labelRunOn({ prev, next, full }: LinePair): 'join' | undefined {
  if (isLabelled(next.text) && prev.width >= full && !UNIT_END.test(compact(prev.text)) && !isHeadingLine(prev.text)) return 'join';
}

/** After a finished sentence, a 政策解读's sign-off field (解读机关：…) opens its line, however much of it it fills. */
function signOffField({ next, ended }: LinePair): 'break' | undefined {
  if (ended && SIGN_OFF_FIELD.test(compact(next.text))) return 'break';
}

/** A short `label：value` line (联系电话：…) is a field of its own. */
function labelledField({ next, full }: LinePair): 'break' | undefined {
  if (isLabelled(next.text) && next.width < full) return 'break';
}

/** A short heading set with spaces between its characters (附  则) stands alone. */
function spacedHeading({ prev, next }: LinePair): 'break' | undefined {
  if (SPACED_HEADING.test(prev.text) || SPACED_HEADING.test(next.text)) return 'break';
}

/** Each event of a 政府记事 opens with △. */
function chronicleItem({ next }: LinePair): 'break' | undefined {
  if (CHRONICLE_ITEM.test(next.text)) return 'break';
}

/** A line longer than the measure was never wrapped: a sentence end there ends the paragraph. */
function unwrappedLine({ prev, full, ended }: LinePair) {
  if (prev.width > Math.max(full + 4.5, widest(full))) return joinIf(!ended);
}

/** A line with no punctuation standing alone (a subtitle, a headline) is not run into a dated caption under it. */
function captionUnderHeadline({ prev, next, prevOpens }: LinePair): 'break' | undefined {
  if (prevOpens && DATED_OPENING.test(next.text) && isHeadline(prev.text) && !AWAITS_DATE.test(prev.text)) return 'break';
}

/**
 * After a finished sentence, a line that opens with a date (7月4日，…) opens a caption or news item;
 * so it does after a caption with no full stop, short of the measure of the issue's text (a page
 * of short captions has more indented first lines than full ones, and its own measure is too narrow).
 */
function datedOpening({ prev, next, issueFull, ended }: LinePair): 'break' | undefined {
  if (DATED_OPENING.test(next.text) && (ended || (prev.width < issueFull && !CONTINUES.test(compact(prev.text))))) return 'break';
}

/**
 * `prev` is printed as a paragraph's first line, indented: it opens its block, or it opens with
 * an item's number (a numbered line joined to a note that filled the line above is still set
 * as its own item in print).
 */
const printedFirst = ({ prev, prevOpens }: LinePair): boolean => prevOpens || numberingOf(prev.text) !== null;

/** `prev` fills the measure: a paragraph's first line does so `INDENT` characters short. */
const fills = (pair: LinePair): boolean => pair.prev.width >= pair.full - (printedFirst(pair) ? INDENT : 0);

/** A full line that ends a sentence may still run on, but not into a headline, a signature or a caption. */
function signatureOrHeadline(pair: LinePair): 'break' | undefined {
  const { next, full, ended } = pair;
  if (fills(pair) && ended && (isOrganisation(next.text) || (next.width < full && isHeadline(next.text)))) return 'break';
}

/**
 * A numbered heading (一、…, （三）…) with no clause in it ends where it stops short of an indented
 * line by a character or more. The slack a full line is allowed (`fullWidth`) is for a number or a
 * word that could not be broken and went down to the next line, or a character taken down with the
 * closing punctuation that may not open a line.
 */
function shortHeading({ prev, next, full }: LinePair): 'break' | undefined {
  const t = compact(prev.text);
  const heldOver = HELD_OVER.test(compact(next.text));
  if (isHeadingLine(t) && !CONTINUES.test(t) && !heldOver && prev.width <= measureOf(full) - INDENT - 1.5) return 'break';
}

/**
 * A photo caption (a dated phrase with no full stop) is set to its own measure, which may be
 * narrower than the page's text around it: until its credit (…/摄）), a caption line that fills
 * the issue's measure goes on in the next line, unless that opens the next caption.
 */
function captionRunsOn({ prev, next, block, full, issueFull, ended }: LinePair): 'join' | undefined {
  if (isCaptionText(block.text) && !ended && !DATED_OPENING.test(next.text) && prev.width >= Math.min(full, issueFull)) return 'join';
}

/**
 * A headline is set in large type, fewer characters to the line than the text under it: a line
 * with no clause that opens its block and stops short of the line under it by more than a first
 * line's indent (and a character taken down with the punctuation that may not open a line) is no
 * first line of that paragraph, however much of the page's measure it fills. (An item's mark — △,
 * 一、 — takes more room than the indent, so a marked line is left to the rules for items.)
 */
function headlineOverWiderText({ prev, next, prevOpens }: LinePair): 'break' | undefined {
  const t = compact(prev.text);
  if (!prevOpens || prev.page !== next.page || !isHeadline(t) || CHRONICLE_ITEM.test(t) || numberingOf(t)) return;
  // (A line that leaves a book title or quotation open for the line under it to close is that line's sentence: 为落实《… / …》，.)
  if (brackets(t).leftOpen.length) return;
  if (!HELD_OVER.test(compact(next.text)) && widthWithin(next.text, next.width) > prev.width + INDENT + 1) return 'break';
}

/** A line that fills the measure goes on in the next line. */
function fullLine(pair: LinePair): 'join' | undefined {
  if (fills(pair)) return 'join';
}

/** A bracket left open on a line and closed on the next (（附件略，详见… / www.….cn）) is one phrase. */
function bracketRunsOn({ prev, next }: LinePair): 'join' | undefined {
  const opened = brackets(compact(prev.text)).leftOpen;
  if ((opened.includes('（') || opened.includes('(')) && brackets(compact(next.text)).closesUnopened) return 'join';
}

/**
 * A number or a Latin word is never broken (禁则): a line short of the measure by less than the
 * word that opens the next line is one it did not fit on, and goes on in it (…对销售收入 / 500万元…).
 */
function wordHeldOver(pair: LinePair): 'join' | undefined {
  const { prev, next, block, full, issueFull, ended } = pair;
  const word = /^[A-Za-z0-9][A-Za-z0-9.%‰-]*/u.exec(next.text.trimStart())?.[0];
  // (A caption is set to its own measure, no wider than the issue's text: see captionRunsOn.)
  const measure = measureOf(isCaptionText(block.text) ? Math.min(full, issueFull) : full);
  if (!ended && word && prev.width + cellWidth(word) > measure - (printedFirst(pair) ? INDENT : 0)) return 'join';
}

/** A short line ends its paragraph, unless it stops mid-phrase. */
function shortLine({ prev }: LinePair) {
  return joinIf(CONTINUES.test(compact(prev.text)));
}

export const LINE_JOINS: readonly Rule<LinePair>[] = [
  nextPhotoCaption,
  newsHeadline,
  captionLines,
  titleLines,
  hangingIndent,
  wrappedSalutation,
  printedApart,
  annexListRunsOn,
  standaloneLine,
  runInList,
  numberedItem,
  dashedItem,
  labelRunOn,
  signOffField,
  labelledField,
  spacedHeading,
  chronicleItem,
  unwrappedLine,
  captionUnderHeadline,
  datedOpening,
  signatureOrHeadline,
  captionRunsOn,
  shortHeading,
  headlineOverWiderText,
  fullLine,
  bracketRunsOn,
  wordHeldOver,
  shortLine,
];
