/**
 * Stage 2 (raw PDF text) — pages: where the printed pages begin and which page numbers they bear.
 *
 * A PDF text extraction marks a new page by a line that starts with a single space. Page numbers
 * are printed in the footer as `·  23  ·`. Where two or more printed numbers agree with the count
 * of marked page breaks between them, every page is numbered by counting; otherwise only the pages
 * that print their number have one (a page break the extraction lost would shift every count).
 * A footer also ends its page where the extraction marks no break: the text after it is the next
 * page, numbered one more.
 */
export interface Page {
  /** Index of the page's first line (0-based). */
  start: number;
  end: number;
  /** Printed page number, where known or inferred. */
  number: number | null;
}

/** `·  23  ·` as the 公报 prints it, or `— 23 —` as GB/T 9704 prints a document's page numbers. */
export const PAGE_NUMBER = /^\s*(?:[·•]\s*(\d{1,3})\s*[·•]|[—–－-]\s*(\d{1,3})\s*[—–－-])\s*$/u;
const PAGE_START = /^ (?! )\S/u;

export function splitPages(lines: readonly string[]): Page[] {
  const starts = [0];
  lines.forEach((l, i) => {
    if (i > 0 && PAGE_START.test(l)) starts.push(i);
  });
  const pages: Page[] = starts.map((start, k) => ({ start, end: (starts[k + 1] ?? lines.length) - 1, number: null }));
  const printed: { page: number; number: number }[] = [];
  pages.forEach((p, k) => {
    for (let i = p.start; i <= p.end; i++) {
      const m = PAGE_NUMBER.exec(lines[i]!);
      if (m) printed.push({ page: k, number: Number(m[1] ?? m[2]) });
    }
  });
  // Infer numbers from the printed ones only where they agree with the page count.
  const consistent = printed.every((a, i) => i === 0 || a.number - printed[i - 1]!.number === a.page - printed[i - 1]!.page);
  if (printed.length >= 2 && consistent) {
    const { page, number } = printed[0]!;
    pages.forEach((p, k) => {
      const n = number + (k - page);
      p.number = n > 0 ? n : null;
    });
  } else {
    // A page with several footers (its later pages unmarked) is numbered by the first.
    for (const { page, number } of printed) pages[page]!.number ??= number;
  }
  return pages.flatMap((p) => splitAtFooters(lines, p));
}

function splitAtFooters(lines: readonly string[], page: Page): Page[] {
  const out: Page[] = [{ ...page }];
  for (let i = page.start; i < page.end; i++) {
    const m = PAGE_NUMBER.exec(lines[i]!);
    if (!m) continue;
    out.at(-1)!.end = i;
    out.push({ start: i + 1, end: page.end, number: Number(m[1] ?? m[2]) + 1 });
  }
  return out;
}
