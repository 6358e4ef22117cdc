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
/** In running text the 机关代字 is the run of Han characters before the bracket (see `docNumberFinder`). */
const IN_TEXT = new RegExp(YEAR_SERIAL, 'gu');
const HAN = /^\p{Script=Han}$/u;
const SPACE = /^\s$/u;

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
  const longest = Math.max(0, ...longestFirst.map((a) => [...a].length));
  return (text) => {
    const found: DocNumberMention[] = [];
    if (numbers.size === 0) return found;
    // A mention is the Han run before a bracketed year and serial, found from the bracket back:
    // a pattern that opened on the run would try every character of every run as its start.
    // As with such a pattern, a run starts no earlier than where the previous match ended.
    let after = 0;
    for (const m of text.matchAll(IN_TEXT)) {
      const [whole, year, serial] = m as unknown as [string, string, string];
      let end = m.index;
      while (end > after && SPACE.test(text[end - 1]!)) end--;
      // Only the run's last characters can be a 机关代字 the archive holds.
      let start = end;
      for (let n = 0; n < longest && start > after; n++) {
        const ch = String.fromCodePoint(text.codePointAt(start - 2) ?? 0);
        const char = start - 2 >= after && ch.length === 2 ? ch : text[start - 1]!;
        if (!HAN.test(char)) break;
        start -= char.length;
      }
      if (start === end) continue;
      after = m.index + whole.length;
      const run = text.slice(start, end);
      const agency = longestFirst.find((a) => run.endsWith(a));
      if (!agency) continue;
      const normal = normalDocNumber(agency, Number(year), Number(serial));
      if (!numbers.has(normal)) continue;
      found.push({ start: end - agency.length, end: after, text: normal });
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
