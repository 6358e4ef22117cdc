/**
 * 文号 (document numbers) as the site reads them: 机关代字〔年份〕序号号, e.g. 温政办〔2023〕51号.
 * Printed text uses several bracket forms for the year (〔〕, [], ［］, ()), so every comparison
 * goes through the normal form with 〔〕.
 */

export interface DocNumber {
  /** 机关代字, e.g. 温政办. */
  agency: string;
  year: number;
  serial: number;
  /** The normal form, e.g. 温政办〔2023〕51号. */
  text: string;
}

const OPEN = '〔\\[［(（【';
const CLOSE = '〕\\]］)）】';
const YEAR_SERIAL = `[${OPEN}]\\s*(\\d{4})\\s*[${CLOSE}]\\s*第?\\s*(\\d{1,5})\\s*号`;

const WHOLE = new RegExp(`^(\\S+?)\\s*${YEAR_SERIAL}$`, 'u');
/** In running text the 机关代字 is the run of Han characters before the bracket. */
const IN_TEXT = new RegExp(`(\\p{Script=Han}+)\\s*${YEAR_SERIAL}`, 'gu');

/** The normal form of a 文号, with 〔〕: what the ingest writes and the site compares. */
export const normalDocNumber = (agency: string, year: number, serial: number) => `${agency}〔${year}〕${serial}号`;

export function parseDocNumber(s: string): DocNumber | null {
  const m = WHOLE.exec(s.replace(/[\s\u3000]+/gu, ''));
  if (!m) return null;
  const [, agency, year, serial] = m as unknown as [string, string, string, string];
  return { agency, year: Number(year), serial: Number(serial), text: normalDocNumber(agency, Number(year), Number(serial)) };
}

/** The normal form of a 文号, or the text itself when it does not parse. */
export function normalizeDocNumber(s: string): string {
  return parseDocNumber(s)?.text ?? s.replace(/[\s\u3000]+/gu, '');
}

export interface DocNumberMention {
  /** Offsets in the searched text, end exclusive. */
  start: number;
  end: number;
  /** Normal form. */
  text: string;
}

/**
 * Finds the 文号 of `known` (normal forms) in running text. A 机关代字 is recognised as the end of
 * the Han run before the bracket, so 温政办〔2023〕51号 is found in “的通知温政办〔2023〕51号”, while
 * 浙政办发〔2023〕25号 is not taken for a 政办发 number unless that is what the archive holds.
 */
export function docNumberFinder(known: Iterable<string>): (text: string) => DocNumberMention[] {
  const numbers = new Set<string>();
  const agencies = new Set<string>();
  for (const k of known) {
    const p = parseDocNumber(k);
    if (!p) continue;
    numbers.add(p.text);
    agencies.add(p.agency);
  }
  const longestFirst = [...agencies].sort((a, b) => b.length - a.length);
  return (text) => {
    const found: DocNumberMention[] = [];
    if (numbers.size === 0) return found;
    for (const m of text.matchAll(IN_TEXT)) {
      const [whole, run, year, serial] = m as unknown as [string, string, string, string];
      const agency = longestFirst.find((a) => run.endsWith(a));
      if (!agency) continue;
      const text = normalDocNumber(agency, Number(year), Number(serial));
      if (!numbers.has(text)) continue;
      found.push({ start: m.index + run.length - agency.length, end: m.index + whole.length, text });
    }
    return found;
  };
}

/** What `heldNumbers` needs of a document: its 文号 and its place in the archive. */
export interface NumberedDocument {
  id: string;
  docNumber: string | null;
  issue: { year: number; number: number };
  order: number;
}

/**
 * Normal-form 文号 → id of the document that bears it. A 文号 is unique, but a document may be
 * printed twice (a reprint): the first in archive order (by issue, then place in the issue) wins.
 */
export function heldNumbers(docs: readonly NumberedDocument[]): Map<string, string> {
  const inOrder = docs.toSorted((a, b) => a.issue.year - b.issue.year || a.issue.number - b.issue.number || a.order - b.order);
  const numbers = new Map<string, string>();
  for (const d of inOrder) {
    if (!d.docNumber) continue;
    const n = normalizeDocNumber(d.docNumber);
    if (!numbers.has(n)) numbers.set(n, d.id);
  }
  return numbers;
}
