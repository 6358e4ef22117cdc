/**
 * Mutated sources never crash the ingest, never give MDX the build cannot compile, records that do
 * not fit the schema or ids that clash, and never lose a line without a reason (see scripts/fuzz.ts;
 * `npm run fuzz -- --n 5000` runs more). The count is sized to about a minute on a small machine.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { check, mutants, readSources } from '../../scripts/fuzz.ts';

const MUTANTS = 250;
const SEED = 20_231_005;

describe('fuzzed sources', () => {
  it(`${MUTANTS} mutants of the four sources: nothing breaks`, { timeout: 600_000 }, () => {
    const sources = readSources('content/sources');
    expect(sources.size).toBe(4);
    const dir = mkdtempSync(join(tmpdir(), 'fuzz-'));
    const broken: string[] = [];
    let ingested = 0;
    for (const mutant of mutants(sources, MUTANTS, SEED)) {
      const outcome = check(mutant, dir);
      if (!outcome.refused) ingested++;
      if (outcome.problems.length) broken.push(`${mutant.name} (${mutant.steps.join('; ')}): ${outcome.problems.join('; ')}`);
    }
    expect(broken).toEqual([]);
    // The mutants exercise the converter, not only the refusals.
    expect(ingested).toBeGreaterThan(MUTANTS * 0.9);
  });

  it('the same seed gives the same mutants', () => {
    const sources = readSources('content/sources');
    const steps = (seed: number) => [...mutants(sources, 20, seed)].map((m) => m.steps.join('; '));
    expect(steps(3)).toEqual(steps(3));
    expect(steps(3)).not.toEqual(steps(4));
  });
});
