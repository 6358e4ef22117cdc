/**
 * The raw-text converter on text and layouts it was never tuned on. The markdown issue (2023-05),
 * whose editor's reading is known, is printed as the gazette's PDF extractions read
 * (tests/support/typeset.ts); so are the raw issues, from their converted text, in layouts other
 * than their own. Pages of several lengths put page breaks, and the title blocks and annex titles
 * the extraction moves to the end of their page, in other places each time. Each must meet the
 * raw issues' acceptance thresholds.
 */
import { describe, expect, it } from 'vitest';
import { ISSUES, original, reprint as reprintOf } from '../support/reprint.ts';
import { type Score, pair } from '../support/score.ts';
import { type Layout, USUAL, randomLayout } from '../support/typeset.ts';

const THRESHOLDS = { f1: 0.98, meta: 0.95, bound: 0.95, reflow: 0.9, sentences: 0.97, textRecall: 0.995, textPrecision: 0.99 };
type Metric = keyof typeof THRESHOLDS;

/**
 * The sentence figure of the raw issues' own text stays below 0.97 in any layout, for the reason
 * tests/ingest/scores.test.ts gives (a heading or note without a full stop is glued to the next
 * sentence by the metric): they hold the floor they hold in print.
 */
const SENTENCES: Record<string, number> = { '2023-05': 0.97, '2019-07': 0.93, '2023-04': 0.93, '2023-10': 0.93 };
const KEYS: string[] = [...ISSUES];

/**
 * Rows of the issues' tables that come back as rows where the print tears every table but the
 * chronicle, the list of documents issued and the statistics into one character a line. Of
 * 2023-05's, three cannot be read from torn text: an application form, a scoring sheet without
 * 序号 and a list printed in one cell, and one whose 类别 column stands before its 序号 is not read.
 */
const TABLES: Record<string, number> = { '2019-07': 1, '2023-04': 1, '2023-05': 0.6, '2023-10': 1 };

/** Each issue as read and converted once, for every layout it is printed in. */
const originals = new Map(KEYS.map((key) => [key, original(key)]));

/** The issue printed in `layout`, converted again as raw text, and scored against the gold reading of the print. */
const reprint = (key: string, layout: Layout) => reprintOf(originals.get(key)!, layout);

function meetsThresholds(score: Score, thresholds: Partial<Record<Metric, number>>): void {
  it.each(Object.entries(thresholds))('%s meets the acceptance threshold', (metric, threshold) => {
    expect(score[metric as Metric], score.problems.join('\n')).toBeGreaterThanOrEqual(threshold);
  });
}

describe.each(KEYS)('%s printed again as raw PDF text', (key) => {
  describe.each([20, 24, 28, 31, 35])('%i lines to a page', (pageLines) => {
    const { printed, score } = reprint(key, { ...USUAL, pageLines });

    it("breaks sentences across pages and prints title blocks after their page's text, as the extractions do", () => {
      expect(printed.gold.crossPageSentences.length).toBeGreaterThan(20);
      const first = printed.gold.documents.find((d) => d.docNumber !== null)!;
      const numberAt = printed.lines.indexOf(first.docNumber!);
      expect(numberAt).toBeGreaterThan(first.startLine - 1);
    });

    meetsThresholds(score, { ...THRESHOLDS, sentences: SENTENCES[key]! });

    it('reads its torn tables row by row', () => {
      expect(score.tables, score.problems.join('\n')).toBeGreaterThanOrEqual(TABLES[key]!);
    });

    it('leaves no printing artifact in the text', () => {
      expect(score.artifacts, score.problems.join('\n')).toBe(0);
    });
  });
});

describe.each(KEYS)('%s printed with its footer and running header on every page', (key) => {
  // No page is marked by a space: every page break is known from the footer alone.
  const { printed, documents, score } = reprint(key, { ...USUAL, furniture: { ...USUAL.furniture, every: 1 } });

  // The metric reads a page as the text between lines marked by a space, so here it reads the whole
  // issue as one page, headers and all: its sentence figure says nothing of the conversion.
  meetsThresholds(score, Object.fromEntries(Object.entries(THRESHOLDS).filter(([metric]) => metric !== 'sentences')));

  it('drops every footer and header', () => {
    expect(score.artifacts, score.problems.join('\n')).toBe(0);
  });

  it("numbers every document's pages as printed", () => {
    const pairs = pair(
      printed.gold.documents,
      documents.map((d) => ({ ...d.meta, paragraphs: [] })),
    );
    expect(pairs.length).toBe(printed.gold.documents.length);
    for (const [g, d] of pairs) expect([g.title, d.pages]).toEqual([g.title, printed.pages[printed.gold.documents.indexOf(g)]]);
  });
});

describe.each([
  ['without blank lines between lines', { ...USUAL, blankLines: false }],
  ['with its title blocks in their printed place', { ...USUAL, titles: 'in-place' }],
] as const)('every issue printed %s', (_, layout) => {
  describe.each(KEYS)('%s', (key) => {
    meetsThresholds(reprint(key, layout).score, { ...THRESHOLDS, sentences: SENTENCES[key]! });
  });
});

/**
 * Random layouts (tests/support/typeset.ts): measure 16–34, pages of 14–44 lines, furniture of
 * every form on every page or a few, captions front, back, both or none, title blocks in place,
 * last on their page or after the signature, codes in every notation. Each holds the floors below,
 * which are what the converter holds on the worst of them today, short of the acceptance thresholds
 * (a page break with no mark and no furniture hides where a title block was moved from; a wrapped
 * （责任单位：…） note; torn tables, whose rows a page break with no mark may cut): `npm run stress`
 * runs more of them against those thresholds.
 */
const RANDOM_LAYOUTS = 40;
const RANDOM_FLOORS: Record<string, Partial<Record<Metric | 'tables', number>> & { artifacts: number }> = {
  '2019-07': {
    f1: 1,
    meta: 1,
    bound: 1,
    reflow: 0.985,
    sentences: 0.973,
    textRecall: 0.999,
    textPrecision: 0.996,
    tables: 1,
    artifacts: 0,
  },
  '2023-04': {
    f1: 0.928,
    meta: 1,
    bound: 0.966,
    reflow: 0.982,
    sentences: 0.972,
    textRecall: 0.999,
    textPrecision: 0.997,
    tables: 1,
    artifacts: 0,
  },
  '2023-05': {
    f1: 0.952,
    meta: 1,
    bound: 0.95,
    reflow: 0.981,
    sentences: 0.97,
    textRecall: 0.999,
    textPrecision: 0.997,
    tables: 0.229,
    artifacts: 0,
  },
  '2023-10': {
    f1: 1,
    meta: 1,
    bound: 0.937,
    reflow: 0.964,
    sentences: 0.933,
    textRecall: 0.999,
    textPrecision: 0.997,
    tables: 0.978,
    artifacts: 0,
  },
};

describe.each(KEYS)('%s printed in random layouts', (key) => {
  const floors = RANDOM_FLOORS[key]!;
  const scores = Array.from({ length: RANDOM_LAYOUTS }, (_, k) => ({ seed: k + 1, score: reprint(key, randomLayout(k + 1)).score }));
  it.each(Object.entries(floors))('every layout holds %s', (metric, floor) => {
    for (const { seed, score } of scores) {
      const value = score[metric as Metric | 'tables' | 'artifacts'];
      if (metric === 'artifacts') expect(value, `seed ${seed}: ${score.problems.join('\n')}`).toBeLessThanOrEqual(floor);
      else expect(value, `seed ${seed}: ${score.problems.join('\n')}`).toBeGreaterThanOrEqual(floor);
    }
  });
});
