/**
 * Tables as the data export gives them: each row of a table as many cells as its header, cells
 * printed once over several rows repeated in each, the printed title as the caption, and the
 * same rows in `paragraphs` (cells joined by one tab) and in `blocks`.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ingestIssue } from '../../scripts/ingest/issue.ts';
import { readSource } from '../../scripts/ingest/read.ts';
import { fromMdx, toMdx } from '../../src/lib/mdx-syntax.ts';
import { paragraphs, textBlocks } from '../../src/lib/paragraphs.ts';
import { TextBlock } from '../../src/lib/schema.ts';

function exported(key: string, docNumber: string) {
  const path = `content/sources/${key}.txt`;
  const doc = ingestIssue(readSource(path, readFileSync(path))).documents.find((d) => d.meta.docNumber?.endsWith(docNumber))!;
  const tree = fromMdx(toMdx(doc.tree));
  return { paragraphs: paragraphs(tree), blocks: textBlocks(tree) };
}

const tables = (blocks: TextBlock[]) => blocks.filter((b): b is Extract<TextBlock, { type: 'table' }> => b.type === 'table');

describe('a 制定目录 printed with space-separated cells, wrapped and merged', () => {
  const { paragraphs: ps, blocks } = exported('2023-04', '〔2023〕46号');
  const [table] = tables(blocks);

  it('is one table under its printed title, its header once', () => {
    expect(blocks.every((b) => TextBlock.safeParse(b).success)).toBe(true);
    expect(tables(blocks)).toHaveLength(1);
    expect(table!.caption).toBe('温州市2023年度市政府行政规范性文件制定目录');
    expect(table!.header).toEqual(['序号', '拟定名称', '承办单位']);
    expect(table!.rows.map((r) => r[0])).toEqual(Array.from({ length: 12 }, (_, i) => String(i + 1)));
  });

  it('reads a wrapped title as one cell and a body printed over three rows in each of them', () => {
    expect(table!.rows[2]).toEqual(['3', '温州市关于进一步改善环卫工人工作生活条件促进共同富裕的实施意见', '市综合行政执法局']);
    expect(table!.rows.slice(7, 10).map((r) => r[2])).toEqual(['市司法局', '市司法局', '市司法局']);
  });

  it('gives each row to paragraphs as its cells joined by one tab', () => {
    const rows = ps.filter((p) => p.includes('\t'));
    expect(rows).toHaveLength(13);
    expect(rows.every((r) => r.split('\t').length === 3)).toBe(true);
    expect(rows[9]).toBe('9\t温州市人民政府关于公布涉及营商环境规范性文件清理结果的决定\t市司法局');
  });
});

describe('task lists torn one character a line over thousands of lines', () => {
  const { paragraphs: ps, blocks } = exported('2023-10', '〔2023〕80号');

  it('come back as tables with one row per printed row and every 序号 in turn', () => {
    const [first, second] = tables(blocks);
    expect(first!.caption).toBe('温州市医疗高地建设重点任务清单');
    expect([...new Set(first!.rows.map((r) => r[0]))]).toEqual(Array.from({ length: 24 }, (_, i) => String(i + 1)));
    expect([...new Set(second!.rows.map((r) => r[0]))]).toEqual(Array.from({ length: 17 }, (_, i) => String(i + 1)));
    for (const t of [first!, second!]) expect(t.rows.every((r) => r.length === t.header.length)).toBe(true);
  });

  it('read the 责任单位 column as lists of bodies with the lead one marked', () => {
    const [first] = tables(blocks);
    expect(first!.rows[0]!.at(-1)).toBe('*温州医科大学、市教育局、市卫健委');
  });

  it('leave no wall of text and no note of the archive in paragraphs', () => {
    expect(ps.some((p) => p.includes('表格（版式无法还原）'))).toBe(false);
    expect(Math.max(...ps.filter((p) => !p.includes('\t')).map((p) => p.length))).toBeLessThan(1500);
  });
});
