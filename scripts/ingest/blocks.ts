/**
 * Stage 4 — blocks: the flavour-independent unit the rest of the pipeline works on. A block is a
 * heading, a run of text, a table or a list, with the source lines and printed page it came from.
 */
import {
  ANNEX_HEADING,
  ANNEX_LABEL,
  ANNEX_LIST,
  ANNEX_PREFIX,
  ARTICLE,
  LIST_ENTRY,
  NUMBERING,
  compact,
  isHeadline,
  isOrganisation,
  isSalutation,
  memoized,
  parseDateLine,
  parseDocNumber,
  parseNormativeCode,
  sectionOf,
  SOURCE_CREDIT,
} from './conventions.ts';

export type BlockKind = 'text' | 'heading' | 'table' | 'list';

export interface Block {
  kind: BlockKind;
  /** The text; hard line breaks the layout keeps are `\n`. Empty for tables. */
  text: string;
  rows?: string[][];
  items?: string[];
  /** Heading depth where the source marks it (markdown). */
  depth?: number;
  line: number;
  endLine: number;
  /** Printed page number where known. */
  page: number | null;
  /** The printed page it ends on, when it runs over a page break. */
  endPage?: number;
  /** Printed as a title (large type), not as running text. */
  title?: boolean;
  /** The text of a table whose layout the extraction destroyed, in reading order. */
  torn?: boolean;
  /** A table's printed title. */
  tableCaption?: string;
  /** A table's cells printed once over several rows, as [row, column] of the cells they cover (row 0 is the header). */
  covered?: [number, number][];
  /** The block opens a printed page. */
  pageStart?: boolean;
  /** A photo caption. */
  caption?: boolean;
}

/** Numbering (一、 （一） 1. 第X条 …) at the start of a text. */
export const numberingOf = memoized((text: string): Readonly<{ level: number; label: string }> | null => {
  const t = text.trimStart();
  for (const { level, re } of NUMBERING) {
    const m = re.exec(t);
    if (m) return { level, label: m[0] };
  }
  const art = ARTICLE.exec(t);
  return art ? { level: 5, label: art[0] } : null;
});

const CIRCLED = '①②③④⑤⑥⑦⑧⑨⑩';
const HAN_DIGITS = '一二三四五六七八九十';

/** The label of the item after the one `label` numbers (① → ②, 3. → 4., （二） → （三）), or null. */
export function nextNumbering(label: string): string | null {
  const circled = CIRCLED.indexOf(label);
  if (circled >= 0) return CIRCLED[circled + 1] ?? null;
  const digits = /\d+/u.exec(label);
  if (digits) return label.replace(digits[0], String(Number(digits[0]) + 1));
  // (十九 → 二十 spells another word: no item is looked for there.)
  const han = /[一二三四五六七八九]/u.exec(label);
  if (han && !/第|十九/u.test(label) && label.length <= 4) return label.replace(han[0], HAN_DIGITS[HAN_DIGITS.indexOf(han[0]) + 1]!);
  return null;
}

/** 政府记事: a day (`5日`) and the events under it, each opened by △. */
export const DAY_LABEL = /^\d{1,2}日$/u;
export const CHRONICLE_ITEM = /^△/u;

/** A short `label：value` line (解读机关：…, 联系电话：…): a field, not prose. */
export function isLabelled(t: string): boolean {
  return t.length <= 40 && /^[^，。；：:]{2,8}[：:]\S/u.test(t) && !/[，。；]/u.test(t);
}

/**
 * An annex's heading: its label, then a title (附件1　温州市…清单), which holds no sentence. A line
 * that opens with the word because a cross-reference wrapped there (附件5）；③会议记录…, 附件2申请许可。)
 * goes on with the sentence it belongs to.
 */
export function isAnnexHeading(text: string): boolean {
  const t = compact(text);
  return ANNEX_HEADING.test(t) && !/^附件\s*\d{1,2}\s*[）)]/u.test(t) && !/[。；;，,！？]/u.test(t.replace(ANNEX_PREFIX, ''));
}

/** Lines that stand alone by their nature: they never join the text before or after them. */
export const isStandalone = memoized((text: string): boolean => {
  const t = compact(text);
  return (
    parseDocNumber(t) !== null ||
    parseNormativeCode(t) !== null ||
    parseDateLine(t) !== null ||
    isSalutation(t) ||
    ANNEX_LABEL.test(t) ||
    ANNEX_LIST.test(t) ||
    sectionOf(t) !== null ||
    DAY_LABEL.test(t) ||
    (t.endsWith('制') && SOURCE_CREDIT.test(t)) ||
    LIST_ENTRY.test(t)
  );
});

/**
 * A line of a news item's headline: no clause and no number, and none of the lines that stand
 * alone by their nature, nor an organisation's name (a signature).
 */
export function isNewsHeadline(text: string): boolean {
  const t = compact(text);
  return isHeadline(t) && !numberingOf(t) && !isStandalone(t) && !isOrganisation(t);
}

/** A numbered line short enough to be a heading, with no sentence inside it. */
export function isHeadingLine(text: string): boolean {
  const t = compact(text);
  return numberingOf(t) !== null && t.length <= 36 && !/[。；;：:，,]/u.test(t.slice(0, -1));
}

/** Join two pieces of one paragraph: no space between Chinese, one between Latin words. */
export function joinText(a: string, b: string): string {
  const left = a.replace(/[ \t\u3000]+$/u, '');
  const right = b.replace(/^[ \t\u3000]+/u, '');
  if (/[A-Za-z0-9]$/.test(left) && /^[A-Za-z]/.test(right)) return `${left} ${right}`;
  return left + right;
}
