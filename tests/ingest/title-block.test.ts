/**
 * The title-block reader (scripts/ingest/title-block.ts) over blocks and over printed lines: the
 * same reading, with what only lines have (their width) and what only blocks know (large type)
 * as its parameters.
 */
import { describe, expect, it } from 'vitest';
import type { Block } from '../../scripts/ingest/blocks.ts';
import type { Line } from '../../scripts/ingest/lines.ts';
import { documentParts } from '../../scripts/ingest/metadata.ts';
import { blockItem, fileTitleAt, lineItem, readTitle } from '../../scripts/ingest/title-block.ts';

const block = (text: string, kind: 'text' | 'heading' = 'text'): Block => ({ kind, text, line: 1, endLine: 1, page: null });
const line = (text: string, width = text.length): Line => ({ n: 1, text, width, pageStart: false, sheet: 0, page: null });

describe('a 公文 title block among blocks', () => {
  it('reads its 规范性文件编号, 文号, issuer and title in the order printed, and where it ends', () => {
    const blocks = [
      block('ZJCC01 – 2099 – 0003'),
      block('温政办 [2099] 12 号'),
      block('温州市人民政府办公室', 'heading'),
      block('关于印发温州市某项工作实施办法的通知', 'heading'),
      block('各县（市、区）人民政府，市政府直属各单位：'),
    ];
    const title = fileTitleAt(blocks.map(blockItem), 0);
    expect(title).toMatchObject({ start: 0, titleEnd: 3, kind: 'file', numbered: true, roles: ['code', 'number', 'issuer', 'title'] });
  });

  it('takes in the 文号 printed under the title, and no further', () => {
    const blocks = [block('温州市人民政府关于同意设立某某园区的批复', 'heading'), block('温政函（2099）7号'), block('鹿城区人民政府：')];
    expect(fileTitleAt(blocks.map(blockItem), 0)).toMatchObject({ titleEnd: 1, roles: ['title', 'number'] });
  });

  it('names the issuer printed over the 文号 in the title (发文机关名称 + 事由 + 文种)', () => {
    const blocks = [
      block('温州市人民政府办公室', 'heading'),
      block('温政办〔2099〕3号'),
      block('关于印发温州市某某管理规定的通知', 'heading'),
      block('各县（市、区）人民政府，市政府直属各单位：'),
      block('现将《温州市某某管理规定》印发给你们，请认真贯彻执行。'),
    ];
    const parts = documentParts({ kind: 'file', blocks });
    expect([parts.issuer, parts.docNumber, parts.title]).toEqual([
      '温州市人民政府办公室',
      '温政办〔2099〕3号',
      '温州市人民政府办公室关于印发温州市某某管理规定的通知',
    ]);
  });

  it('is a title without 文号 only over its salutation', () => {
    const title = block('国家税务总局温州市税务局关于做好某某工作的通知', 'heading');
    expect(fileTitleAt([title, block('各县（市、区）税务局：')].map(blockItem), 0)?.roles).toEqual(['title']);
    expect(fileTitleAt([title, block('一、总体要求')].map(blockItem), 0)).toBeNull();
  });

  it('does not open with body text that ends its page over a title block in large type', () => {
    const blocks = [block('进一步加强某某工作'), block('温州市某某管理办法', 'heading'), block('温政发〔2099〕2号')];
    expect(fileTitleAt(blocks.map(blockItem), 0)).toBeNull();
    expect(fileTitleAt(blocks.map(blockItem), 1)).toMatchObject({ start: 1, titleEnd: 2, roles: ['title', 'number'] });
    // In large type (or where it is not known, as for a line) the same text opens the title.
    const large = [block('进一步加强某某工作', 'heading'), ...blocks.slice(1)];
    expect(fileTitleAt(large.map(blockItem), 0)).toMatchObject({ start: 0, titleEnd: 2 });
  });
});

describe('a title among printed lines', () => {
  it('does not take a signature over a title block printed after its page text for its issuer', () => {
    const lines = [line('温州市人民政府办公室'), line('温政办〔2099〕46号'), line('温州市人民政府办公室'), line('关于印发某某目录的通知')];
    const items = lines.map(lineItem);
    expect(readTitle(items, 0, 3, 17.5)).toBeNull();
    expect(readTitle(items, 1, 3, 17.5)).toMatchObject({ start: 1, titleEnd: 3, kind: 'file', roles: ['number', 'issuer', 'title'] });
  });

  it('wraps an annex heading that fills the measure into the next line, where widths are known', () => {
    const items = [line('附件5　特殊建设工程施工图设计质', 18), line('量承诺书', 4)].map(lineItem);
    expect(readTitle(items, 0, 1, 17.5)).toMatchObject({ titleEnd: 1, kind: 'top' });
    expect(readTitle(items, 0, 1)).toMatchObject({ titleEnd: 0, kind: 'top' });
  });

  it('keeps an annex heading that fills the measure whole where the list of annexes names it so', () => {
    const items = [line('附件5　特殊建设工程施工图设计质量承诺书', 19.5), line('部门及其他部门依据有关法律法规等给予的行政处', 22)].map(
      lineItem,
    );
    expect(readTitle(items, 0, 1, 19.4)).toMatchObject({ titleEnd: 1 });
    const named = (title: string, k: number): boolean => title === '特殊建设工程施工图设计质量承诺书' && k === 0;
    expect(readTitle(items, 0, 1, 19.4, named)).toMatchObject({ titleEnd: 0, kind: 'top' });
  });

  it("takes a short title under an annex label, but not a torn table's first character", () => {
    const short = [line('附件1', 2.5), line('承诺书', 3), line('本单位承诺所提交的施工图设计文件符合有关标准', 22)].map(lineItem);
    expect(readTitle(short, 0, 1, 17.5)).toMatchObject({ titleEnd: 1, kind: 'top', roles: ['label', 'title'] });
    const torn = [line('附件3', 2.5), ...[...'改委、温州医'].map((c) => line(c, 1))].map(lineItem);
    expect(readTitle(torn, 0, 6, 17.5)).toMatchObject({ titleEnd: 0, kind: 'top', roles: ['label'] });
  });

  it("reads an annex heading on its label's line as the annex's title, whatever organisation the line names", () => {
    const items = [line('附件4　温州市加快医疗服务能力薄弱地区县级医院', 22), line('建设专项行动措施', 8)].map(lineItem);
    expect(readTitle(items, 0, 1, 17.5)).toMatchObject({ titleEnd: 1, kind: 'top', roles: ['title', 'title'] });
  });
});
