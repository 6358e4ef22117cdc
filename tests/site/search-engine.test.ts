/**
 * The exact-match layer without a browser: what counts as a match, the index format, and the
 * index the build wrote, queried in Node against the ground truth of the data export.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { buildIndex, type IndexInput, traditionalChars } from '../../src/lib/search-build.ts';
import { SearchEngine, type Loader } from '../../src/lib/search-engine.ts';
import { findRanges, occurrences, textDirective } from '../../src/lib/search-excerpt.ts';
import { encodeBlocks, encodePositions, Shard, encodeShard, shardOf } from '../../src/lib/search-index.ts';
import { openccConverters } from '../../src/lib/search-opencc.ts';
import { documentMatches, fieldsOf, normalize, normalizeWithMap, splitQuery, termVariants } from '../../src/lib/search-text.ts';
import { generateQueries, readExport, Truth } from '../support/search-queries.ts';

const siteDir = inject('siteDir');

/** A document to index: an untitled 其他 of 2023 unless `fields` say otherwise. */
function indexInput(fields: Pick<IndexInput, 'id' | 'paragraphs'> & Partial<IndexInput>): IndexInput {
  return {
    label: '',
    title: null,
    docNumber: null,
    category: '其他',
    issuer: null,
    date: null,
    sortDate: null,
    year: 2023,
    issue: '',
    headings: [],
    ...fields,
  };
}

function fileLoader(dir: string): Loader {
  return {
    manifest: async () => JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')),
    file: async (name) => new Uint8Array(readFileSync(join(dir, name))),
    converters: openccConverters,
  };
}

describe('normalisation', () => {
  it('ignores whitespace of every kind', () => {
    expect(normalize('温 州\u3000市\t人民\n政府\u00a0')).toBe('温州市人民政府');
  });

  it('makes every 文号 bracket one bracket', () => {
    const forms = [
      '温政办〔2023〕51号',
      '温政办[2023]51号',
      '温政办［2023］51号',
      '温政办(2023)51号',
      '温政办（2023）51号',
      '温政办【2023】51号',
      '温政办﹝2023﹞51号',
    ];
    expect(new Set(forms.map(normalize)).size).toBe(1);
  });

  it('folds full-width Latin and digits, and Latin case', () => {
    expect(normalize('ＭＤＴ诊疗２０２３')).toBe(normalize('mdt诊疗2023'));
  });

  it('maps every normalised character back to the original text', () => {
    const text = '温 政办〔２０２３〕 51号';
    const { text: norm, map } = normalizeWithMap(text);
    expect(norm).toBe('温政办(2023)51号');
    expect([...norm].map((_, i) => text[map[i]!])).toEqual([...'温政办〔２０２３〕51号']);
  });

  it('reads quoted phrases as one term and other spaces as AND', () => {
    expect(splitQuery('安宁疗护  "温州 样板" 试点')).toEqual(['安宁疗护', '温州 样板', '试点']);
    expect(splitQuery('“卫生 健康”')).toEqual(['卫生 健康']);
    expect(splitQuery('   ')).toEqual([]);
  });

  it('searches Traditional queries in Simplified, and keeps the query as typed', async () => {
    const converters = await openccConverters();
    const traditional = new Set(traditionalChars(converters));
    for (const ch of '温州市人民政府办公室号') expect(traditional.has(ch), ch).toBe(false);
    expect(termVariants('衛生健康', traditional, converters)).toContain('卫生健康');
    expect(termVariants('溫州', traditional, converters)).toContain('温州');
    expect(termVariants('衞生', traditional, converters)).toContain('卫生');
    expect(termVariants('批覆', traditional, converters)).toEqual(expect.arrayContaining(['批覆', '批复']));
    expect(termVariants('温州', traditional, converters)).toEqual(['温州']);
  });
});

describe('index format', () => {
  it('round-trips postings through a shard', () => {
    const postings = new Map([
      [
        '温州',
        encodePositions([
          [0, [1, 5, 300000]],
          [7, [2]],
        ]),
      ],
      ['𠮷野', encodePositions([[3, [0]]])],
      [
        '建设',
        encodeBlocks([
          { file: 4, first: 0, last: 9, docs: 6 },
          { file: 5, first: 12, last: 40, docs: 20 },
        ]),
      ],
    ]);
    const shard = new Shard(encodeShard(postings));
    expect(shard.positions('温州')).toEqual({
      docs: Int32Array.from([0, 7]),
      starts: Int32Array.from([0, 3, 4]),
      positions: Int32Array.from([1, 5, 300000, 2]),
    });
    expect(shard.positions('𠮷野')).toMatchObject({ docs: Int32Array.from([3]) });
    expect(shard.positions('建设')).toEqual([
      { file: 4, first: 0, last: 9, docs: 6 },
      { file: 5, first: 12, last: 40, docs: 20 },
    ]);
    expect(shard.has('州市')).toBe(false);
  });

  it('spreads keys over shards the same way everywhere', () => {
    expect(shardOf('温州', 1)).toBe(0);
    expect(shardOf('温州', 97)).toBe(shardOf('温州', 97));
    const counts = new Array(8).fill(0);
    for (const k of ['温州', '市人', '人民', '民政', '政府', '办公', '公室', '关于', '印发', '通知', '实施', '方案'])
      counts[shardOf(k, 8)]++;
    expect(Math.max(...counts)).toBeLessThan(12);
  });

  it('never lets a match run from one field into the next', async () => {
    const doc = indexInput({ id: 'a', label: '甲乙', title: '甲乙', paragraphs: ['丙丁', '戊\t己'] });
    const { manifest, files } = buildIndex([doc], '');
    const engine = new SearchEngine({ manifest: async () => manifest, file: async (n) => files.get(n)!, converters: async () => [] });
    for (const q of ['乙丙', '丁戊', '戊己']) expect((await engine.search(q)).hits).toEqual([]);
    for (const q of ['甲乙', '丙丁', '戊', '己', '甲']) expect((await engine.search(q)).hits.map((h) => h.id)).toEqual(['a']);
  });
});

describe('large postings', () => {
  // 温州 and 建设 in every one of 1,000 documents, 乙 in two of them: enough for blocks.
  const docs = Array.from({ length: 1000 }, (_, i) =>
    indexInput({
      id: `d${String(i).padStart(4, '0')}`,
      paragraphs: ['温州建设'.repeat(40), i === 5 || i === 505 ? '甲乙温州' : '甲', '建设温州'],
    }),
  );
  const { manifest, files } = buildIndex(docs, '');
  const fetched: string[] = [];
  const newEngine = () =>
    new SearchEngine({ manifest: async () => manifest, file: async (n) => (fetched.push(n), files.get(n)!), converters: async () => [] });
  const blocks = [...files.keys()].filter((n) => n.startsWith('b'));
  const fields = docs.map((d) => fieldsOf(d).map(normalize));
  const expected = (q: string) => docs.filter((_, i) => documentMatches(fields[i]!, [[normalize(q)]])).map((d) => d.id);

  it('are cut into blocks, and still match exactly', async () => {
    expect(blocks.length).toBeGreaterThan(4);
    const engine = newEngine();
    for (const q of ['温州建设', '设温州建', '州建设温州', '设温州', '乙温州', '甲乙温州建', '建设温州甲', '温州建设温州建设温州'])
      expect((await engine.search(q)).hits.map((h) => h.id).sort(), q).toEqual(expected(q));
  });

  it('are read only in the blocks where a rarer pair leaves candidates', async () => {
    fetched.length = 0;
    expect((await newEngine().search('乙温州')).hits.map((h) => h.id).sort()).toEqual(['d0005', 'd0505']);
    const read = fetched.filter((n) => n.startsWith('b')).length;
    expect(read).toBeGreaterThan(0);
    expect(read).toBeLessThanOrEqual(2);
  });
});

describe('the built index, queried in Node', () => {
  let truth: Truth;
  let engine: SearchEngine;
  beforeAll(async () => {
    truth = await Truth.of(readExport(siteDir));
    engine = new SearchEngine(fileLoader(join(siteDir, 'search', 'exact')));
  });

  // Two thousand searches one after another: on a loaded machine they may take over a minute.
  it('finds exactly the documents that contain each of 2,000 generated queries', { timeout: 300_000 }, async () => {
    const queries = generateQueries(truth, 2000, 7);
    expect(queries.length).toBeGreaterThanOrEqual(2000);
    const wrong: string[] = [];
    for (const { q } of queries) {
      const found = (await engine.search(q)).hits.map((h) => h.id).sort();
      const expected = truth.expected(q);
      if (found.join() !== expected.join()) wrong.push(`${q}: found ${found.join(' ')}; expected ${expected.join(' ')}`);
    }
    expect(wrong).toEqual([]);
  });

  it('finds every substring of every title and 文号', async () => {
    const wrong: string[] = [];
    for (const d of truth.docs)
      for (const field of [d.title, d.docNumber]) {
        const cps = [...normalize(field ?? '')];
        for (let i = 0; i + 2 <= cps.length; i += 3) {
          const q = cps.slice(i, i + 2 + (i % 9)).join('');
          if (!(await engine.search(q)).hits.some((h) => h.id === d.id)) wrong.push(`${q} in ${d.id}`);
        }
      }
    expect(wrong).toEqual([]);
  });

  it('places sub-results under headings whose anchors exist on the document page', async () => {
    const m = await engine.manifest();
    const display = await engine.display(m.docs.id.map((_, i) => i));
    let headings = 0;
    for (const d of display) {
      const html = readFileSync(join(siteDir, 'documents', d.id, 'index.html'), 'utf8');
      const text = await engine.text(d);
      for (const [p, slug] of text.headings) {
        headings++;
        expect(html, `${d.id}#${slug}`).toContain(`id="${slug}"`);
        expect(normalize(text.paragraphs[p]!).length).toBeGreaterThan(0);
      }
    }
    expect(headings).toBeGreaterThan(10);
  });

  it('fetches ahead what a search will need', async () => {
    const fetched: string[] = [];
    const loader = fileLoader(join(siteDir, 'search', 'exact'));
    const counting = new SearchEngine({ ...loader, file: (name) => (fetched.push(name), loader.file(name)) });
    await counting.prepare('卫生健康现代化');
    const before = fetched.length;
    expect(before).toBeGreaterThan(0);
    expect((await counting.search('卫生健康现代化')).hits.length).toBeGreaterThan(0);
    expect(fetched.filter((n) => n.endsWith('.bin')).length).toBe(fetched.slice(0, before).filter((n) => n.endsWith('.bin')).length);
  });

  it('ranks the document a 文号 names above those that cite it', async () => {
    for (const d of truth.docs.filter((x) => x.docNumber)) {
      const { hits } = await engine.search(d.docNumber!);
      expect(hits[0]?.id).toBe(d.id);
    }
  });
});

describe('excerpts', () => {
  it('mark the occurrence in the original text, whatever its spacing and brackets', () => {
    const text = '根据《通知》（温政办［2023］51 号）精神';
    const [r] = findRanges(text, [normalize('温政办〔2023〕51号')]);
    expect(text.slice(...r!)).toBe('温政办［2023］51 号');
  });

  it('link to the clause, which browsers can find at word boundaries', () => {
    const text = '推进医养结合服务，打造安宁疗护国家试点温州样板。';
    const [s, e] = findRanges(text, ['宁疗'])[0]!;
    expect(decodeURIComponent(textDirective(text, s, e))).toBe('打造安宁疗护国家试点温州样板');
  });

  it('open the text when only the title or 文号 matched', () => {
    const found = occurrences(['各县（市、区）人民政府：', '正文'], [], [['温政办(2023)51号']]);
    expect(found.excerpt).toEqual({ segments: [{ text: '各县（市、区）人民政府：', mark: false }], fragment: '' });
  });

  it('prefer the block with the most terms, and list other sections', () => {
    const paragraphs = ['一、总则', '甲乙丙', '二、要求', '甲乙 丁戊', '三、附则', '丁戊'];
    const found = occurrences(
      paragraphs,
      [
        [0, 'a'],
        [2, 'b'],
        [4, 'c'],
      ],
      [['甲乙'], ['丁戊']],
    );
    expect(found.excerpt?.segments.filter((s) => s.mark).map((s) => s.text)).toEqual(['甲乙', '丁戊']);
    expect(found.sections.map((s) => s.slug)).toEqual(['a', 'c']);
  });
});
