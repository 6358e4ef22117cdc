/**
 * Document ids: stable, ASCII and readable. A 公文 is named by its 文号 (温政办〔2023〕51号 →
 * wzb-2023-51), which never changes once issued; a section of an issue by the issue and the
 * section (2023-05-zfjs). Converter improvements therefore never move a document's URL.
 *
 * An id names one document, whatever the input: a 文号 printed on two documents (a misprint, a
 * reprint, a file pasted twice) gives the later ones the next free `-2`, `-3` …, in source order.
 */
import { pinyin } from 'pinyin-pro';
import { CATEGORY_SLUG, type Category } from '../../src/lib/schema.ts';
import { SECTIONS } from '../../src/lib/sections.ts';
import { parseDecreeNumber, parseDocNumber } from './conventions.ts';

/** Sections an issue prints once; the others are numbered within the issue. */
const ONCE: ReadonlySet<Category> = new Set(SECTIONS.filter((s) => 'once' in s).map((s) => s.name));

export function agencySlug(agency: string): string {
  return pinyin(agency, { pattern: 'first', toneType: 'none', type: 'array' })
    .join('')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
}

export function documentId(issueKey: string, category: Category, docNumber: string | null, ordinal: number): string {
  const n = docNumber ? parseDocNumber(docNumber) : null;
  if (n) return `${agencySlug(n.agency)}-${n.year}-${n.serial}`;
  // A decree is numbered without a year (温州市人民政府令第153号 → wzsrmzfl-153).
  const decree = docNumber ? parseDecreeNumber(docNumber) : null;
  if (decree) return `${agencySlug(decree.agency)}-${decree.serial}`;
  const slug = CATEGORY_SLUG[category];
  return ONCE.has(category) && ordinal === 1 ? `${issueKey}-${slug}` : `${issueKey}-${slug}-${ordinal}`;
}

/** `id` if no earlier document has it, else the first free `id-2`, `id-3` … */
export function freeId(id: string, taken: ReadonlySet<string>): string {
  if (!taken.has(id)) return id;
  let k = 2;
  while (taken.has(`${id}-${k}`)) k++;
  return `${id}-${k}`;
}
