/**
 * The gazette's conventions as the converter reads them: 文号, dates, codes, titles, sections.
 */
import { describe, expect, it } from 'vitest';
import {
  BRACKETED_NOTE,
  INLINE_BRACKET,
  LIST_ENTRY,
  SUBTITLE_OPENING,
  compact,
  endsWithDocumentKind,
  isCaptionRun,
  isCaptionText,
  isInterpretationTitle,
  isLetterSpaced,
  isSalutation,
  memoized,
  parseAttachments,
  parseDateLine,
  parseDecree,
  parseDocNumber,
  parseNormativeCode,
  sectionOf,
} from '../../scripts/ingest/conventions.ts';
import { nextNumbering } from '../../scripts/ingest/blocks.ts';
import { fileCategory } from '../../scripts/ingest/documents.ts';
import { artifactOf } from '../../scripts/ingest/lines.ts';
import { unLatex } from '../../scripts/ingest/markdown.ts';
import { agencySlug, documentId } from '../../scripts/ingest/ids.ts';

describe('文号', () => {
  it.each([
    '温政办〔2023〕51号',
    '温政办[2023]51号',
    '温政办［2023］51号',
    '温政办(2023)51号',
    '温政办（2023）51号',
    '温政办 〔2023〕 51 号',
    '温政办﹝2023﹞51号',
    '温政办【2023】51号',
  ])('%s', (s) => {
    expect(parseDocNumber(s)).toEqual({ agency: '温政办', year: 2023, serial: 51, text: '温政办〔2023〕51号' });
  });
  it.each([
    ['温政发〔2023〕17号', '市政府文件'],
    ['温政函〔2023〕31号', '市政府文件'],
    ['温政办〔2023〕51号', '市府办文件'],
    ['温政办函〔2023〕12号', '市府办文件'],
    ['温政办明电〔2023〕3号', '市府办文件'],
    ['温人社发〔2019〕105号', '部门文件'],
    ['温政服〔2022〕29号', '部门文件'],
  ])('%s is filed under %s', (no, category) => expect(fileCategory(no, null)).toBe(category));
  it('is not a sentence that cites one', () => {
    expect(parseDocNumber('根据温政办〔2023〕51号文件精神')).toBeNull();
  });
  it('names a document by its pinyin initials, year and number', () => {
    expect(documentId('2023-05', '市府办文件', '温政办〔2023〕51号', 1)).toBe('wzb-2023-51');
    expect(agencySlug('温人社发')).toBe('wrsf');
    expect(documentId('2023-05', '政府记事', null, 1)).toBe('2023-05-zfjs');
    expect(documentId('2023-05', '政策解读', null, 2)).toBe('2023-05-zcjd-2');
  });
});

describe('dates and codes', () => {
  it.each([
    ['2023年5月16日', '2023-05-16'],
    ['2023 年 5 月 16 日', '2023-05-16'],
    ['二〇二三年五月十六日', '2023-05-16'],
    ['二〇一九年十二月三十一日', '2019-12-31'],
    ['二○二三年五月六日', '2023-05-06'],
    ['2023年5月16日（此件公开发布）', '2023-05-16'],
  ])('%s is %s', (s, iso) => expect(parseDateLine(s)).toBe(iso));
  it('is not a sentence with a date in it', () => expect(parseDateLine('2023年5月16日召开会议')).toBeNull());
  it.each(['ZJCC01-2023-0010', 'ZJCC01 - 2023 - 0010', 'ZJCC01–2023–0010', 'ZJCC01—2023—0010'])('%s', (s) => {
    expect(parseNormativeCode(s)).toBe('ZJCC01-2023-0010');
  });
  it('reads a decree, its title over two lines or on one', () => {
    const decree = { issuer: '温州市人民政府', serial: 153, text: '温州市人民政府令第153号' };
    expect(parseDecree('温州市人民政府令', '第 153 号')).toEqual({ ...decree, lines: 2 });
    expect(parseDecree('温州市人民政府令第153号', '《温州市城市道路管理办法》已经…')).toEqual({ ...decree, lines: 1 });
    expect(parseDecree('温州市人民政府令 第 153 号', '')).toEqual({ ...decree, lines: 1 });
    expect(parseDecree('根据温州市人民政府令第153号的规定，', '')).toBeNull();
  });
});

describe('titles and sections', () => {
  it.each([
    '温州市人民政府办公室关于印发温州市“全球招商合作伙伴”实施方案（试行）的通知',
    '关于支持社会力量提供多层次多样化医疗服务的实施意见',
    '温州市城市道路管理办法',
    '温州市促进民营经济高质量发展若干政策',
    '温州市企业投资项目审批服务指南',
  ])('%s ends in its 文种', (s) => expect(endsWithDocumentKind(s)).toBe(true));
  it('a photo title does not', () => expect(endsWithDocumentKind('“促融资”流程图')).toBe(false));
  it.each([
    '关于《温州市区公共租赁住房保障管理办法》的政策解读',
    '《温州市区公共租赁住房保障管理办法》政策解读',
    '关于温州市区公共租赁住房保障管理办法的政策解读',
  ])('a policy interpretation: %s', (s) => expect(isInterpretationTitle(s)).toBe(true));
  it('not a sentence about one', () => expect(isInterpretationTitle('关于该办法，市住建局已发布政策解读')).toBe(false));
  it.each([
    ['5月份市政府记事', '政府记事'],
    ['10月份市政府记事', '政府记事'],
    ['7月份市政府人事任免', '人事任免'],
    ['政 务 简 讯', '政务简讯'],
    ['5月份市政府、市政府办公室发文目录', '发文目录'],
    ['温州市2023年5月份国民经济主要统计指标', '统计资料'],
    ['2023年4月份市政府记事', '政府记事'],
    ['市政府人事任免', '人事任免'],
    ['温州市2023年1-4月份主要经济指标', '统计资料'],
  ])('%s opens %s', (s, section) => expect(sectionOf(s)).toBe(section));
  it.each(['记事', '大事记事', '经济指标', '二、主要经济指标', '表1 2023年温州市主要经济指标'])('%s opens no section', (s) =>
    expect(sectionOf(s)).toBeNull(),
  );
  it.each([
    ['泰顺县持续推进生态大搬迁撬动共同富裕', true],
    ['温州湾新区打造高能级发展平台', true],
    ['助力全市共同富裕', false],
    ['推进城市有机更新', false],
    ['增强全市域老百姓获得感、幸福感、安全感', false],
  ])('%s is a feature subtitle: %s', (s, subtitle) => expect(SUBTITLE_OPENING.test(s)).toBe(subtitle));
  it('a salutation', () => {
    expect(isSalutation('各县（市、区）人民政府，市政府直属各单位：')).toBe(true);
    expect(isSalutation('各区（功能区）财政局，市财务开发公司、市科技创业投资有限公司：')).toBe(true);
    expect(isSalutation('主要包括：')).toBe(false);
    // A 批复 or 函 is addressed to the bodies it answers.
    expect(isSalutation('鹿城区人民政府：')).toBe(true);
    expect(isSalutation('市发展改革委、市财政局：')).toBe(true);
    expect(isSalutation('申请人应当提交下列材料：')).toBe(false);
    expect(isSalutation('有关事项通知如下：')).toBe(false);
    expect(isSalutation('市政府决定：')).toBe(false);
    expect(isSalutation('各县(市、区)人民政府,市政府直属各单位:')).toBe(true);
    expect(isSalutation('各有关单位：')).toBe(true);
    expect(isSalutation('温州海关：')).toBe(true);
    expect(isSalutation('中国人民银行温州市中心支行：')).toBe(true);
    expect(isSalutation('市政协：')).toBe(true);
    expect(isSalutation('能力和基层医疗机构的急诊急救能力（责任单位：')).toBe(false);
    expect(isSalutation('第二条 本细则适用于在本市注册的下列企业：')).toBe(false);
    expect(isSalutation('（三）参与评审的单位：')).toBe(false);
  });
  it('a row of the 发文目录', () => {
    expect(LIST_ENTRY.exec('温政办〔2019〕48号　　温州市人民政府办公室关于印发…的通知')?.groups?.title).toBe(
      '温州市人民政府办公室关于印发…的通知',
    );
    expect(LIST_ENTRY.test('温政发〔2023〕8号文件执行。')).toBe(false);
  });
});

describe('page furniture', () => {
  it.each([
    ['温州市人民政府公报（总第248期） 文件发布', 'running header'],
    ['温州市人民政府公报 2023年第4期（总第248期） 市政府文件', 'running header'],
    ['2023年第4期 温州市人民政府公报', 'running header'],
    ['总第248期 温州市人民政府公报', 'running header'],
    ['·    48    ·', 'page number'],
  ])('%s is a %s', (s, reason) => expect(artifactOf(s)?.reason).toBe(reason));
  it.each(['市政府令', '规范性文件', '政务简讯'])('%s in plain type is a section tab', (s) => expect(artifactOf(s)).not.toBeNull());
  it.each([
    '《温州市人民政府公报》赠阅范围：全市各村委会',
    '第5期温州市人民政府公报已经印发，请各单位认真学习贯彻。',
    '第5期温州市人民政府公报已印发。',
  ])('a sentence naming the gazette is text: %s', (s) => expect(artifactOf(s)).toBeNull());
});

describe('text', () => {
  it('drops spaces next to Chinese and keeps them between Latin words', () => {
    expect(compact('温州市人民政府办公室 印发关于 推进')).toBe('温州市人民政府办公室印发关于推进');
    expect(compact('GAZETTE OF THE  PEOPLE')).toBe('GAZETTE OF THE PEOPLE');
  });
  it('knows letter-spaced lines', () => {
    expect(isLetterSpaced('政 务 简 讯')).toBe(true);
    expect(isLetterSpaced('1 0 月 1 0 日 ， 市 委')).toBe(true);
    expect(isLetterSpaced('住新居 盘资源 奔共富')).toBe(false);
  });
  it('reads LaTeX cells as the printed signs', () => {
    expect(unLatex('$\\geq 3$')).toBe('≥3');
    expect(unLatex('$\\leq 0.49$')).toBe('≤0.49');
  });
});

describe('brackets', () => {
  it('knows a bracket closed inside a sentence from a note', () => {
    expect(INLINE_BRACKET.test('的奖补项目。100张床（含）')).toBe(true);
    expect(INLINE_BRACKET.test('各项工作。（责任单位：市经信局）')).toBe(false);
    expect(INLINE_BRACKET.test('（此件公开发布）')).toBe(false);
  });
});

describe('the list of attachments', () => {
  it('opens an item at its number, also before a year, never inside a figure', () => {
    expect(parseAttachments('附件：1.温州市重点指标体系2.温州市十大行动3.2023年温州市重点任务')).toEqual([
      '温州市重点指标体系',
      '温州市十大行动',
      '2023年温州市重点任务',
    ]);
    expect(parseAttachments('附件：温州市投资1.5亿元项目清单')).toEqual(['温州市投资1.5亿元项目清单']);
  });
});

describe('photo captions and notes', () => {
  it('a caption dates its event first, in its opening or its first clause, and has no full stop', () => {
    expect(isCaptionText('5月1日，全国首个戏曲生活市集在市区九山公园开幕(郑鹏/摄)')).toBe(true);
    expect(isCaptionText('温州港恢复邮轮航线业务，5月10日“招商伊敦”号游轮顺利靠泊温')).toBe(true);
    // (Its line may end between the month and the day, or between the day's number and 日.)
    expect(isCaptionText('温州港恢复邮轮航线业务，5月')).toBe(true);
    expect(isCaptionText('温州港恢复邮轮航线业务，5月10')).toBe(true);
    expect(isCaptionText('温州港恢复邮轮航线业务，5月份')).toBe(false);
    expect(isCaptionText('温州港恢复邮轮航线业务，5月10个')).toBe(false);
    expect(isCaptionText('5月10日，市政府召开常务会议。')).toBe(false);
    expect(isCaptionText('会议强调，要统筹衔接规划纲要战略目标任务')).toBe(false);
  });
  it('captions in a run are dated items of one sentence each, with or without a full stop and a credit', () => {
    expect(isCaptionRun(['7月18日，温籍学子家乡行', '活动启动仪式举行。', '7月4日，温州机场综合交通中心开工。'])).toBe(true);
    expect(isCaptionRun(['10月6日，龙舟项目完美收官（陈翔/摄）', '10月22日，铁人三项国际公开赛成功举办'])).toBe(true);
    // (One dated line is no run; an item that goes on past its first sentence is a text's paragraph.)
    expect(isCaptionRun(['7月4日，温州机场综合交通中心开工。'])).toBe(false);
    expect(isCaptionRun(['7月4日，市政府召开常务会议。会议强调，', '要抓好落实。', '7月5日，市长调研。'])).toBe(false);
    expect(isCaptionRun(['会议强调，要抓好落实。', '7月5日，市长调研。', '7月6日，副市长调研。'])).toBe(false);
  });
  it('a note in brackets stands on a line of its own', () => {
    expect(BRACKETED_NOTE.test('（此件公开发布）')).toBe(true);
    expect(BRACKETED_NOTE.test('（扫描二维码查看附件详情）')).toBe(true);
    expect(BRACKETED_NOTE.test('（一）强化组织领导')).toBe(false);
    expect(BRACKETED_NOTE.test('（三）完善工作机制（试行）')).toBe(false);
  });
});

describe('numbering', () => {
  it.each([
    ['①', '②'],
    ['1.', '2.'],
    ['9．', '10．'],
    ['（1）', '（2）'],
    ['（二）', '（三）'],
    ['三、', '四、'],
  ])('the item after %s is %s', (label, next) => expect(nextNumbering(label)).toBe(next));
  it('knows no item after the last circled number, a chapter or 十九', () => {
    expect(nextNumbering('⑩')).toBeNull();
    expect(nextNumbering('第一章')).toBeNull();
    expect(nextNumbering('十九、')).toBeNull();
  });
});

describe('remembered readings', () => {
  it('reads a text once while it is remembered, and reads every text right past what it keeps', () => {
    const read: string[] = [];
    const length = memoized((s: string) => {
      read.push(s);
      return s.length;
    });
    expect(length('温政办')).toBe(3);
    expect(length('温政办')).toBe(3);
    expect(read).toEqual(['温政办']);
    const texts = Array.from({ length: 10_000 }, (_, i) => `第${i}号`);
    expect(texts.map(length)).toEqual(texts.map((s) => s.length));
    expect(texts.map(length)).toEqual(texts.map((s) => s.length));
    expect(length('温政办')).toBe(3);
    // (Read again once forgotten, never answered wrong.)
    expect(read.filter((s) => s === '温政办')).toHaveLength(2);
  });
});
