/**
 * A synthetic archive for the benchmarks: N copies of a folder of sources, each copy a different
 * run of issues.
 *
 * Each copy is rewritten (years, 文号 serials, decree numbers, 总第N期; see `shifted`) so that
 * issues and document ids stay unique while each copy keeps its own cross references.
 */
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** A year-like number not part of a longer number. */
const YEAR = /(?<!\d)(19[5-9]\d|20[0-4]\d)(?!\d)/gu;
/** The serial of a 文号 (its year already shifted). */
const SERIAL = /([〔[［(（【]\s*\d{4}\s*[〕\]］)）】]\s*第?\s*)(\d{1,5})(\s*号)/gu;
/** A decree's number: 温州市人民政府令第147号, or 第147号 on a line of its own under the title. */
const DECREE = /(令第\s*|^\s*第\s*)(\d{1,4})(\s*号\s*$|\s*号)/gmu;
const TOTAL = /(总第\s*)(\d+)(\s*期)/gu;

/**
 * Copy k moves every year by k − 119 (issue years stay within the schema's 1900–2200), adds
 * 1000 × (k mod 8) to 文号 serials, so copies whose years overlap differ in serial (copies k and
 * k + d share a year when the sources span d years, d not a multiple of 8), and moves decree
 * numbers and 总第N期 along. Serials stay within four digits, as 文号 print them: a five-digit
 * serial is no 文号 to the ingest, and its document would be lost from the copy.
 */
const yearShift = (k: number) => k - 119;

function shifted(text: string, k: number): string {
  const add = (n: number) => (_: string, a: string, x: string, b: string) => `${a}${Number(x) + n}${b}`;
  return text
    .replace(YEAR, (y) => String(Number(y) + yearShift(k)))
    .replace(SERIAL, add(1000 * (k % 8)))
    .replace(DECREE, add(30 * k))
    .replace(TOTAL, add(1000 * k));
}

/**
 * Writes copies `first` … `first + copies − 1` of the issues of `from` into `to`; copies with
 * different numbers never share an issue or a document id, so archives made of different ranges
 * can be searched together. Returns the number of issues written.
 */
export function writeCopies(from: string, to: string, copies: number, first = 0): number {
  const sources = readdirSync(from).filter((f) => /^\d{4}-\d{2}\.txt$/u.test(f));
  for (let k = first; k < first + copies; k++) {
    for (const f of sources) {
      const text = readFileSync(join(from, f), 'utf8');
      const [year, number] = f.replace(/\.txt$/u, '').split('-') as [string, string];
      writeFileSync(join(to, `${Number(year) + yearShift(k)}-${number}.txt`), shifted(text, k));
    }
  }
  return sources.length * copies;
}
