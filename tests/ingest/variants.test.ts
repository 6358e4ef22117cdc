/**
 * The same issue laid out as other extractions lay it out must convert the same way: the cover
 * captions, which most files print first, at the end of the file; no blank lines between lines.
 */
import { readFileSync } from 'node:fs';
import { VFile } from 'vfile';
import { describe, expect, it } from 'vitest';
import { ingestIssue } from '../../scripts/ingest/issue.ts';
import { readSource } from '../../scripts/ingest/read.ts';
import { fromMdx, toMdx } from '../../src/lib/mdx-syntax.ts';
import { paragraphs } from '../../src/lib/paragraphs.ts';

describe('cover captions at the back of the file', () => {
  const original = readSource('content/sources/2019-07.txt', readFileSync('content/sources/2019-07.txt'));
  const cover = original.lines.slice(0, 17);
  const moved = { ...original, file: new VFile({ path: '2019-07.txt' }), lines: [...original.lines.slice(17), ' ', ...cover] };
  const before = ingestIssue(original);
  const after = ingestIssue(moved);

  it('still gives the 图片报道 with every caption', () => {
    expect(after.issue.coverCaptions).toEqual(before.issue.coverCaptions);
    expect(after.issue.coverCaptions).toHaveLength(6);
  });

  it('leaves the other documents as they were', () => {
    const shape = (i: typeof before) => i.documents.map((d) => [d.meta.category, d.meta.title, d.meta.docNumber]);
    expect(shape(after)).toEqual(shape(before));
  });
});

describe.each(['2019-07', '2023-04', '2023-10'])('%s without the blank lines between lines', (key) => {
  const original = readSource(`content/sources/${key}.txt`, readFileSync(`content/sources/${key}.txt`));
  const dense = { ...original, file: new VFile({ path: `${key}.txt` }), lines: original.lines.filter((l) => l.trim() !== '') };
  const text = (i: ReturnType<typeof ingestIssue>) => i.documents.flatMap((d) => paragraphs(fromMdx(toMdx(d.tree))));
  const before = ingestIssue(original);
  const after = ingestIssue(dense);

  it('has the same documents', () => {
    const shape = (i: typeof before) => i.documents.map((d) => [d.meta.category, d.meta.title, d.meta.docNumber, d.meta.date]);
    expect(shape(after)).toEqual(shape(before));
  });

  it('reads into the same paragraphs: paragraph ends come from the layout, not from blank lines', () => {
    const same = new Set(text(before));
    const kept = text(after).filter((p) => same.has(p)).length;
    expect(kept / same.size).toBeGreaterThanOrEqual(0.98);
  });
});

describe('a title block already in its printed place', () => {
  // 2019-07 prints 温政办〔2019〕47号's title block (lines 26-30) after its salutation and signature
  // (18-24); an extraction that kept the printed order puts it first on the page.
  const original = readSource('content/sources/2019-07.txt', readFileSync('content/sources/2019-07.txt'));
  const lines = original.lines;
  const titleBlock = lines.slice(25, 30);
  const printed = [
    ...lines.slice(0, 17),
    ` ${titleBlock[0]}`,
    ...titleBlock.slice(1),
    lines[17]!.trimStart(),
    ...lines.slice(18, 25),
    ...lines.slice(30),
  ];
  const before = ingestIssue(original);
  const after = ingestIssue({ ...original, file: new VFile({ path: '2019-07.txt' }), lines: printed });
  const first = (i: typeof before) => i.documents.find((d) => d.meta.docNumber === '温政办〔2019〕47号');

  it('converts to the same document', () => {
    expect(first(after)?.meta).toEqual(first(before)?.meta);
    expect(paragraphs(fromMdx(toMdx(first(after)!.tree)))).toEqual(paragraphs(fromMdx(toMdx(first(before)!.tree))));
  });
});

describe('the markdown issue without its 发文目录 and 统计资料', () => {
  // 2023-05 lines 1378-1399; the back-cover feature then follows the 政府记事 directly.
  const original = readSource('content/sources/2023-05.txt', readFileSync('content/sources/2023-05.txt'));
  const lines = [...original.lines.slice(0, 1377), ...original.lines.slice(1399)];
  const after = ingestIssue({ ...original, file: new VFile({ path: '2023-05.txt' }), lines });

  it('still opens the feature after the 政府记事', () => {
    const categories = after.documents.map((d) => d.meta.category);
    expect(categories.slice(-2)).toEqual(['政府记事', '专题']);
    expect(after.documents.at(-1)?.meta.title).toBe('住新居 盘资源 奔共富');
  });
});

describe.each(['2019-07', '2023-04', '2023-10'])('%s with the 政务简讯 title in plain type', (key) => {
  // Read as a page tab, the title opens nothing; the first news item after the documents does.
  const original = readSource(`content/sources/${key}.txt`, readFileSync(`content/sources/${key}.txt`));
  const lines = original.lines.map((l) => (l.trim() === '政 务 简 讯' ? '政务简讯' : l));
  const before = ingestIssue(original);
  const after = ingestIssue({ ...original, file: new VFile({ path: `${key}.txt` }), lines });
  const shape = (i: typeof before) => i.documents.map((d) => [d.meta.category, d.meta.docNumber, d.meta.subItems]);

  it('still has its news briefs, each with its headline, and the documents around them', () => {
    expect(lines).not.toEqual(original.lines);
    expect(shape(after)).toEqual(shape(before));
  });
});

describe('2023-04 without its news briefs', () => {
  // The 政务简讯 section taken out (its lines left blank): no news briefs are
  // made up from a document's headings over dated paragraphs.
  const original = readSource('content/sources/2023-04.txt', readFileSync('content/sources/2023-04.txt'));
  const before = ingestIssue(original);
  const news = before.documents.find((d) => d.meta.category === '政务简讯')!;
  const lines = original.lines.map((l, i) => (i + 1 >= news.lines[0] && i + 1 <= news.lines[1] ? '' : l));
  const after = ingestIssue({ ...original, file: new VFile({ path: '2023-04.txt' }), lines });

  it('has every other document, and no news briefs', () => {
    const shape = (docs: typeof before.documents) => docs.map((d) => [d.meta.category, d.meta.docNumber, d.meta.title]);
    expect(shape(after.documents)).toEqual(shape(before.documents.filter((d) => d !== news)));
  });
});
