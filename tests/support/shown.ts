/**
 * How much of the text of a document's source lines the document shows: the fidelity test holds
 * the real issues to it, the fuzzer every mutant.
 */
import type { LineFate } from '../../scripts/ingest/fates.ts';
import type { IngestedDocument } from '../../scripts/ingest/issue.ts';
import { fromMdx, toMdx } from '../../src/lib/mdx-syntax.ts';
import { paragraphs } from '../../src/lib/paragraphs.ts';

/** Repeated table headers after a page break are merged away; nothing else may go missing. */
export const MIN_SHOWN = 0.99;

const han = (s: string | null | undefined): string[] => (s ?? '').match(/\p{Script=Han}/gu) ?? [];

/**
 * The share of the Han characters of a document's source lines that the document shows. A line
 * the document already had (a table header repeated after a page break) may merge away.
 */
export function shownShare(d: IngestedDocument, fates: readonly LineFate[], lines: readonly string[]): number {
  const shown = new Map<string, number>();
  const { title, subtitle, docNumber, issuer, date, normativeCode } = d.meta;
  for (const c of [...paragraphs(fromMdx(toMdx(d.tree))), title, subtitle, docNumber, issuer, date, normativeCode].flatMap(han))
    shown.set(c, (shown.get(c) ?? 0) + 1);
  let total = 0;
  let found = 0;
  const seen = new Set<string>();
  fates.forEach((f, i) => {
    if (f.kind !== 'document' || f.id !== d.meta.id || seen.has(lines[i]!)) return;
    seen.add(lines[i]!);
    for (const c of han(lines[i])) {
      total++;
      const left = shown.get(c) ?? 0;
      if (left > 0) {
        found++;
        shown.set(c, left - 1);
      }
    }
  });
  return total ? found / total : 1;
}
