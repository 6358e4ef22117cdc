/**
 * Whole-issue figures against the editor's readings in tests/fixtures/gold. Each issue has the
 * floor it must not fall below; the markdown issue holds the foundation's acceptance thresholds,
 * the raw PDF issues the level the converter has reached (raised as it improves).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { type Gold, type Score, scoreIssue } from '../support/score.ts';
import { archiveDocuments } from '../support/archive.ts';

const SOURCES = 'content/sources';
const documents = archiveDocuments(SOURCES);

type Floor = Omit<Score, 'problems' | 'sentencesAcrossParagraphs' | 'sentencesCount'>;

/** Ceilings, not floors: `artifacts` and `falseBreaks` count faults. */
const FLOORS: Record<string, Floor> = {
  '2023-05': {
    f1: 1,
    meta: 1,
    bound: 1,
    reflow: 1,
    artifacts: 0,
    sentences: 0.995,
    falseBreaks: 0,
    tables: 1,
    textRecall: 0.995,
    textPrecision: 0.99,
  },
  '2019-07': {
    f1: 1,
    meta: 1,
    bound: 1,
    reflow: 1,
    artifacts: 0,
    sentences: 0.995,
    falseBreaks: 1,
    tables: 1,
    textRecall: 0.995,
    textPrecision: 0.99,
  },
  '2023-04': {
    f1: 1,
    meta: 1,
    bound: 1,
    reflow: 1,
    artifacts: 0,
    sentences: 0.995,
    falseBreaks: 0,
    tables: 1,
    textRecall: 0.995,
    textPrecision: 0.99,
  },
  '2023-10': {
    f1: 1,
    meta: 1,
    bound: 1,
    reflow: 1,
    artifacts: 0,
    sentences: 0.995,
    falseBreaks: 1,
    tables: 1,
    textRecall: 0.995,
    textPrecision: 0.99,
  },
};

/**
 * Sentences missing from the text itself (not merely cut by a paragraph end): where the source
 * prints a title or banner inside a sentence, and (2023-05) markdown list markers the metric
 * counts as text.
 */
const BROKEN: Record<string, number> = { '2019-07': 2, '2023-04': 1, '2023-05': 12, '2023-10': 1 };

describe.each(Object.entries(FLOORS))('issue %s against its gold reading', (key, floor) => {
  const gold = JSON.parse(readFileSync(`tests/fixtures/gold/${key}.json`, 'utf8')) as Gold;
  const lines = readFileSync(`${SOURCES}/${gold.source}`, 'utf8').split(/\r?\n/);
  const score = scoreIssue(
    gold,
    documents.filter((d) => d.issue.year === gold.year && d.issue.number === gold.issue),
    lines,
  );

  it.each(['f1', 'meta', 'bound', 'reflow', 'sentences', 'textRecall', 'textPrecision'] as const)('%s holds its floor', (metric) => {
    expect(score[metric], score.problems.join('\n')).toBeGreaterThanOrEqual(floor[metric]);
  });

  it('breaks no more sentences inside the text than its floor (a sentence cut only by a paragraph end is whole text)', () => {
    const missed = Math.round(score.sentencesCount * (1 - score.sentences));
    expect(missed - score.sentencesAcrossParagraphs, score.problems.join('\n')).toBeLessThanOrEqual(BROKEN[key]!);
  });

  it('brings back its tables as rows, at least as many as its floor', () => {
    expect(score.tables ?? 1, score.problems.join('\n')).toBeGreaterThanOrEqual(floor.tables ?? 1);
  });

  it.each(['artifacts', 'falseBreaks'] as const)('leaves no more %s than its ceiling', (metric) => {
    expect(score[metric], score.problems.join('\n')).toBeLessThanOrEqual(floor[metric]);
  });
});
