/**
 * What the cells of a gazette table look like in print: the vocabulary the table reader types
 * cells and columns with. A 序号 is a small whole number; a 责任单位 cell is a list of bodies
 * (市X局, 各县（市、区）人民政府, the lead one marked * or ★); figures, amounts and years have
 * their forms; a header names the kind of its column.
 */
import { siteConfig } from '../../../src/site.config.ts';

/** The mark of the lead body in a list (*为牵头部门, ★为牵头单位). */
export const LEAD = /[*＊★☆]/u;
const SEPARATOR = /[、，,；;]/u;
/** How the name of a body ends, longer forms first (…管委会 before …委); 联 and 协 end the people's organisations (市妇联, 市科协). */
const BODY_END =
  /(管委会|委员会|人民政府|政府|大学|学院|集团|公司|中心|医院|支队|大队|单位|部门|局|委|办|院|校|会|部|厅|社|所|站|队|署|处|行|团|联|协)$/u;
/** Endings that close a name for good: 市科技局 is never the start of a longer name. */
const COMPLETE = /(局|府|办|管委会|委员会|集团|公司|中心|医院|支队|大队|联|协)$/u;
/** A place standing for its government in a list (龙湾区、瓯海区、…): only before a separator. */
const PLACE_END = /(区|县|市|镇|街道)$/u;
/**
 * The places of the gazette's jurisdiction (浙江省温州市 → 浙江, 温州): bodies named after them
 * (温州医科大学, 浙江省…) open a name like 市 and 省 do.
 */
const PLACES = siteConfig.jurisdiction
  .split(/(?<=[省市县区])/u)
  .map((p) => p.replace(/[省市县区]$/u, ''))
  .filter((p) => p.length >= 2)
  .join('|');
/** How the first body of a list opens: the lead mark, or a level of government or its place. */
const BODY_START = new RegExp(`^([*＊★☆]|市|省|县|区|各|${PLACES}|中共|共青团|团市委|国家|人行|人民银行)`, 'u');
const MAX_BODY = 20;
/** A body named right after another, with no separator (市经信局市科技局): a level of government opens it. */
const NEXT_BODY = new RegExp(`^(市|省|各|${PLACES}|中共|共青团)`, 'u');
/** A body's name is short: longer text that happens to end in 局 or 会 is a sentence (…建设布局). */
const MAX_NAME = 13;

/**
 * The end of one body's name starting at `at`, or -1. The name ends at the first word that ends
 * a body (市卫健委), unless the words up to the next separator also end one (…大学附属第一医院); a
 * place (龙湾区) counts only before a separator. Brackets are read whole: 各县（市、区）人民政府.
 */
function bodyEnd(s: string, at: number): number {
  let first = -1;
  let depth = 0;
  let i = at;
  for (; i < s.length && i - at <= MAX_BODY; i++) {
    const c = s[i]!;
    if (c === '（' || c === '(') depth++;
    else if (c === '）' || c === ')') depth = Math.max(0, depth - 1);
    else if (depth === 0 && (SEPARATOR.test(c) || /[。：:\s\d]/u.test(c) || LEAD.test(c))) break;
    if (depth === 0 && first < 0 && i + 1 - at >= 2 && BODY_END.test(s.slice(at, i + 1))) {
      // 管委 → 管委会, 人民政 → 人民政府: a longer ending that overlaps this one wins.
      const longer = [i + 2, i + 3].find(
        (j) => j <= s.length && BODY_END.test(s.slice(at, j)) && BODY_END.exec(s.slice(at, j))![0].length > j - i - 1,
      );
      first = longer ?? i + 1;
      i = first - 1;
    }
  }
  const stop = i;
  const whole = s.slice(at, stop).replace(/[（(][^（）()]*[）)]$/u, '');
  const length = (end: number): number => s.slice(at, end).replace(/[（(][^（）()]*[）)]/gu, '').length;
  if (first >= 0 && length(first) > MAX_NAME) return -1;
  if (first < 0) return whole.length >= 2 && PLACE_END.test(whole) && SEPARATOR.test(s[stop] ?? '') ? stop : -1;
  // 市委 + 宣传部, 市人社 + 局, …大学 + 附属第一医院: the name goes on to the next ending when what
  // follows does not open a body of its own (市经信局 | 市科技局).
  let end = first;
  for (;;) {
    // (A note in brackets after the name is the name's other name: 市卫健委（市康养办）.)
    const note = /^[（(][^（）()]*[）)]/u.exec(s.slice(end))?.[0];
    if (note) return end + note.length;
    if (end >= stop || COMPLETE.test(s.slice(at, end)) || BODY_START.test(s.slice(end)) || /^[（(]/u.test(s.slice(end))) return end;
    let next = -1;
    for (let j = end + 1; j <= stop; j++)
      if (BODY_END.test(s.slice(at, j).replace(/[（(][^（）()]*[）)]$/u, ''))) {
        next = j;
        break;
      }
    // …and the longer name must end where a name can: at a separator, a new body or the end.
    if (next < 0 || length(next) > MAX_NAME) return end;
    const bracket = /^[（(][^（）()]*[）)]/u.exec(s.slice(next))?.[0] ?? '';
    const after = s.slice(next + bracket.length);
    if (!(after === '' || /^[\s\d。；;、，,*＊★☆]/u.test(after) || NEXT_BODY.test(after))) return end;
    end = next + bracket.length;
  }
}

/** The end of a list of bodies starting at `at` (the whole rest when it runs to the end), or -1. */
export function bodyListEnd(s: string, at: number): number {
  // (A county's government is named by its place: 龙湾区人民政府, 乐清市、瑞安市….)
  if (!BODY_START.test(s.slice(at)) && !/^\p{Script=Han}{2,3}(区|县|市)([、，]|人民政府)/u.test(s.slice(at))) return -1;
  let end = -1;
  let i = at;
  for (;;) {
    while (i < s.length && (LEAD.test(s[i]!) || /\s/u.test(s[i]!))) i++;
    const e = bodyEnd(s, i);
    if (e < 0) return end;
    end = e;
    // A list may close with 等 (…鹿城区人民政府等).
    if (!SEPARATOR.test(s[e] ?? '')) return /^等(?!\p{Script=Han})/u.test(s.slice(e)) ? end + 1 : end;
    i = e + 1;
    // A list may end with its separator (…市金融办、) where the row is cut by a page break.
    if (i >= s.length) return i;
  }
}

/** A figure as printed in a table: 2.6, -3.1, 15%, 3700, ——; with a note in brackets: 15%（核心产业12%）. */
export const FIGURE = /^([-+]?\d[\d.,]*\s*(%|‰|亿元|万元|元|家|个|人|项|名|所)?([（(][^（）()]*[）)])?|——|—|-|…|\/)$/u;

/** Where an amount (555亿元, 15%) ends a cell of its own: not before punctuation that goes on with it. */
export const AMOUNT_END = /\d[\d.,]*\s*(亿元|万元|元|%|家|个|人|平方米|亩|公里|吨)(?![；;，,、）)\d])/gu;

/** A 序号: a whole number, at most three digits. */
export const ROW_NUMBER = /^\d{1,3}$/u;
/** Characters after a number that make it a quantity, an item number or a date, not a 序号. */
export const QUANTITY_AFTER =
  /^([\d.．、，,）)％%‰年月日时个家项名所次号条级期万亿元岁天倍批座张台套类户床支间层道篇款辆只]|人[次以左）)，。、])/u;

export type ColumnKind = 'number' | 'bodies' | 'figure' | 'text';

/** The kind of a column, from the words that head it. */
export function columnKind(name: string): ColumnKind {
  const n = name.replace(/\s/gu, '');
  if (/^(序号|编号|序)$/u.test(n)) return 'number';
  if (/(单位|部门)([（(].*[）)])?$/u.test(n)) return 'bodies';
  if (/^\d{4}年度?$|率([（(].*[）)])?$|[（(](%|％|亿元|万元|元|家|个|人|人年|万平方米)[）)]$|目标值|^\d{4}$/u.test(n)) return 'figure';
  return 'text';
}

/** Words that end a column's name in a header printed without spaces, and what may not follow them. */
const HEADER_END =
  /(序号|名称|目标|单位|部门|内容|任务|举措|措施|要求|标准|时间|时限|期限|日期|备注|类别|指标|项目|概况|进度|增长率|率|金额|依据|说明|情况|区|县|市)$/u;
const GOES_ON = /^(名称|内容|目标|清单|类别|单位|部门|举措|措施|要求|标准|时间|时限|期限|进度|编号|指标|规模|值|（|\()/u;

/**
 * A header's columns. Printed with spaces between them, the words are the columns; run together
 * (a torn or rotated table), the text is cut after each word that ends a column's name, unless
 * the name goes on (任务 + 名称); a note in brackets belongs to the name before it.
 */
export function headerColumns(fragments: readonly string[]): string[] {
  const spaced = fragments.map((f) =>
    f
      .trim()
      .split(/[ \u3000]+/u)
      .filter(Boolean),
  );
  if (spaced.some((w) => w.length >= 3)) {
    const words: string[] = [];
    for (const w of spaced.flat()) {
      if (words.length && /^[±%‰（(]/u.test(w)) words[words.length - 1] += w;
      else words.push(w);
    }
    return words;
  }
  const text = fragments.join('').replace(/\s/gu, '');
  const out: string[] = [];
  let start = 0;
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '（' || c === '(') depth++;
    if (c === '）' || c === ')') depth--;
    if (depth !== 0) continue;
    const name = text.slice(start, i + 1);
    const rest = text.slice(i + 1);
    // Columns of years (2022年2023年2025年) end at each year; a year that opens a name (2023年攻坚目标) does not.
    const year = /\d{4}年$/u.test(name) && (rest === '' || /^\d{4}年/u.test(rest));
    if (
      (name === '序号' || year || (HEADER_END.test(name.replace(/[（(][^（）()]*[）)]$/u, '')) && !GOES_ON.test(rest))) &&
      name.length >= 2
    ) {
      out.push(name);
      start = i + 1;
    }
  }
  const left = text.slice(start);
  if (left && out.length && /^[（(]/u.test(left)) out[out.length - 1] += left;
  else if (left) out.push(left);
  return out;
}
