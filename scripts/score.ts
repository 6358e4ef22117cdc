/**
 * npm run score [-- --issue 2023-05] [--verbose]: the converter's figures against the editor's
 * readings in tests/fixtures/gold, computed on a fresh in-memory ingest of content/sources.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { type Gold, scoreIssue } from '../tests/support/score.ts';
import { archiveDocuments } from '../tests/support/archive.ts';

const { values } = parseArgs({
  options: {
    issue: { type: 'string' },
    verbose: { type: 'boolean', default: false },
    gold: { type: 'string', default: 'tests/fixtures/gold' },
    sources: { type: 'string', default: 'content/sources' },
  },
});
const docs = archiveDocuments(values.sources);
const pct = (x: number) => (100 * x).toFixed(1).padStart(6);
console.log(
  'issue      F1   meta  bound reflow  artif  sent%  recall  precis falseB tables%  (sentences missed: across a paragraph end / otherwise)',
);
for (const f of readdirSync(values.gold)
  .filter((f) => f.endsWith('.json'))
  .sort()) {
  const gold = JSON.parse(readFileSync(join(values.gold, f), 'utf8')) as Gold;
  const key = f.replace('.json', '');
  if (values.issue && values.issue !== key) continue;
  const lines = readFileSync(join(values.sources, gold.source), 'utf8').split(/\r?\n/);
  const s = scoreIssue(
    gold,
    docs.filter((d) => d.issue.year === gold.year && d.issue.number === gold.issue),
    lines,
  );
  const missed = Math.round(s.sentencesCount * (1 - s.sentences));
  console.log(
    `${key} ${pct(s.f1)} ${pct(s.meta)} ${pct(s.bound)} ${pct(s.reflow)} ${String(s.artifacts).padStart(6)} ${pct(s.sentences)} ${pct(s.textRecall)} ${pct(s.textPrecision)} ${String(s.falseBreaks).padStart(6)} ${s.tables === null ? '    n/a' : pct(s.tables)}   (${s.sentencesAcrossParagraphs} / ${missed - s.sentencesAcrossParagraphs} of ${s.sentencesCount})`,
  );
  if (values.verbose) for (const p of s.problems) console.log(`  - ${p}`);
}
