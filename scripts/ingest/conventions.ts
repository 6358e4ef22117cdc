/**
 * The conventions of a Chinese government gazette (公报) and of the official documents (公文,
 * GB/T 9704) it prints, as patterns. Every rule the converter applies to text is named here, so
 * that it can be read, tested and extended in one place.
 */

import { type DocNumber, normalDocNumber } from '../../src/lib/docnumber.ts';
import { SECTIONS, type TitledSection } from '../../src/lib/sections.ts';

const HAN = '\\p{Script=Han}';
// (﹝﹞ are the small form variants of 〔〕 word processors often set instead.)
const OPEN = '[〔﹝\\[［【(（]';
const CLOSE = '[〕﹞\\]］】)）]';

/** How many texts a remembered reading keeps; past that it starts afresh, so a run of any length holds little. */
const REMEMBERED = 4096;

/**
 * A pure reading of a line's text (is it a 文号, a section's title, a numbered item?), remembered:
 * the rules that order lines, read title blocks and join lines ask the same lines the same
 * questions many times over.
 */
export function memoized<T extends NonNullable<unknown> | null>(read: (s: string) => T): (s: string) => T {
  const seen = new Map<string, T>();
  return (s) => {
    const known = seen.get(s);
    if (known !== undefined) return known;
    if (seen.size >= REMEMBERED) seen.clear();
    const value = read(s);
    seen.set(s, value);
    return value;
  };
}

/** 文号: 机关代字 + 〔年份〕 + 序号 + 号, e.g. 温政办〔2023〕51号. */
export const DOC_NUMBER = new RegExp(`(${HAN}{1,12})\\s*${OPEN}\\s*(\\d{4})\\s*${CLOSE}\\s*(\\d{1,4})\\s*号`, 'u');
const DOC_NUMBER_LINE = new RegExp(`^${DOC_NUMBER.source}$`, 'u');

/**
 * A 文号 standing alone on a line, as printed in a title block or a list: stricter than the site's
 * reading of the normalised numbers in metadata (src/lib/docnumber.ts), whose form it returns.
 */
export function parseDocNumber(s: string): DocNumber | null {
  const m = DOC_NUMBER_LINE.exec(compact(s));
  if (!m) return null;
  const [, agency, year, serial] = m as unknown as [string, string, string, string];
  return { agency, year: Number(year), serial: Number(serial), text: normalDocNumber(agency, Number(year), Number(serial)) };
}

/** 政府令: a government's decree (温州市人民政府令 / 第153号) that promulgates a regulation (规章). */
const DECREE_TITLE = /^(\p{Script=Han}{2,16}人民政府)令$/u;
const DECREE_NUMBER = /^第(\d{1,4})号$/u;

const DECREE_LINE = /^(\p{Script=Han}{2,16}人民政府)令第(\d{1,4})号$/u;

/**
 * The decree's issuer and number from its title, printed over two lines (温州市人民政府令 / 第153号)
 * or on one, and how many lines it takes; or null.
 */
export function parseDecree(title: string, next: string): { issuer: string; serial: number; text: string; lines: 1 | 2 } | null {
  const one = DECREE_LINE.exec(compact(title).replace(/\s+/gu, ''));
  const t = DECREE_TITLE.exec(compact(title));
  const n = DECREE_NUMBER.exec(compact(next).replace(/\s+/gu, ''));
  const [issuer, serial, lines] = one ? [one[1]!, Number(one[2]), 1 as const] : t && n ? [t[1]!, Number(n[1]), 2 as const] : [];
  return issuer && serial !== undefined && lines ? { issuer, serial, text: `${issuer}令第${serial}号`, lines } : null;
}

/** `温州市人民政府令第153号` → its parts. */
export function parseDecreeNumber(s: string): { agency: string; serial: number } | null {
  const m = /^(\p{Script=Han}{2,16}人民政府令)第(\d{1,4})号$/u.exec(compact(s));
  return m ? { agency: m[1]!, serial: Number(m[2]) } : null;
}

/** 规范性文件统一编号, e.g. ZJCC01-2023-0010 (printed with hyphens, en dashes or spaces). */
const NORMATIVE_CODE = /^([A-Z]{4}\d{2})\s*[-‐‑‒–—―－]\s*(\d{4})\s*[-‐‑‒–—―－]\s*(\d{4})$/;

export function parseNormativeCode(s: string): string | null {
  const m = NORMATIVE_CODE.exec(s.trim());
  return m ? `${m[1]}-${m[2]}-${m[3]}` : null;
}

const CN_DIGITS: Record<string, number> = {
  〇: 0,
  零: 0,
  '○': 0,
  Ｏ: 0,
  一: 1,
  二: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
  十: 10,
};

/** A number printed in digits or in Chinese numerals (二〇二三, 十二, 三十一). */
export function cnNumber(s: string): number {
  if (/^\d+$/.test(s)) return Number(s);
  if (s.length === 4 && !s.includes('十')) return Number([...s].map((c) => CN_DIGITS[c] ?? 0).join(''));
  // 十, 十二, 二十, 二十一, 三十一
  const [tens, ones] = s.split('十') as [string, string | undefined];
  if (ones === undefined) return CN_DIGITS[s] ?? NaN;
  return (tens ? (CN_DIGITS[tens] ?? NaN) : 1) * 10 + (ones ? (CN_DIGITS[ones] ?? NaN) : 0);
}

const DATE_CHARS = '[\\d〇零○Ｏ一二三四五六七八九十]';
/** 成文日期 line: 2023年5月16日 or 二〇二三年五月十六日, possibly with （此件公开发布） after it. */
const DATE_LINE = new RegExp(
  `^(${DATE_CHARS}{4})\\s*年\\s*(${DATE_CHARS}{1,2})\\s*月\\s*(${DATE_CHARS}{1,3})\\s*日(?:\\s*[（(][^）)]*[）)])?$`,
  'u',
);

/** A date printed alone on a line, as ISO `YYYY-MM-DD`. */
export function parseDateLine(s: string): string | null {
  const m = DATE_LINE.exec(compact(s));
  if (!m) return null;
  const [y, mo, d] = [cnNumber(m[1]!), cnNumber(m[2]!), cnNumber(m[3]!)];
  if (!(y > 1900 && mo >= 1 && mo <= 12 && d >= 1 && d <= 31)) return null;
  return `${y}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/**
 * 主送机关: 各县（市、区）人民政府，市政府直属各单位：, or the bodies a 批复 or 函 is addressed to
 * (鹿城区人民政府：, 市发展改革委、市财政局：) — every name in it names a body, unlike a lead-in
 * that ends in a colon (有关事项通知如下：, 主要包括：).
 */
export function isSalutation(s: string): boolean {
  const t = compact(s);
  if (t.length > 80 || !/[：:]$/.test(t) || /[。；;]/.test(t) || NUMBERING_START.test(t)) return false;
  const names = t.slice(0, -1).replace(/（[^（）]*）|\([^()]*\)/gu, '');
  // A bracket left open is a note running on (…急救能力（责任单位：).
  if (/[（()）]/u.test(names)) return false;
  return names.split(/[，、,]/u).every((b) => b.length >= 3 && !/的|下列|如下/u.test(b) && (ORG_SUFFIX.test(b) || ADDRESSEE.test(b)));
}

/**
 * A salutation wrapped at the measure (…温州经济技术开发 / 区管委会：, …人民政府，市各 / 有关单位：):
 * the two lines make one, the first alone none (the second alone may read as one).
 */
export const wrapsSalutation = (line: string, next: string): boolean => isSalutation(line + next) && !isSalutation(line);

const NUMBERING_START =
  /^(第[一二三四五六七八九十百零〇]+[章节条]|[一二三四五六七八九十]+、|[（(][一二三四五六七八九十\d]+[）)]|\d{1,2}[.．、])/u;
const ADDRESSEE = /(单位|部门|机关|机构|组织|企业|学校|乡镇|街道|海关|大学|支行|分行|政协|人大)$/u;

/** 发文机关署名: an organisation name standing alone. */
const ORG_SUFFIX = /(人民政府|政府|办公室|办公厅|委员会|管理委员会|局|厅|委|中心|支队|集团|公司|银行|院|部|处|署|会)$/u;
export function isOrganisation(s: string): boolean {
  const t = compact(s);
  return t.length >= 4 && t.length <= 40 && ORG_SUFFIX.test(t) && !/[，。；：,;:]/.test(t);
}

/**
 * A title opens with its issuer or place (温州市…, 浙江省…) or with 关于. A word that ends in 市 or
 * 区 without naming a place (全市, 上市, 本区, 我市…), or runs on into one that names none (…区域,
 * 市场, 县级), opens a line of prose, not a title; so does a conjunction (并适时调整市区…), which goes
 * on with a sentence.
 */
export const TITLE_OPENING = /^(关于|(?![并及或而])\p{Script=Han}{1,5}?(?<![全本各该上我])[省市县区](?![域场级]))/u;
/**
 * A feature's subtitle opens with the place it reports on (泰顺县持续推进…, 瓯海区打造…, 温州湾新区…),
 * not with a phrase on 全市, 城市, 市域…, and lists nothing (a title's second line may: 获得感、幸福感、安全感).
 */
export const SUBTITLE_OPENING = /^\p{Script=Han}{2,4}(?<![全城本各该])[省市县区](?![域场民委级长])[^、，]*$/u;

/** 公文 titles end with the kind of document (文种). */
const DOC_KIND =
  /(通知|通报|意见|决定|命令|公告|通告|办法|规定|细则|方案|计划|规划|批复|函|纪要|报告|议案|决议|公报|令|解读|说明|要点|目录|标准|条例|规则|守则|指引|措施|举措|清单|制度|若干政策|指南|任务书|名单|导则|章程)(（[^（）]{1,12}）|\([^()]{1,12}\))*$/u;
export function endsWithDocumentKind(s: string): boolean {
  return DOC_KIND.test(compact(s));
}

/** The title of a 政策解读: 关于《…》的政策解读, 《…》政策解读, 关于…的政策解读. */
export function isInterpretationTitle(s: string): boolean {
  const t = compact(s);
  return t.length <= 90 && /(政策)?解读$/.test(t) && (/《.+》/.test(t) || /^关于.+的政策解读$/.test(t)) && !/[，。；：]/.test(t);
}

/** The printed titles of a 公报 issue's recurring 栏目. */
const SECTION_TITLES = SECTIONS.flatMap((s) => (s.found === 'title' ? [[s.name, s.title] as const] : []));

export const sectionOf = memoized((s: string): TitledSection | null => {
  if (s.length > 80) return null;
  const t = compact(s);
  // A numbered heading or a table's caption in the text is not a section of the issue.
  if (t.length > 40 || NUMBERING_START.test(t) || /^表\s*\d/u.test(t)) return null;
  return SECTION_TITLES.find(([, re]) => re.test(t))?.[0] ?? null;
});

/** Numbering that opens a heading or item in a 公文 body. */
export const NUMBERING = [
  { level: 1, re: /^第[一二三四五六七八九十百零〇]+章/u },
  { level: 2, re: /^第[一二三四五六七八九十百零〇]+节/u },
  { level: 1, re: /^[一二三四五六七八九十]+、/u },
  { level: 2, re: /^[（(][一二三四五六七八九十]+[）)]/u },
  { level: 3, re: /^\d{1,2}[.．](?!\d)/u },
  { level: 4, re: /^[（(]\d{1,2}[）)]/u },
  { level: 4, re: /^[①②③④⑤⑥⑦⑧⑨⑩]/u },
] as const;

export const ARTICLE = /^第[一二三四五六七八九十百零〇]+条/u;
/**
 * An annex's label, set over it (附件, 附件2). With a colon and no number (附件：) the word leads in
 * the list of attachments under a 公文's text (GB/T 9704: 附件 + full-width colon + names).
 */
export const ANNEX_LABEL = /^附件\s*(\d{1,2}\s*[：:]?)?$/u;
export const ANNEX_HEADING = /^附件\s*(\d{1,2})\s*\S/u;
export const ANNEX_LIST = /^附件\s*[：:]/u;
/** An annex's label where its title shares the line (附件2　…, 附件2：…). */
export const ANNEX_PREFIX = /^附件\s*\d{1,2}\s*[：:]?/u;

/** Where an item of the list of attachments opens: at its number (1. 2、 3．, 3.2023年…), not inside a figure (1.5). */
export const ITEM_START = String.raw`(?=\d{1,2}[.．、](?:\d{4}年|(?!\d)))`;
const ITEM_SPLIT = new RegExp(String.raw`\n|(?:^|\s+|(?<=[^\d]))${ITEM_START}`, 'u');

/** `附件：1.甲  2.乙` → [甲, 乙]. */
export function parseAttachments(s: string): string[] {
  return s
    .replace(ANNEX_LIST, '')
    .split(ITEM_SPLIT)
    .map((p) =>
      p
        .trim()
        .replace(/^\d{1,2}[.．、]\s*/u, '')
        .replace(/[；;。]$/u, ''),
    )
    .filter(Boolean);
}

/** Where a paragraph may end: sentence-final punctuation (closing quotes/brackets after it), or a photo credit. */
export const SENTENCE_END = /[。！？；!?;…][”’」』）)]*$|[/／]摄[）)]$/u;
/** Where a line ends a unit: a sentence, a lead-in (：), a bracket, a quotation or a title. */
export const UNIT_END = /[。！？；!?;…：:）)”’》」』]$/u;
/**
 * A word in brackets closed on the line it opened on, inside a sentence (…100张床（含）): it ends no
 * unit. (Two characters or more may close a title, …办法（试行）, or name a role, …市发改委（牵头）.)
 */
export const INLINE_BRACKET = /[^\s。！？；：:，、（(][（(][^（()）][）)]$/u;
/** The fields a 政策解读 signs off with (解读机关：…, 解读人：…, 联系电话：…), each set on a line of its own. */
export const SIGN_OFF_LABEL = '(?:解读机关|解读单位|解读部门|起草单位|文件起草单位|解读人+|联系电话|联系方式|联系人)';
export const SIGN_OFF_FIELD = new RegExp(`^${SIGN_OFF_LABEL}[：:]`, 'u');
/** A note set in brackets on a line of its own under a document's text (（此件公开发布）, （扫描二维码查看附件详情）). */
export const BRACKETED_NOTE = /^[（(][^（()）]+[）)]$/u;
/** A line that ends mid-phrase cannot end a paragraph. */
export const CONTINUES = /[，、,（(“‘《—\-·/／]$/u;

/** Han characters and the full-width punctuation set with them. */
export const CJK = '\\p{Script=Han}\\u3000-\\u303f\\uff00-\\uffef\\u2018-\\u201d\\u2026\\u2014\\u00b7';
const SPACE_BY_CJK = new RegExp(`(?<=[${CJK}]) (?=\\S)|(?<=\\S) (?=[${CJK}])`, 'gu');

/**
 * The text `compact` returned last. Compacting a compact text changes nothing, and the rules here
 * compact the text they are given, most often one that was just compacted: that one is known
 * without looking for spaces in it again.
 */
let compacted = '';

/** Drop spaces next to Chinese text (justified lines, line breaks); Latin words keep theirs. */
export function compact(s: string): string {
  if (s === compacted) return s;
  compacted = /[\s\u3000]/u.test(s)
    ? s
        .replace(/[\s\u3000]+/gu, ' ')
        .trim()
        .replace(SPACE_BY_CJK, '')
    : s;
  return compacted;
}

/** Letter-spaced text (`政 务 简 讯`, `实 施 意 见`): single characters separated by spaces. */
export function isLetterSpaced(s: string): boolean {
  const t = s.trim();
  return /^(\S[ \u3000]+){2,}\S$/u.test(t) && t.split(/[ \u3000]+/u).every((p) => [...p].length <= 2);
}

/** A short heading set with spaces between its characters (附  则, 总  则). */
export const SPACED_HEADING = /^\p{Script=Han}([ \u3000]+\p{Script=Han}){1,4}$/u;

/** A caption or news item opens with the day (or month) of the event: 7月18日，… / 4月，… / 2023年3月，… */
export const DATED_OPENING = /^(\d{4}年)?\d{1,2}月(\d{1,2}日)?(至\d{1,2}日)?(上午|下午|晚上?)?，/u;

/**
 * A caption may name what it shows first and date it in the next clause (温州港恢复邮轮航线业务，5月10日…);
 * its line may end after the month or the day's number (…业务，5月 / 10日…, …业务，5月10 / 日…).
 */
export const DATED_CLAUSE = /^[^，。；：、]{2,20}，\d{1,2}月(\d{1,2}(日|$)|$)/u;

/** A line that stops inside a phrase, past no clause mark: what follows goes on with it. */
export const MID_WORD = /[\p{L}\p{N}]$/u;

/** A full stop, anywhere in a text: a sentence ends there. */
export const FULL_STOP = /[。！？]/u;

/** A photo caption's form: a phrase that dates its event first (5月1日，… / 温州港恢复…，5月10日…) and has no full stop. */
export function isCaptionText(text: string): boolean {
  return (DATED_OPENING.test(text) || DATED_CLAUSE.test(text)) && !FULL_STOP.test(text);
}
/** A photographer's credit closing a caption: （郑鹏/摄）. */
export const CAPTION_CREDIT = /[（(][^（）()]*[/／]摄[）)]$/u;

/**
 * Photo captions printed one after another, as lines: two or more items, each opening with its
 * date (7月4日，…) and one sentence long, with or without a full stop and a credit (…开工。 /
 * …成功举办). The paragraphs of a text go on past their first sentence.
 */
export function isCaptionRun(lines: readonly string[]): boolean {
  const items: string[] = [];
  for (const line of lines) {
    if (DATED_OPENING.test(line)) items.push(line);
    else if (items.length) items[items.length - 1] += line;
    else return false;
  }
  const oneSentence = (item: string): boolean => !FULL_STOP.test(item.replace(CAPTION_CREDIT, '').replace(/[。！？][”’）)]*$/u, ''));
  return items.length >= 2 && items.every(oneSentence);
}
/** How many characters into a news item's first paragraph its date may come at most. */
export const NEWS_DATE_WITHIN = 30;
const NEWS_DATE = new RegExp(`^[^。，；：、《》]{0,${NEWS_DATE_WITHIN}}?\\d{1,2}月\\d{1,2}日`, 'u');

/** A news item's first paragraph dates the event at once (4月13日，… / …领导小组会议于4月4日召开。). */
export function datesEvent(text: string): boolean {
  return DATED_OPENING.test(text) || NEWS_DATE.test(text);
}

/**
 * A title as named and as printed may set its span of years with another dash (行动方案（2019-2021年）
 * in the transmittal, （2019—2021年） over the plan): one title, one key.
 */
export function titleKey(title: string): string {
  return compact(title).replace(/[-‐‑‒–—―－~～]+/gu, '—');
}

/** How many of a headline's first characters a news paragraph opens with where it names the event in the headline's words. */
const RESTATED = 6;
/** …after as many characters at most of the place the headline leaves out (市深化… / 温州市深化…). */
const PLACE_BEFORE = 3;

/**
 * A news item's first paragraph may name the event in its headline's own words (温州市打造…共同富裕 /
 * 示范区…会议召开 / 温州市打造…共同 / 富裕…会议10 / 月7日召开。): a line that opens so is that paragraph's,
 * not the headline's.
 */
export function restatesHeadline(line: string, headline: string): boolean {
  return compact(line)
    .slice(0, PLACE_BEFORE + RESTATED)
    .includes(compact(headline).slice(0, RESTATED));
}

/** Clause and sentence punctuation: prose has it, a headline has none (it may list: 获得感、幸福感、安全感). */
export const CLAUSE_MARK = /[，。；：,;:！？]/u;

/**
 * A headline — the title or subtitle of a feature, a news item's headline, a short title line —
 * is short and holds no clause or sentence.
 */
export function isHeadline(text: string): boolean {
  const t = compact(text);
  return t.length > 0 && t.length <= 40 && !CLAUSE_MARK.test(t);
}

/** The source line under a statistics table: 温州市统计局制. */
export const SOURCE_CREDIT = /^(\p{Script=Han}{2,30}?(局|中心|办公室|委员会))制$/u;

/**
 * A row of the 发文目录: a 文号 and the title of the document it numbers, which opens with its
 * issuer, its place or 关于 (a 文号 cited at the start of a line of prose is followed by other
 * words: 文件, 、).
 */
export const LIST_ENTRY = new RegExp(
  `^(?<number>${DOC_NUMBER.source})[\\s\\u3000]*(?<title>(?:关于|\\p{Script=Han}{1,5}?[省市县区])[^]*)$`,
  'u',
);

/** Issues a year, by the frequency a gazette is published at (刊期). */
const ISSUES_PER_YEAR: Record<string, number> = { 月刊: 12, 半月刊: 24, 旬刊: 36, 双月刊: 6, 季刊: 4 };

/**
 * The month an issue is numbered for, `YYYY-MM`: 第10期 of a 月刊 is October's, 第3期 of a 双月刊
 * opens May. Null where the frequency says nothing of months, or the number does not fit it.
 */
export function issueMonth(year: number, number: number, frequency: string): string | null {
  const perYear = ISSUES_PER_YEAR[frequency];
  if (!perYear || number < 1 || number > perYear) return null;
  const month = Math.floor(((number - 1) * 12) / perYear) + 1;
  return `${year}-${String(month).padStart(2, '0')}`;
}
