/**
 * The raw-text converter on text it was never tuned on: the markdown issue (2023-05), whose
 * editor's reading is known, printed as the gazette's PDF extractions read (tests/support/typeset.ts)
 * with pages of several lengths, so that page breaks, and the title blocks and annex titles the
 * extraction moves to the end of their page, fall in other places each time. It must meet the raw
 * issues' acceptance thresholds.
 */
import { readFileSync } from 'node:fs';
import { VFile } from 'vfile';
import { describe, expect, it } from 'vitest';
import { ingestIssue } from '../../scripts/ingest/issue.ts';
import { readSource } from '../../scripts/ingest/read.ts';
import { fromMdx, toMdx } from '../../src/lib/mdx-syntax.ts';
import { paragraphs } from '../../src/lib/paragraphs.ts';
import { type Gold, scoreIssue } from '../support/score.ts';
import { typeset } from '../support/typeset.ts';

const source = readSource('content/sources/2023-05.txt', readFileSync('content/sources/2023-05.txt'));
const gold = JSON.parse(readFileSync('tests/fixtures/gold/2023-05.json', 'utf8')) as Gold;
const converted = ingestIssue(source);

const THRESHOLDS = { f1: 0.98, meta: 0.95, bound: 0.95, reflow: 0.9, sentences: 0.97, textRecall: 0.995, textPrecision: 0.99 };

describe.each([20, 24, 28, 31, 35])('2023-05 printed as raw PDF text, %i lines to a page', (pageLines) => {
  const printed = typeset(converted, gold, pageLines);
  const raw = { ...source, file: new VFile({ path: '2023-05.txt' }), flavour: 'raw' as const, lines: printed.lines };
  const documents = ingestIssue(raw).documents.map((d) => ({ ...d.meta, paragraphs: paragraphs(fromMdx(toMdx(d.tree))) }));
  const score = scoreIssue(printed.gold, documents, printed.lines);

  it('breaks sentences across pages and prints title blocks out of order, as the extractions do', () => {
    expect(printed.gold.crossPageSentences.length).toBeGreaterThan(20);
    const numberAt = printed.lines.indexOf('温政办〔2023〕53号');
    const salutationAt = printed.lines.findIndex((l, i) => i > printed.gold.documents[2]!.startLine - 2 && l.trim().startsWith('各县'));
    expect(salutationAt).toBeGreaterThanOrEqual(0);
    expect(numberAt).toBeGreaterThan(salutationAt);
  });

  it.each(Object.entries(THRESHOLDS))('%s meets the acceptance threshold', (metric, threshold) => {
    expect(score[metric as keyof typeof THRESHOLDS], score.problems.join('\n')).toBeGreaterThanOrEqual(threshold);
  });

  it('leaves no printing artifact in the text', () => {
    expect(score.artifacts, score.problems.join('\n')).toBe(0);
  });
});
