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
 *  - for section and annex titles and titles of 政策解读: at the top of the page (a 政策解读's at the
 *    heading its text opens with), or, where a title read before it on the page began the page, past
 *    the paragraph it cuts; an annex's label printed among a torn table's characters, over the table.
 * Where page breaks went unseen, a title goes back only past the sentence it cuts. A title that
 * already stands at the top of its page stays. What is a title, and what goes with it, is read in
 * title-block.ts.
 */
import { isAnnexHeading, isStandalone, numberingOf } from './blocks.ts';
import {
  SUBTITLE_OPENING,
  ANNEX_LABEL,
  ANNEX_LIST,
  BRACKETED_NOTE,
  ANNEX_PREFIX,
  CLAUSE_MARK,
  CONTINUES,
  DATED_CLAUSE,
  DATED_OPENING,
  FULL_STOP,
  MID_WORD,
  SENTENCE_END,
  SIGN_OFF_FIELD,
  SPACED_HEADING,
  UNIT_END,
  SOURCE_CREDIT,
  compact,
  endsWithDocumentKind,
  isHeadline,
  isInterpretationTitle,
  isCaptionRun,
  isCaptionText,
  parseAttachments,
  parseDateLine,
  restatesHeadline,
  titleKey,
  wrapsSalutation,
} from './conventions.ts';
import { INDENT, type Line, measure } from './lines.ts';
import { isTableRow } from './tables.ts';
import { headerStart, isTorn, tornBefore, tornRun } from './tables/read.ts';
import { type TitleBlock, type TitleItem, brackets, headEnd, lineItem, mayBeTitle, salutes, titleRun, titlesIn } from './title-block.ts';

const t = (l: Line): string => compact(l.text);

/** The list of attachments (附件：…) filling its line mid-phrase goes on in the next line, unless that stands alone (a 文号). */
export function runsOnList(before: Line | undefined, full: number): boolean {
  return before !== undefined && ANNEX_LIST.test(t(before)) && before.width >= full && !UNIT_END.test(t(before));
}

/** A line that fills the measure and ends mid-sentence: the sentence goes on in the next line. */
const runsOn = (l: Line, full: number): boolean => l.width >= full && !SENTENCE_END.test(compact(l.text));

/**
 * A title out of place: it ends its page, or it cuts a sentence (the line before it fills the
 * measure and ends mid-sentence). A title between finished paragraphs is where it was printed, and
 * so is one that ends its page over a table that opens the next (the table's caption).
 */
function misplaced(page: readonly Line[], g: TitleBlock, full: number, next: readonly Line[]): boolean {
  // (Past a title printed just before it: 文号 and title of a notice, then the title of the plan it issues.)
  const before = page.slice(0, g.start).findLast((l) => l.group === undefined);
  if (g.end === page.length - 1 && g.kind !== 'file' && headerStart(next, 0)) return false;
  if (!before || g.end === page.length - 1) return true;
  return runsOn(before, full) && !underCaptions(page, g.start);
}

/** The last date line (a signature's) on the page before line `at`, or -1. */
const dateBefore = (page: readonly Line[], at: number): number => page.slice(0, at).findLastIndex((l) => parseDateLine(t(l)) !== null);

/** Whether the lines right before line `at` end a 公文: its signature's date, then notes in brackets only (（附件略，…）). */
const signsOff = (page: readonly Line[], at: number): boolean => {
  const dateAt = dateBefore(page, at);
  return dateAt >= 0 && page.slice(dateAt + 1, at).every((l) => BRACKETED_NOTE.test(t(l)));
};

/**
 * The title of the plan a notice issues (as its title or its transmittal names it) heads it right
 * after the notice's signature: printed further down the page, past text under that signature, it
 * is out of place even between finished paragraphs (…签发日期 / 为贯彻…特制定本细则。 / 一、… /
 * （一）…事项 / 温州市…实施细则).
 */
function issuedPastSignature(page: readonly Line[], items: readonly TitleItem[], g: TitleBlock, known: KnownTitle): boolean {
  const dateAt = dateBefore(page, g.start);
  const signed = dateAt > 0 && page.slice(0, dateAt).some((_, k) => salutes(items, k));
  return signed && page.slice(dateAt + 1, g.start).some((l) => l.group === undefined) && known(titleText(page, g), page[g.start]!.n);
}

/**
 * Whether the lines right before line `at` are one photo caption, ended: from its dated opening
 * (or dated first clause), lines that fill the measure, then one short of it. (Captions are set to
 * the issue's measure; the feature after them may be set wider.)
 */
function endsCaption(page: readonly Line[], at: number, full: number): boolean {
  const opens = (l: Line): boolean => DATED_OPENING.test(t(l)) || DATED_CLAUSE.test(t(l));
  if (at < 1 || runsOn(page[at - 1]!, full)) return false;
  // (Back from its short last line over lines that fill the measure, to the line that opens it.)
  let from = at - 1;
  while (!opens(page[from]!)) if (--from < 0 || !runsOn(page[from]!, full)) return false;
  return captionPage(page.slice(from, at));
}

/**
 * Photo captions end without a full stop: a title under two or more of them in a row (dated
 * phrases since the last full stop, and since what has none over them: a table's rows) cuts no sentence.
 */
function underCaptions(page: readonly Line[], at: number): boolean {
  const since = page.slice(page.slice(0, at).findLastIndex((l) => FULL_STOP.test(l.text)) + 1, at);
  const dated = since.findIndex((l) => DATED_OPENING.test(t(l)));
  const run = dated < 0 ? [] : since.slice(dated);
  return run.filter((l) => DATED_OPENING.test(t(l))).length >= 2 && captionPage(run);
}

/** Whether a title is known before line `n` prints it: as a notice before names it, or what a notice read before issues. */
type KnownTitle = (title: string, n: number) => boolean;

/**
 * One line that reads as a title, set in the body's measure between lines that run on into it and
 * out of it into prose, is a line of the paragraph, whose sentence runs through it (…加 / 强对…的政策解读
 * / 和宣传引导，…): title type sets fewer characters to the line than the body's.
 */
function runThrough(
  page: readonly Line[],
  g: TitleBlock,
  full: number,
  known: KnownTitle,
  around: [Line | undefined, Line | undefined],
): boolean {
  // (At its page's top or foot, the line runs on from the page before or into the next page's first.)
  const [above, below] = around;
  const [before, line, after] = [g.start > 0 ? page[g.start - 1] : above, page[g.start]!, page[g.end + 1] ?? below];
  // What only a title is (关于… opens a 公文's title, a headline set in halves, a 栏目's name, an
  // annex's label and title, a title known before it is printed) is one wherever it stands.
  const titleOnly =
    /^关于/u.test(t(line)) || HALVES.test(line.text) || isStandalone(line.text) || isAnnexHeading(t(line)) || known(t(line), line.n);
  // (A bracket the sentence over it leaves open, closed by the line under it, is a sentence that runs
  // past it: 参照《… / …配置 / 温州市…行动措施 / 建议清单的通知》….)
  const bracketsPast = (l: Line): boolean =>
    brackets(t(l)).closesUnopened && brackets(page.slice(0, g.start).map(t).join('').split(FULL_STOP).pop() ?? '').leftOpen.length > 0;
  return (
    g.start === g.end &&
    !titleOnly &&
    before !== undefined &&
    before.group === undefined &&
    runsOn(before, full) &&
    MID_WORD.test(t(before)) &&
    runsOn(line, full) &&
    after !== undefined &&
    CLAUSE_MARK.test(after.text) &&
    !bracketsPast(after)
  );
}

/**
 * A line that goes on inside a book title left open by the full line before it (参照《浙江省卫生健康委
 * / 关于印发…配置 / …建议清单的通知》) is prose, though it opens with 关于 as a 公文's title does. A
 * title printed there after its page's text opens with its 文号, code or 附件 label, is whole on its line
 * (…立法工作计划), is a 政策解读's, whose form shows over two or three lines (关于《…》的政 / 策解读),
 * or is the title known before it is printed, wrapped over two or three lines (…改革实 / 施办法).
 * (After a bracket left open, a plan's title wrapped over two lines is as likely as prose:
 * …（市经信局起草 / 温州市人民政府2019年立法工作计划 / 案）。)
 */
function insideBookTitle(before: Line | undefined, line: Line, after: readonly Line[], full: number, known: KnownTitle): boolean {
  const s = t(line);
  // (Over two lines, or three at a narrow measure: 关于《…促产 / “一件事”…》的政策解 / 读.)
  const wrapped = [1, 2].map((n) => s + after.slice(0, n).map(t).join(''));
  const titleLine =
    isStandalone(line.text) ||
    isAnnexHeading(s) ||
    endsWithDocumentKind(s) ||
    isInterpretationTitle(s) ||
    wrapped.some((w) => isInterpretationTitle(w)) ||
    wrapped.some((w, k) => after.length > k && known(w, line.n));
  return before !== undefined && runsOn(before, full) && brackets(t(before)).leftOpen.includes('《') && !titleLine;
}

/**
 * A title is whole: lines that leave a book title open (为贯彻落实…《进一步加快…若干政策) for the
 * prose after them to close (意见》（温委发…）) open a sentence.
 */
function leftOpenForProse(page: readonly Line[], g: TitleBlock): boolean {
  const after = page[g.titleEnd + 1];
  return (
    after !== undefined &&
    after.group === undefined &&
    brackets(titleText(page, g)).leftOpen.includes('《') &&
    brackets(t(after)).closesUnopened
  );
}

/**
 * Titles the notices name before they are printed: the annexes a notice lists under its text
 * (附件：1.… / 2.…, an item's lines hanging under its first, over a page break or not, GB/T 9704),
 * and the document it issues or passes on, named in its transmittal (《X》已经市政府同意，现印发给你们).
 * Each is headed with its title as named.
 */
function namedTitles(lines: readonly Line[]): Map<string, number> {
  /** Each title (by its key), and the source line that names it first. */
  const named = new Map<string, number>();
  const name = (title: string, n: number): void => {
    const key = titleKey(title);
    if (!named.has(key)) named.set(key, n);
  };
  lines.forEach((l, i) => {
    if (!ANNEX_LIST.test(t(l))) return;
    let text = t(l);
    for (let k = i + 1; k < lines.length && lines[k]!.hanging; k++) text += t(lines[k]!);
    for (const title of parseAttachments(text)) name(title, l.n);
  });
  const texts = lines.map(t);
  // (Where each line's text starts in the issue's text, to name the line a transmittal is on.)
  let at = 0;
  const starts = texts.map((text) => (at += text.length) - text.length);
  for (const m of texts.join('').matchAll(TRANSMITTED)) name(m[1]!, lines[starts.findLastIndex((start) => start <= m.index)]!.n);
  return named;
}

/**
 * A transmittal names what the notice issues or passes on (现将《X》印发给你们, 《X》已经市政府同意，现印发给你们,
 * 我局制定了《X》。现印发给你们).
 */
const TRANSMITTED = /《([^《》]{4,80})》[^《》。；]{0,30}(?:。现)?(?:印发|转发)给你们/gu;

/** Lines a known title may be wrapped over. */
const KNOWN_LINES = 4;

/**
 * Where a title known before it is printed opens (with its label over it) among the lines from
 * `from` to `to` that may be titles, or -1.
 */
function knownTitleAt(page: readonly Line[], from: number, to: number, known: KnownTitle): number {
  for (let k = from; k <= to; k++) {
    if (ANNEX_LABEL.test(t(page[k]!))) continue;
    let text = '';
    for (let m = k; m <= Math.min(to, k + KNOWN_LINES - 1); m++) {
      text += t(page[m]!);
      // (The label may share the title's first line: 附件2　温州市….)
      if (known(text.replace(ANNEX_PREFIX, ''), page[k]!.n)) return k > from && ANNEX_LABEL.test(t(page[k - 1]!)) ? k - 1 : k;
    }
  }
  return -1;
}

/** A notice that issues or passes on a document names it in its title (关于印发X的通知, 关于印发《X》的通知). */
const ISSUED = /关于(?:印发|转发)《?(.+?)》?的通知$/u;

/** The words of a title, over the lines it is printed on. */
const titleText = (page: readonly Line[], g: TitleBlock): string =>
  page
    .slice(g.start, g.titleEnd + 1)
    .map(t)
    .join('');

/** The most lines a headline takes, with its subtitle. */
const HEADLINE_LINES = 3;

/**
 * A headline set as two halves with a wide space between them (创新“365”体系  破解托养难题), or as
 * three or more short phrases spaced apart (住新居 盘资源 奔共富): prose has no space between its words.
 */
const HALVES = /^(?:\S+[ \u3000]{2,}\S+|\p{Script=Han}{2,8}(?:[ \u3000]+\p{Script=Han}{2,8}){2,})$/u;

/** A page of photo captions: dated phrases (10月22日，…) with no full stop, the cover's photos printed at the back. */
function captionPage(page: readonly Line[]): boolean {
  return page.length > 0 && isCaptionText(page.map(t).join(''));
}

/**
 * A page that opens a new piece (the page before it ended its sentence) with a few unpunctuated
 * lines and then prose opens with a headline: a feature's title, printed over one to three lines.
 */
function openingHeadline(page: readonly Line[], previous: readonly Line[], full: number): number {
  const before = previous.at(-1);
  // After a table or photo captions (not prose, whose paragraph may go on over the page) a new piece begins.
  // (Captions may end a page that prints other things over them: two or more in a row since the last full stop.)
  const captions = captionPage(previous) || underCaptions(previous, previous.length);
  const afterProse = before !== undefined && !isTableRow(before.text) && !SOURCE_CREDIT.test(t(before)) && !captions;
  if (afterProse && !SENTENCE_END.test(compact(before.text))) return 0;
  // A caption's dated first line that fills the measure goes on over the page, unless a headline in halves stands there;
  // so does any caption line that stops mid-phrase (…大会在我市召开， / 展示发布…).
  if (before !== undefined && DATED_OPENING.test(t(before)) && runsOn(before, full) && !HALVES.test(page[0]?.text ?? '')) return 0;
  if (before !== undefined && captions && CONTINUES.test(t(before))) return 0;
  // There (not on a first page, which follows nothing), a line wider than a paragraph's indented
  // first line opens no paragraph.
  const unindented = before === undefined || afterProse ? Infinity : measure(page) - INDENT;
  let k = 0;
  let headline = '';
  while (k < HEADLINE_LINES && k < page.length) {
    const l = page[k]!;
    const s = t(l);
    // A headline is set short of a full line (as short as a paragraph's indented first line at most), or, after a
    // table or captions, wider than an indented line, or as two halves (`A  B`); its second line may run longer.
    // (A feature may be set wider than the text before it: its second line runs no longer than the prose under it.)
    const tooWide =
      k === 0
        ? l.width >= full - 0.5 && l.width <= unindented && !HALVES.test(l.text)
        : l.width > Math.max(full + 4, ...page.slice(k + 1, k + 6).map((x) => x.width));
    // (A line of a character or two is a torn table's, unless it ends a headline line that fills the measure.)
    const stray = l.width < 4 && !(k > 0 && page[k - 1]!.width >= full);
    // (An annex's heading and the first line of its text open an annex, not a feature; a line that closes
    // a quotation or bracket the headline did not open goes on with the text before it: …深入推进“ / 415X”….)
    const closes = brackets(headline + s).closesUnopened;
    // (…and a line that opens with the headline's own words is the paragraph under it: …大会召开 / …大会10月18日召.)
    const restates = k > 0 && restatesHeadline(s, t(page[0]!));
    if (
      !isHeadline(s) ||
      tooWide ||
      stray ||
      closes ||
      restates ||
      l.group !== undefined ||
      numberingOf(s) ||
      isStandalone(s) ||
      isAnnexHeading(s)
    )
      break;
    headline += s;
    k++;
  }
  const prose = page[k];
  // (Under a headline comes prose; a photo caption there is the next of the captions the page goes on with.)
  const caption = captionPage(page.slice(k, k + 4));
  return k > 0 && prose !== undefined && !caption && CLAUSE_MARK.test(prose.text) && prose.width >= full - 2 ? k : 0;
}

/**
 * Pages whose top is not known: in a stretch between two printed page numbers that are further
 * apart than the pages the extraction shows between them, page breaks went unseen, and what reads
 * as one page is several; so is a page of more lines than a page holds (`sizes`, lines of text of
 * each page; `length`, of a printed page).
 */
function topsUnknown(numbers: readonly (number | null)[], sizes: readonly number[], length: number): boolean[] {
  const apart = (r: number, q: number): boolean => r >= 0 && q >= 0 && numbers[q]! - numbers[r]! > q - r;
  return numbers.map((n, p) => {
    const r = numbers.findLastIndex((m, k) => k < p && m !== null);
    const q = numbers.findIndex((m, k) => k > p && m !== null);
    // A page holding half as many lines of text again as a printed page is several: this tells where
    // numbers do not (before the first printed number, and after the last, where pages are numbered
    // by counting).
    const overfull = sizes[p]! > 1.5 * length;
    // (A page's number may be the last of several: a footer numbers the page that ends.)
    return overfull || (n === null ? apart(r, q) : apart(r, p) || apart(p, q));
  });
}

/**
 * Where the top of a title's page is not known, the title goes back no further than the sentence
 * it cuts: after the last line before it that ends a sentence (or, where `paragraphs` are asked
 * for, a paragraph: a sentence's end short of the page's full line `full`), or a 政策解读's text:
 * a sign-off field short of a full line (联系电话：…). Its section's items before it are gathered
 * under it when the issue is split into documents.
 */
function sentenceEndBefore(page: readonly Line[], at: number, full: number, paragraphs = false): number {
  const ends = (l: Line): boolean =>
    (SENTENCE_END.test(t(l)) && (!paragraphs || l.width < full)) || (SIGN_OFF_FIELD.test(t(l)) && l.width < full);
  return page.slice(0, at).findLastIndex((l) => l.group === undefined && ends(l)) + 1;
}

/**
 * An annex set as a letter (a 承诺书, an application) opens with its salutation, where its page
 * opened: its heading, printed further down, goes back over the salutation, the last before it
 * within what a page holds, past any title and signature (-1 where none is).
 */
function letterOpening(page: readonly Line[], items: readonly TitleItem[], g: TitleBlock): number {
  if (!isAnnexHeading(t(page[g.start]!)) && g.roles[0] !== 'label') return -1;
  const from = Math.max(lastTitleBefore(page, g.start) + 1, dateBefore(page, g.start) + 1, g.start - MOST_LINES);
  for (let k = g.start - 1; k >= from; k--) if (salutes(items, k)) return k;
  return -1;
}

/** The last line before `at` read as a title (-1 where none is): what the page shows first began there, not at a title after it. */
const lastTitleBefore = (page: readonly Line[], at: number): number => page.slice(0, at).findLastIndex((l) => l.group !== undefined);

/**
 * An annex's label alone, or its heading on one line, among a torn table's characters was printed,
 * in large type, after the text of its page, and that page is the table's: the label goes back over
 * the torn lines, and over the table's title where that is the annex's title as listed. Where it
 * goes, or null.
 */
function overTornTable(page: readonly Line[], g: TitleBlock, known: KnownTitle): number | null {
  // (A paragraph's last line of a word or two is no table: a torn table prints most of its lines so.)
  const torn = tornBefore(page, g.start);
  const printed = t(page[g.start]!);
  const heading = isAnnexHeading(printed);
  if (g.start !== g.titleEnd || !(ANNEX_LABEL.test(printed) || heading) || !isTorn(page[g.start - 1]) || !torn) return null;
  let k = g.start;
  while (k > 0 && isTorn(page[k - 1])) k--;
  // (A heading holds its title. One over the annex's text, not over more of the table, is in place
  // under the end of a table run over from the page before.)
  if (heading) return isTorn(page[g.end + 1]) ? k : null;
  for (let title = '', m = k - 1; m >= Math.max(0, k - KNOWN_LINES); m--) {
    title = t(page[m]!) + title;
    if (known(title, page[m]!.n)) return m;
  }
  return k;
}

/** Lines of text in a stretch: a torn table's lines of a character or two are not (its page holds many more). */
const textLines = (lines: readonly Line[]): number => lines.filter((l) => !isTorn(l)).length;

/**
 * Lines of text to a printed page: the most over the stretches of several pages whose first and
 * last page numbers are printed (lines of text between them, over the pages they span; pages of
 * pictures and documents' ends hold fewer). (A stretch of one page may be a document's last, short,
 * or hold pages whose breaks went unseen.) A stretch that holds a torn table tells nothing: the
 * table's pages hold no line of text, and a stretch of tables reads as pages of a few lines each.
 * Where no stretch tells, what any page holds at most.
 */
function pageLength(numbers: readonly (number | null)[], sizes: readonly number[], tabled: readonly boolean[]): number {
  const spans = numbers.flatMap((from, p) => {
    // (To the next page whose number is printed: pages between without one belong to the stretch.)
    const q = numbers.findIndex((n, k) => k > p && n !== null);
    if (from === null || q < 0 || numbers[q]! - from < 2 || tabled.slice(p, q).includes(true)) return [];
    return [sizes.slice(p, q).reduce((a, b) => a + b, 0) / (numbers[q]! - from)];
  });
  return spans.length ? Math.max(...spans) : MOST_LINES;
}

/**
 * Where no printed page numbers tell, a bound on the lines of text to a printed page, not a count:
 * GB/T 9704 sets 22 to a page, a gazette's smaller type some 40, and this is well above both, so
 * that only a stretch of several pages reads as more than one.
 */
const MOST_LINES = 60;

/** The first item of a numbering (一、, （一）, 1.) opens a text that goes on with the next. */
const FIRST_ITEM = /^(一、|[（(]一[）)]|1[.．](?!\d))/u;

/**
 * The heading a 政策解读's text opens with (一、制定背景, or 1. of its questions), where the top of its
 * page is not known: the last that opens a numbering of the top level within a page of text before
 * its title, past any title; null where there is none.
 */
function openingHeading(page: readonly Line[], at: number, floor: number, length: number, full: number): Heading | null {
  // (The length is what a stretch of pages averages at most, and stretches hold tables, pictures and
  // documents' short ends: a page of text may hold up to three times as many lines.)
  const from = Math.max(floor, Math.ceil(at - 3 * length), lastTitleBefore(page, at) + 1);
  const numbered = page.slice(from, at).flatMap((_, k) => headingAt(page, from + k, full) ?? []);
  const top = Math.min(...numbered.map((n) => n.level));
  return numbered.findLast((n) => n.first && n.level === top) ?? null;
}

interface Heading {
  k: number;
  /** Its numbering's level; a question's is the top (0). */
  level: number;
  /** It opens its numbering (一、, （一）, 1.). */
  first: boolean;
}

/** The numbered heading at line `k` of the page, or null. */
function headingAt(page: readonly Line[], k: number, full: number): Heading | null {
  const l = page[k];
  const n = l && numberingOf(l.text);
  if (!n) return null;
  // (A question, 1.…有哪些？, heads the answer under it, whatever its numbering: an interpretation set as questions and answers.)
  const question = /？/u.test(t(l) + (l.width >= full ? t(page[k + 1] ?? l) : ''));
  return { k, level: question ? 0 : n.level, first: FIRST_ITEM.test(n.label) };
}

export function restoreOrder(
  input: readonly Line[],
  full: number,
  pageFull: ReadonlyMap<number, number>,
  stretchFull: ReadonlyMap<number, number>,
): Line[] {
  const lines = input.map((l) => ({ ...l }));
  let groupId = 0;
  /** The titles (by their keys) of what the notices read so far issue (关于印发X的通知: X), as their plans are headed. */
  const issued = new Set<string>();
  const named = namedTitles(input);
  const known: KnownTitle = (x, n) => {
    const key = titleKey(x);
    return (named.get(key) ?? Infinity) < n || issued.has(key);
  };
  /** The `count` lines of a headline from `at` read as one title; a line that names a place after the first is the subtitle, a title of its own. */
  const markHeadline = (page: readonly Line[], at: number, count: number): void => {
    for (let k = 0; k < count; k++) {
      if (k > 0 && SUBTITLE_OPENING.test(t(page[at + k]!))) groupId++;
      page[at + k]!.group = groupId;
    }
    if (count) groupId++;
  };
  const pages: [number, number][] = [];
  lines.forEach((l, i) => {
    if (i === 0 || l.pageStart) pages.push([i, i]);
    pages[pages.length - 1]![1] = i;
  });
  const out: Line[] = [];
  const numbers = pages.map(([first]) => lines[first]!.page);
  const sizes = pages.map(([first, last]) => textLines(lines.slice(first, last + 1)));
  const tabled = pages.map(([first, last]) => lines.slice(first, last + 1).some((_, k, page) => tornRun(page, k)));
  const length = pageLength(numbers, sizes, tabled);
  const unknownTop = topsUnknown(numbers, sizes, length);
  for (const [p, [first, last]] of pages.entries()) {
    const page = lines.slice(first, last + 1);
    /** The width of a full line on this page (a feature's text is set wider than the issue's). */
    const pageMeasure = pageFull.get(page[0]!.sheet) ?? full;
    const previous = pages[p - 1];
    const following = pages[p + 1];
    const next = following ? lines.slice(following[0], Math.min(following[1], following[0] + 1) + 1) : [];
    const spanned = unknownTop[p]!;
    // The page before may hold the end of a photo caption run over from the page before it: read
    // from the caption's date on, it is a page of captions, after which a new piece begins.
    const prior = previous ? lines.slice(previous[0], previous[1] + 1) : [];
    const earlier = previous && pages[p - 2] ? lines.slice(pages[p - 2]![0], previous[0]) : [];
    const dated = earlier.findLastIndex((l) => DATED_OPENING.test(t(l)));
    const runOver = dated >= 0 ? [...earlier.slice(dated), ...prior] : [];
    const opening = openingHeadline(page, captionPage(runOver) ? runOver : prior, pageMeasure);
    markHeadline(page, 0, opening);
    // Where page breaks went unseen, a feature's headline set in halves opens its piece mid-page; so
    // does any headline under photo captions (a piece of their own, whatever the page's length
    // tells), right after the last caption's short last line. (A page whose top is known shows an
    // unseen break where its measure changes: a headline in halves at the end of a stretch set
    // narrower than the text under it, the chronicle's column over the back-cover feature's.)
    const widens = (k: number): boolean =>
      stretchFull.has(page[k - 1]!.n) && page.slice(k + 1, k + 1 + HEADLINE_LINES).some((l) => !stretchFull.has(l.n));
    for (let i = 1; i < page.length; i++) {
      const halves = HALVES.test(page[i]!.text);
      if (page[i]!.group !== undefined || SPACED_HEADING.test(page[i]!.text) || (!halves && !endsCaption(page, i, full))) continue;
      // (Photo captions before it, from the last that opens with its date, end their piece.)
      const caption = page.slice(0, i).findLastIndex((l) => DATED_OPENING.test(t(l)));
      const before = page.slice(Math.max(caption, 0), i);
      const captioned = caption >= 0 && captionPage(before);
      if (halves ? spanned || captioned || widens(i) : captioned)
        markHeadline(page, i, openingHeadline(page.slice(i), before, pageMeasure));
    }
    const items = page.map(lineItem);
    const namedBefore = (title: string, k: number): boolean => known(title, page[k]!.n);
    const moves: { group: TitleBlock; target: number }[] = [];
    /** Where the 公文 read last on the page ends (its title block, salutation, transmittal and signature). */
    let fileEnd = 0;
    for (let i = 0; i < page.length; i++) {
      if (
        !mayBeTitle(items[i]!, full) ||
        (runsOnList(page[i - 1], full) && !isStandalone(page[i]!.text)) ||
        insideBookTitle(page[i - 1], page[i]!, page.slice(i + 1, i + 3), full, known)
      )
        continue;
      let j = titleRun(items, i, page.length - 1, full);
      // Lines over a title known before it is printed that make no title of their own are the text's,
      // run on from the line before (…消化系统疾病、外科创伤性 / 温州市临床专科能力提升专项行动措施); so
      // are those between it and the titles they do make (温财企… / …的通知 / 为贯彻…高质 / 量发展…文件精 /
      // 温州市…细则): the run is read up to the last of those titles, and again from the line after it.
      const knownAt = knownTitleAt(page, i, j, known);
      if (knownAt > i) {
        const over = titlesIn(items, i, knownAt - 1, pageMeasure, namedBefore);
        if (!over.length) {
          i = knownAt - 1;
          continue;
        }
        j = over.at(-1)!.titleEnd;
      }
      for (const g of titlesIn(items, i, j, pageMeasure, namedBefore)) {
        if (runThrough(page, g, full, known, [prior.at(-1), next[0]]) || leftOpenForProse(page, g)) continue;
        for (let k = g.start; k <= g.titleEnd; k++) page[k]!.group = groupId;
        groupId++;
        // A salutation, or the top of the page, past a 公文 read before on the page is another document's.
        const floor = fileEnd;
        // The block as printed, before it takes in its head (salutation, transmittal and signature).
        const block = { ...g };
        // A salutation before it on the page (past the 公文 read before), and a date right before it.
        const salutation = page.slice(floor, g.start).findLastIndex((_, k) => salutes(items, floor + k));
        const signedBefore = g.start > 0 && parseDateLine(t(page[g.start - 1]!)) !== null;
        if (g.kind === 'file') {
          const issues = ISSUED.exec(titleText(page, g))?.[1];
          if (issues) issued.add(titleKey(issues));
          // A block printed after the signature of a document whose salutation stands before it heads
          // that document: a salutation, transmittal and signature under it are the next document's.
          if (salutation < 0 || !signedBefore) g.end = headEnd(items, g.end, page.length - 1, full);
          fileEnd = g.end + 1;
        }
        if (g.start === 0) continue;
        const overTable = g.kind === 'file' ? null : overTornTable(page, g, known);
        if (g.kind === 'file') {
          let target = floor + Math.max(salutation, 0);
          // A salutation wrapped so that its last line reads as one alone (…人民政府，市各 / 有关单位：)
          // starts on the line before, whatever is printed over it, unless that line goes on with the
          // text over it, a bracket or quotation left open there (…5月10日“招商伊 / 敦”号…7号泊位).
          const wrapped = target > floor ? page[target - 1]! : undefined;
          const overWrapped = target - 1 > floor ? page[target - 2]! : undefined;
          const goesOn = wrapped && (brackets(t(wrapped)).closesUnopened || (overWrapped && brackets(t(overWrapped)).leftOpen.length > 0));
          if (wrapped && wrapped.width >= full && wrapsSalutation(t(wrapped), t(page[target]!)) && !goesOn) target--;
          // A salutation that runs over two lines (…市财务开发公司、 / 市科技创业投资有限公司：) starts on
          // the first: a full line before it that ends no sentence, or one ending in a comma, is part of it.
          const partOfSalutation = (l: Line): boolean => /[，、,]$/u.test(t(l)) || (l.width >= full && !/[。！？；：:!?;）)]$/u.test(t(l)));
          let top = target;
          while (top > floor && partOfSalutation(page[top - 1]!)) top--;
          // (Addressees carry no date: full lines over it of which one does are a photo caption run on
          // to the page's text, 温州港恢复邮轮航线业务，5月10日“招商伊 / 敦”号…7号泊位.)
          if (!page.slice(top, target).some((l) => isCaptionText(t(l)))) target = top;
          // Where the page's top is not known, a title block with no salutation before it stays where it
          // is printed unless it is out of place (it ends its page, titles printed after it or not, or
          // cuts a sentence) or follows a date, as one printed after its own signature does: the top of
          // what reads as its page may be pages back. (A date before a block that its salutation
          // follows is the signature of the document before.)
          const endsPage = j === page.length - 1;
          const ownSignature = signedBefore && !salutes(items, block.end + 1);
          if (salutation < 0 && spanned && !endsPage && !misplaced(page, block, full, next) && !ownSignature) continue;
          // A block over its own salutation, right under another document's signature (its date, and
          // the notes in brackets under it: （附件略，…）), opens the next document where it was printed.
          // (Over text that ends no 公文, it was set after that text, and heads the page.)
          if (salutation < 0 && salutes(items, block.end + 1) && signsOff(page, g.start)) continue;
          // Photo captions over it, and nothing else, are the cover's pictures, a piece of their own: the
          // block opens the page after them, whose break went unseen.
          const over = page.slice(target, g.start);
          if (salutation < 0 && over.length && (captionPage(over) || isCaptionRun(over.map(t)))) continue;
          if (target < g.start) moves.push({ group: g, target });
        } else if ((spanned || lastTitleBefore(page, g.start) >= 0) && isInterpretationTitle(titleText(page, g))) {
          // Where page tops are unknown, or a title read before it began the page, a 政策解读's title goes
          // back to the heading its text opens with, in place or not, unless that heading stands right
          // under it (a first item under the title, of a level no deeper than the one before: 1. under
          // it opens a list of the text before).
          // A text with no title of its own that signs off right over the title (解读人：…) is an
          // interpretation's whole, and this title its own: the heading under it opens the next one.
          const under = headingAt(page, g.end + 1, full);
          const opening = openingHeading(page, g.start, floor, length, full);
          // (A title that goes back over what the page prints before it, an annex's label over its torn
          // table, heads nothing here.)
          const movedBack = (k: number): boolean => moves.some(({ group }) => group.start <= k && k <= group.end);
          const headed = opening !== null && page[opening.k - 1]?.group !== undefined && !movedBack(opening.k - 1);
          const signedOff = g.start > 0 && SIGN_OFF_FIELD.test(t(page[g.start - 1]!)) && !headed;
          const inPlace = under?.first && !signedOff && (opening === null || under.level <= opening.level);
          const target =
            (inPlace ? null : opening?.k) ?? (misplaced(page, g, full, next) ? sentenceEndBefore(page, g.start, pageMeasure) : g.start);
          if (target < g.start) moves.push({ group: g, target });
        } else if (overTable !== null) {
          moves.push({ group: g, target: overTable });
        } else if (!misplaced(page, g, full, next) && !(g.kind === 'plan' && issuedPastSignature(page, items, g, known))) {
          continue;
        } else if (g.kind === 'plan') {
          const dateAt = dateBefore(page, g.start);
          const target = dateAt >= 0 ? dateAt + 1 : spanned ? sentenceEndBefore(page, g.start, pageMeasure) : 0;
          if (target < g.start) moves.push({ group: g, target });
        } else {
          // A title read before it on the page opened what the page shows first: this one goes back
          // only past the paragraph it cuts, never over that title.
          const titled = lastTitleBefore(page, g.start);
          const letter = spanned ? letterOpening(page, items, g) : -1;
          const target = spanned
            ? letter >= 0
              ? letter
              : sentenceEndBefore(page, g.start, pageMeasure)
            : titled >= 0
              ? Math.max(sentenceEndBefore(page, g.start, pageMeasure, true), titled + 1)
              : 0;
          if (target < g.start) moves.push({ group: g, target });
        }
      }
      i = j;
    }
    out.push(...applyMoves(page, moves));
  }
  return out;
}

function applyMoves(page: readonly Line[], moves: readonly { group: TitleBlock; target: number }[]): Line[] {
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
