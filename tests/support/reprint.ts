/**
 * An issue printed again in a layout (tests/support/typeset.ts), converted as raw text and scored
 * against the gold reading of the print: shared by the unseen-layout tests and `npm run stress`.
 */
import { readFileSync } from 'node:fs';
import { VFile } from 'vfile';
import { type IngestedDocument, type IngestedIssue, ingestIssue } from '../../scripts/ingest/issue.ts';
import { type Source, readSource } from '../../scripts/ingest/read.ts';
import { fromMdx, toMdx } from '../../src/lib/mdx-syntax.ts';
import { paragraphs } from '../../src/lib/paragraphs.ts';
import { type Gold, type Score, scoreIssue } from './score.ts';
import { type Layout, type Typeset, typeset } from './typeset.ts';

export const ISSUES = ['2019-07', '2023-04', '2023-05', '2023-10'] as const;

/** What every layout must hold: the acceptance figures of the issues in this repository. */
export const ACCEPTANCE = {
  f1: 1,
  meta: 1,
  bound: 1,
  reflow: 0.98,
  sentences: 0.995,
  textRecall: 0.995,
  textPrecision: 0.99,
} as const;
export const MAX_ARTIFACTS = 0;
export const MAX_FALSE_BREAKS = 1;

export interface Original {
  source: Source;
  gold: Gold;
  converted: IngestedIssue;
}

/** Each issue as read and converted once, for every layout it is printed in. */
export function original(key: string, root = '.'): Original {
  const path = `${root}/content/sources/${key}.txt`;
  const source = readSource(path, readFileSync(path));
  const gold = JSON.parse(readFileSync(`${root}/tests/fixtures/gold/${key}.json`, 'utf8')) as Gold;
  return { source, gold, converted: ingestIssue(source) };
}

export interface Reprint {
  printed: Typeset;
  documents: IngestedDocument[];
  score: Score;
}

const read = (documents: readonly IngestedDocument[]) =>
  documents.map((d) => ({ ...d.meta, paragraphs: paragraphs(fromMdx(toMdx(d.tree))) }));

export function reprint({ source, gold, converted }: Original, layout: Layout): Reprint {
  const printed = typeset(converted, gold, layout);
  const raw = { ...source, file: new VFile({ path: source.file.path }), flavour: 'raw' as const, lines: printed.lines };
  const documents = ingestIssue(raw).documents;
  return { printed, documents, score: scoreIssue(printed.gold, read(documents), printed.lines) };
}

/**
 * The issue's own reading (its documents and paragraphs as converted from the issue itself, the
 * reading the print was made from) scored against the print: what a reader who knows the true
 * paragraphs scores. Where a paragraph's last line happens to fill the measure without closing
 * punctuation, the print shows no paragraph end, and the metrics of sentences and false breaks
 * count the true break against it.
 */
export function reference({ converted }: Original, printed: Typeset): Score {
  return scoreIssue(printed.gold, read(converted.documents), printed.lines);
}

/**
 * The figures of a score that fall short of the acceptance thresholds or, given the reference
 * reading's score of the same print, short of what that reading itself scores where it falls
 * short of them too: what the print does not let any reading reach is not the converter's.
 */
export function shortfalls(score: Score, reference?: Score): string[] {
  const out = Object.entries(ACCEPTANCE)
    .filter(([metric, floor]) => {
      const m = metric as keyof typeof ACCEPTANCE;
      return score[m] < Math.min(floor, reference?.[m] ?? floor);
    })
    .map(([metric]) => `${metric} ${(100 * score[metric as keyof typeof ACCEPTANCE]).toFixed(1)}`);
  if (score.artifacts > Math.max(MAX_ARTIFACTS, reference?.artifacts ?? 0)) out.push(`artifacts ${score.artifacts}`);
  if (score.falseBreaks > Math.max(MAX_FALSE_BREAKS, reference?.falseBreaks ?? 0)) out.push(`falseBreaks ${score.falseBreaks}`);
  return out;
}
