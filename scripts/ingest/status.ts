/**
 * Stage 5c — legal status: what a document prints about its own force. A 规范性文件 states when
 * it takes effect and for how long (本办法自2023年5月10日起施行，有效期5年 / 有效期至2026年5月31日 /
 * 自印发之日起施行); a 决定, or the closing article of a new text, names the earlier documents it
 * 修改 or 废止. Only the document's own sentences count: a 政策解读 quotes these sentences of the
 * document it explains, and a sentence about another text (《…》自…起施行) is not about this one.
 *
 * The dates are stated, never judged: whether a document is still in force depends on the day it
 * is read, which a reproducible build does not know.
 */
import { normalizeDocNumber } from '../../src/lib/docnumber.ts';
import type { CitedDocument, LegalStatus } from '../../src/lib/schema.ts';
import { ARTICLE, NUMBERING, cnNumber, compact, endsWithDocumentKind, parseDateLine } from './conventions.ts';

const DATE = '(\\d{4}年\\d{1,2}月\\d{1,2}日)';
const COUNT = '([\\d两一二三四五六七八九十]{1,3})';
const TAKES_EFFECT = '起(?:施行|实施|执行|试行|生效)';

/** What a rule reads from a sentence: a date it states, or a term in years to count from 施行日期. */
type Stated = { effective?: string | null; expires?: string | null; years?: number };
/** A rule reads one wording of the dates from a sentence, or returns null. */
type DateRule = (sentence: string, issued: string | null) => Stated | null;

/** A rule that reads what a pattern's match states. */
const reading =
  (re: RegExp, f: (m: RegExpExecArray) => Stated): DateRule =>
  (sentence) => {
    const m = re.exec(sentence);
    return m ? f(m) : null;
  };
const ON_ISSUE = new RegExp(`[自从](?:印发|发布|公布|签发|下发)之日${TAKES_EFFECT}`, 'u');

/** 自2023年6月1日起施行 / 从2023年5月15日起实施 */
const effectiveOnDate: DateRule = reading(new RegExp(`[自从]${DATE}${TAKES_EFFECT}`, 'u'), (m) => ({ effective: parseDateLine(m[1]!) }));

/** 自印发之日起施行 / 自发布之日起实施: the day the document is issued, its 成文日期. */
const effectiveOnIssue: DateRule = (sentence, issued) => (ON_ISSUE.test(sentence) ? { effective: issued } : null);

/** 有效期至2026年5月31日 / 有效期到2026年5月31日止 */
const expiresOnDate: DateRule = reading(new RegExp(`有效期(?:至|到|截至)${DATE}`, 'u'), (m) => ({ expires: parseDateLine(m[1]!) }));

/** 有效期3年 / 有效期为十年 / 试行二年 / 试行期两年 */
const validForYears: DateRule = reading(new RegExp(`(?:有效期|试行期?)为?${COUNT}年`, 'u'), (m) => ({
  years: cnNumber(m[1]!.replace('两', '二')),
}));

/**
 * The wordings of 施行日期 and 有效期, each a named rule. Every rule that matches a sentence adds
 * what it reads; the first statement of each date in the text wins.
 */
const DATE_RULES: readonly DateRule[] = [effectiveOnDate, effectiveOnIssue, expiresOnDate, validForYears];

/** A kind of document a text calls itself by: 本办法, 本《细则》, 本实施意见. */
const SELF = /^本[《〈]?[\p{Script=Han}（）()]{0,10}?[》〉]?(?=[自从有试])/u;
/** A decree's promulgation: …现予公布，自2023年6月1日起施行. */
const PROMULGATION = /现予(?:公布|发布|印发)/u;

/** A sentence without its numbering (第三十九条, （十九）, 3.). */
function unnumbered(sentence: string): string {
  let s = sentence.replace(ARTICLE, '').trim();
  for (const { re } of NUMBERING) s = s.replace(re, '').trim();
  return s;
}

/**
 * Whether a sentence speaks of the document itself: it names itself (本办法…), it opens with the
 * statement (自…起施行 / 有效期…), or it promulgates a text.
 */
function speaksOfItself(sentence: string): boolean {
  const s = unnumbered(sentence);
  return SELF.test(s) || /^(?:[自从]|有效期|试行)/u.test(s) || PROMULGATION.test(s);
}

/** The last day of a term of `years` that starts on `from`: 2023-06-01 + 3 years → 2026-05-31. */
export function lastDayOf(from: string, years: number): string {
  const [y, m, d] = from.split('-').map(Number) as [number, number, number];
  const day = new Date(Date.UTC(y + years, m - 1, d - 1));
  return day.toISOString().slice(0, 10);
}

/** The sentences of a paragraph as printed, a run of spaces kept as one (第三十九条 本办法…). */
const sentencesOf = (paragraph: string): string[] =>
  paragraph
    .replace(/[\s\u3000]+/gu, ' ')
    .trim()
    .match(/[^。！？]+[。！？]?/gu)
    ?.map((s) => s.trim()) ?? [];

/** 施行日期 and 有效期至 from the paragraphs of a document issued on `issued`, with the sentences they came from. */
export function statedDates(
  paragraphs: readonly string[],
  issued: string | null,
): Pick<LegalStatus, 'effective' | 'expires' | 'sentences'> {
  let effective: string | null = null;
  let expires: string | null = null;
  let years: number | null = null;
  const sentences: string[] = [];
  for (const printed of paragraphs.flatMap(sentencesOf)) {
    const sentence = compact(printed);
    if (!speaksOfItself(sentence)) continue;
    let used = false;
    for (const rule of DATE_RULES) {
      const stated = rule(sentence, issued);
      if (!stated) continue;
      if (stated.effective && !effective) effective = stated.effective;
      if (stated.expires && !expires) expires = stated.expires;
      if (stated.years && !years) years = stated.years;
      used ||= Boolean(stated.effective || stated.expires || stated.years);
    }
    if (used) sentences.push(printed);
  }
  // 有效期N年 runs from the 施行日期: the term ends the day before its N-th anniversary.
  if (!expires && years && effective) expires = lastDayOf(effective, years);
  return { effective, expires, sentences };
}

/** 《title》（文号） or 《title》 alone, as a document names another. */
const CITATION = /《([^《》]{2,80})》(?:[（(]([^（）()]{2,40}?号)[）)])?/gu;

function citations(text: string): CitedDocument[] {
  return [...text.matchAll(CITATION)].map((m) => ({
    title: m[1]!,
    docNumber: m[2] ? normalizeDocNumber(m[2]) : null,
  }));
}

/** A title without 《》 and the number after it: 温州市人民政府关于…的通知（温政发〔2019〕5号）. */
function bareCitation(item: string): CitedDocument | null {
  const m = /^([^（(]+?(?:[（(][^（）()]{1,12}[）)])?)[（(]([^（）()]{2,40}?号)[）)]/u.exec(item);
  return m && endsWithDocumentKind(m[1]!) ? { title: m[1]!, docNumber: normalizeDocNumber(m[2]!) } : null;
}

/** A row of a table of documents (序号 | 文件名称 | 文号 | …): the title and the number in their cells. */
function rowCitation(cells: readonly string[]): CitedDocument | null {
  const docNumber = cells.map((c) => compact(c)).find((c) => /^\S{1,16}[〔\[［(（【]\d{4}[〕\]］)）】]\d{1,5}号$|令第\d{1,4}号$/u.test(c));
  const title = cells
    .map((c) => compact(c).replace(/^《|》$/gu, ''))
    .find((c) => c !== docNumber && endsWithDocumentKind(c) && c.length >= 4);
  return title || docNumber ? { title: title ?? null, docNumber: docNumber ? normalizeDocNumber(docNumber) : null } : null;
}

type Change = 'amends' | 'repeals';

/**
 * What opens a list of changed documents, whose items follow: a 决定's lead-in (决定废止下列文件：,
 * 作如下修改：) or the heading of its annex (市政府决定废止的行政规范性文件目录).
 */
const LIST_LEAD: { change: Change; re: RegExp }[] = [
  { change: 'repeals', re: /废止(?:下列|以下|如下)[^。]*[：:]$|^[^。，]*废止的[^。，]*(?:文件|目录|清单)$/u },
  {
    change: 'amends',
    re: /(?:作|做)(?:如下|以下)修改[：:]$|修改(?:下列|以下|如下)[^。]*[：:]$|^[^。，]*修改的[^。，]*(?:文件|目录|清单)$/u,
  },
];

/** A sentence that changes the texts it cites: 《…》（…）同时废止。 / 将《…》第三条修改为… */
const CHANGES_IN_SENTENCE: { change: Change; re: RegExp }[] = [
  { change: 'repeals', re: /》(?:[（(][^（）()]*[）)])?[^《。]{0,12}(?:同时|予以|宣布)?(?:废止|停止执行|不再执行)/u },
  { change: 'amends', re: /^(?:将)?《[^》]+》(?:[（(][^（）()]*[）)])?[^。]{0,30}(?:修改为|删去|删除|增加|调整为)/u },
];

/**
 * The documents a text 修改 and 废止, in the order it names them. `paragraphs` are the text's
 * paragraphs, a table row as its cells joined by a tab.
 */
export function changedDocuments(paragraphs: readonly string[]): Pick<LegalStatus, 'amends' | 'repeals'> {
  const out: Pick<LegalStatus, 'amends' | 'repeals'> = { amends: [], repeals: [] };
  let list: Change | null = null;
  const add = (change: Change, cited: readonly (CitedDocument | null)[]) => {
    for (const c of cited) {
      if (!c) continue;
      const seen = out[change].some((x) => (c.docNumber ? x.docNumber === c.docNumber : x.title === c.title));
      if (!seen) out[change].push(c);
    }
  };
  for (const paragraph of paragraphs) {
    if (paragraph.includes('\t')) {
      // A row of the list's table; its header row names no document.
      if (list) add(list, [rowCitation(paragraph.split('\t'))]);
      continue;
    }
    const text = compact(paragraph);
    const lead = LIST_LEAD.find((l) => l.re.test(text));
    if (lead) {
      list = lead.change;
      continue;
    }
    const item = unnumbered(text);
    const cited = list && item !== text ? (citations(item)[0] ?? bareCitation(item)) : null;
    if (list && cited) {
      // A numbered item of the list names the text it changes first: 1.《…》（…） or 1.…的通知（…）.
      add(list, [cited]);
      continue;
    }
    list = null;
    for (const sentence of sentencesOf(text).map(unnumbered)) {
      const change = CHANGES_IN_SENTENCE.find((c) => c.re.test(sentence));
      if (change) add(change.change, change.change === 'amends' ? citations(sentence).slice(0, 1) : citations(sentence));
    }
  }
  return out;
}

/** The legal status a document prints, from its paragraphs (a table row as its cells joined by a tab). */
export function legalStatus(paragraphs: readonly string[], issued: string | null): LegalStatus {
  return {
    ...statedDates(
      paragraphs.filter((p) => !p.includes('\t')),
      issued,
    ),
    ...changedDocuments(paragraphs),
  };
}
