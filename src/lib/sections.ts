/**
 * 栏目: the sections a 公报 issue is organised in, one record each, in the order an issue prints
 * them. The schema's list of categories and their URL slugs, the ingest's reading of section
 * titles and page tabs, and which sections close an issue all come from here: a new 栏目 is one
 * more record.
 */
export interface Section {
  /** The 栏目 as the archive names it. */
  name: string;
  /** ASCII (pinyin initials), for document ids and URLs. */
  slug: string;
  /**
   * How the converter finds the section's documents: by a 公文 title block (`file`), a photo
   * caption (`cover`), a 政策解读 title (`interpretation`), the back-cover feature after the closing
   * sections (`feature`), or, where `title` is given, by the section's printed title.
   */
  found: 'file' | 'cover' | 'interpretation' | 'feature' | 'title';
  /** The forms of the section's printed title (N月份市政府记事, 2023年5月人事任免 …). */
  title?: RegExp;
  /** The names printed in the page margin as the section's tab (in plain type; letter-spaced, they are its title). */
  tabs: readonly string[];
  /** The issue closes with it: after the closing sections only the back-cover feature follows. */
  closes?: boolean;
  /** An issue prints it once, so its document id needs no number. */
  once?: boolean;
  /** It holds 公文: documents with a 文号 and an issuing body. */
  official?: boolean;
  /** It holds tables of figures and no prose, so a headline over prose after it opens another piece. */
  figures?: boolean;
}

/** The tab over the pages of 公文, whichever section they are in. */
const FILES_TAB = ['文件发布', '规范性文件'];

export const SECTIONS = [
  { name: '图片报道', slug: 'tpbd', found: 'cover', tabs: [], once: true },
  { name: '市政府文件', slug: 'szfwj', found: 'file', tabs: ['市政府文件', '市政府令', '政府规章', ...FILES_TAB], official: true },
  { name: '市府办文件', slug: 'sfbwj', found: 'file', tabs: ['市府办文件', '市政府办公室文件', ...FILES_TAB], official: true },
  { name: '部门文件', slug: 'bmwj', found: 'file', tabs: ['部门文件', ...FILES_TAB], official: true },
  { name: '政策解读', slug: 'zcjd', found: 'interpretation', tabs: ['政策解读'] },
  {
    name: '人事任免',
    slug: 'rsrm',
    found: 'title',
    title: /^(\d{4}年)?((\d{1,2}|[一二三四五六七八九十]{1,3})月份?)?(市政府)?人事任免$/u,
    tabs: ['人事任免', '机构人事'],
    once: true,
  },
  { name: '政务简讯', slug: 'zwjx', found: 'title', title: /^政务简讯$/u, tabs: ['政务简讯'], once: true },
  {
    name: '政府记事',
    slug: 'zfjs',
    found: 'title',
    title: /^(\d{4}年)?((\d{1,2}|[一二三四五六七八九十]{1,3})月份?(市政府|政府)?|市政府|政府)记事$/u,
    tabs: ['政府记事'],
    closes: true,
    once: true,
  },
  { name: '发文目录', slug: 'fwml', found: 'title', title: /发文目录$/u, tabs: ['发文目录'], closes: true, once: true },
  {
    name: '统计资料',
    slug: 'tjzl',
    found: 'title',
    title: /(国民经济主要)?统计(指标|资料)$|^\p{Script=Han}{1,5}?[省市县区]\d{4}年.{0,12}主要(经济|统计)(指标|数据)$/u,
    // (and the statistics' banner, 2023年第4期统计资料)
    tabs: ['统计资料', 'YYYY年第N期统计资料'],
    closes: true,
    once: true,
    figures: true,
  },
  { name: '专题', slug: 'zt', found: 'feature', tabs: [] },
  // A 公文 whose issuer and 文号 were not found.
  { name: '其他', slug: 'qt', found: 'file', tabs: [] },
] as const satisfies readonly Section[];

export type SectionName = (typeof SECTIONS)[number]['name'];

/** The sections found by their printed title. */
export type TitledSection = Extract<(typeof SECTIONS)[number], { found: 'title' }>['name'];

/** A tab name as a pattern: `YYYY` and `N` stand for the year and the issue number. */
export function tabPattern(tab: string): string {
  return tab.replace('YYYY', String.raw`\d{4}`).replace('N', String.raw`\d{1,2}`);
}
