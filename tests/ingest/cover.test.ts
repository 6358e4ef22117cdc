/**
 * The covers: the front cover photos' captions, one per printed caption, as the editors read them
 * (at the front or the back of the file, with or without a photographer's credit); the back-cover
 * feature's title and subtitle (the editors' notes name the subtitles).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ingestIssue } from '../../scripts/ingest/issue.ts';
import { readSource } from '../../scripts/ingest/read.ts';
import type { Gold } from '../support/score.ts';

const squash = (s: string): string => s.replace(/[\s\u3000]+/gu, '');
const KEYS = ['2019-07', '2023-04', '2023-05', '2023-10'];
const converted = new Map(
  KEYS.map((key) => [key, ingestIssue(readSource(`content/sources/${key}.txt`, readFileSync(`content/sources/${key}.txt`)))]),
);

describe.each(KEYS)('%s', (key) => {
  const gold = JSON.parse(readFileSync(`tests/fixtures/gold/${key}.json`, 'utf8')) as Gold;
  const { issue } = converted.get(key)!;

  it('has the cover captions the editor reads', () => {
    expect(issue.coverCaptions.map(squash)).toEqual(gold.coverCaptions.map(squash));
  });
});

describe.each([
  ['2019-07', '奋力书写“三民”篇章  服务群众“住有所居”', null],
  ['2023-04', '以现代化公用事业一体化格局增强全市域老百姓获得感、幸福感、安全感', null],
  ['2023-05', '住新居 盘资源 奔共富', '泰顺县持续推进生态大搬迁撬动共同富裕'],
  // Printed after the feature's text, the subtitle over the photo captions.
  ['2023-10', '创新“365”体系  破解托养难题', '瓯海区打造“一老一小”整体解决方案助力共同富裕'],
])('%s back-cover feature', (key, title, subtitle) => {
  const feature = converted.get(key)!.documents.find((d) => d.meta.category === '专题');

  it('has its title and subtitle', () => {
    expect([feature?.meta.title, feature?.meta.subtitle]).toEqual([title, subtitle]);
  });
});
