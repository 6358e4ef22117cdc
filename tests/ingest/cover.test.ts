/**
 * The cover photos' captions, one per printed caption, as the editors read them: at the front or
 * the back of the file, with or without a photographer's credit.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ingestIssue } from '../../scripts/ingest/issue.ts';
import { readSource } from '../../scripts/ingest/read.ts';
import type { Gold } from '../support/score.ts';

const squash = (s: string): string => s.replace(/[\s\u3000]+/gu, '');

describe.each(['2019-07', '2023-04', '2023-05', '2023-10'])('%s', (key) => {
  const gold = JSON.parse(readFileSync(`tests/fixtures/gold/${key}.json`, 'utf8')) as Gold;
  const { issue } = ingestIssue(readSource(`content/sources/${key}.txt`, readFileSync(`content/sources/${key}.txt`)));

  it('has the cover captions the editor reads', () => {
    expect(issue.coverCaptions.map(squash)).toEqual(gold.coverCaptions.map(squash));
  });
});
