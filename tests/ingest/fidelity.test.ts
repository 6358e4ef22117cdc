/**
 * Nothing is lost: every line of every source ends up in a document, on the issue page (cover,
 * masthead, contents, colophon), or in the report as dropped with a reason — and the text of a
 * document's lines is in the document.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ingestIssue } from '../../scripts/ingest/issue.ts';
import { readSource } from '../../scripts/ingest/read.ts';
import { fromMdx, toMdx } from '../../src/lib/mdx-syntax.ts';
import { paragraphs } from '../../src/lib/paragraphs.ts';

const REASONS = new Set(['page number', 'running header', 'section tab', 'markup']);
const han = (s: string | null | undefined): string[] => (s ?? '').match(/\p{Script=Han}/gu) ?? [];

describe.each(readdirSync('content/sources').filter((f) => f.endsWith('.txt')))('%s', (name) => {
  const source = readSource(`content/sources/${name}`, readFileSync(`content/sources/${name}`));
  const { fates, documents } = ingestIssue(source);

  it('gives every line a place or a reason', () => {
    const unexplained = fates.flatMap((f, i) =>
      f.kind === 'pending' || (f.kind === 'dropped' && !REASONS.has(f.reason)) ? [`${i + 1}: ${source.lines[i]}`] : [],
    );
    expect(unexplained).toEqual([]);
  });

  it.each(documents.map((d) => [d.meta.id, d] as const))('%s shows the text of its lines', (_, d) => {
    const shown = new Map<string, number>();
    const { title, subtitle, docNumber, issuer, date, normativeCode } = d.meta;
    for (const c of [...paragraphs(fromMdx(toMdx(d.tree))), title, subtitle, docNumber, issuer, date, normativeCode].flatMap(han))
      shown.set(c, (shown.get(c) ?? 0) + 1);
    let total = 0;
    let found = 0;
    fates.forEach((f, i) => {
      if (f.kind !== 'document' || f.id !== d.meta.id) return;
      for (const c of han(source.lines[i])) {
        total++;
        const left = shown.get(c) ?? 0;
        if (left > 0) {
          found++;
          shown.set(c, left - 1);
        }
      }
    });
    // Repeated table headers after a page break are merged away; nothing else may go missing.
    expect(found / total).toBeGreaterThanOrEqual(0.99);
  });
});
