/**
 * Links between documents: 政策解读 ↔ the document interpreted, 文号 cited in text, 发文目录
 * rows, and the 被引用 lists, on small inputs.
 */
import type { Element, Root } from 'hast';
import { describe, expect, it } from 'vitest';
import { crossLinks, interpretedTitle } from '../../src/lib/crosslinks.ts';
import { docNumberFinder, normalizeDocNumber, parseDocNumber } from '../../src/lib/docnumber.ts';
import { transformBody, type BodyContext } from '../../src/lib/body.ts';
import type { Document } from '../../src/lib/schema.ts';

describe('文号', () => {
  it('parse in every bracket form to one normal form', () => {
    for (const s of [
      '温政办〔2023〕51号',
      '温政办[2023]51号',
      '温政办［2023］51号',
      '温政办(2023)51号',
      '温政办（2023）51号',
      '温政办 〔2023〕 051号',
    ]) {
      expect(parseDocNumber(s)).toEqual({ agency: '温政办', year: 2023, serial: 51, text: '温政办〔2023〕51号' });
    }
    expect(normalizeDocNumber('浙政办发[2023]25号')).toBe('浙政办发〔2023〕25号');
  });

  it('are found in running text only when the archive holds them, 机关代字 and all', () => {
    const find = docNumberFinder(['温政办〔2023〕51号', '政办发〔2023〕25号']);
    const text = '根据《通知》（温政办[2023]51号）和浙政办发〔2023〕25号，及的通知温政办（2023）51号、温政办〔2023〕52号';
    const found = find(text).map((m) => [m.text, text.slice(m.start, m.end)]);
    expect(found).toEqual([
      ['温政办〔2023〕51号', '温政办[2023]51号'],
      ['政办发〔2023〕25号', '政办发〔2023〕25号'],
      ['温政办〔2023〕51号', '温政办（2023）51号'],
    ]);
  });
});

describe('政策解读', () => {
  it('names the document it interprets', () => {
    expect(interpretedTitle('关于《温州市区公共租赁住房保障管理办法》的政策解读')).toBe('温州市区公共租赁住房保障管理办法');
    expect(interpretedTitle('《关于进一步规范乡镇（街道）消防工作的实施意见》政策解读')).toBe(
      '关于进一步规范乡镇（街道）消防工作的实施意见',
    );
    expect(interpretedTitle('政务简讯')).toBeNull();
  });

  const doc = (id: string, category: Document['category'], title: string, number = 5, docNumber: string | null = null): Document => ({
    id,
    issue: { year: 2023, number, total: null },
    order: 1,
    category,
    title,
    subtitle: null,
    docNumber,
    issuer: null,
    date: null,
    normativeCode: null,
    pages: null,
    attachments: [],
    subItems: [],
  });
  const entry = (d: Document, text: string[] = []) => ({ id: d.id, data: d, text });

  it('is matched to the document that issues the named text, nearest before it first', () => {
    const older = doc('a', '市府办文件', '温州市人民政府办公室关于印发温州市“全球招商合作伙伴”实施方案（试行）的通知', 1);
    const same = doc('b', '市府办文件', '温州市人民政府办公室关于印发温州市"全球招商合作伙伴"实施方案(试行)的通知', 5);
    const other = doc('c', '市府办文件', '温州市人民政府办公室关于印发另一个方案的通知', 5);
    const jd = doc('j', '政策解读', '关于《温州市“全球招商合作伙伴”实施方案（试行）》的政策解读', 5);
    const links = crossLinks([older, same, other, jd].map((d) => entry(d)));
    expect(links.interprets.get('j')).toBe('b');
    expect(links.interpretedBy.get('b')).toEqual(['j']);
    expect(links.interpretedBy.has('a')).toBe(false);
  });

  it('cites and is cited by 文号, never itself', () => {
    const a = doc('wzb-2023-51', '市府办文件', '甲', 5, '温政办〔2023〕51号');
    const b = doc('b', '发文目录', '发文目录', 5);
    const links = crossLinks([entry(a, ['本文温政办〔2023〕51号']), entry(b, ['温政办[2023]51号 甲', '温政办〔2023〕51号'])]);
    expect(links.cites.get('b')).toEqual(['wzb-2023-51']);
    expect(links.citedBy.get('wzb-2023-51')).toEqual(['b']);
    expect(links.cites.has('wzb-2023-51')).toBe(false);
  });
});

describe('document body', () => {
  const t = (value: string) => ({ type: 'text' as const, value });
  const el = (tagName: string, children: Root['children'], properties = {}): Element =>
    ({ type: 'element', tagName, properties, children }) as Element;
  const ctx = (category = '市府办文件'): BodyContext => ({
    category,
    docNumber: '温政办〔2023〕40号',
    find: docNumberFinder(['温政办〔2023〕51号', '温政办〔2023〕40号']),
    href: (n) => (n === '温政办〔2023〕51号' ? '/documents/wzb-2023-51/' : '/documents/wzb-2023-40/'),
  });
  const html = (root: Root): string =>
    root.children
      .map(function out(n): string {
        if (n.type === 'text') return n.value;
        if (n.type !== 'element') return '';
        const attrs = Object.entries(n.properties)
          .map(([k, v]) => ` ${k}="${Array.isArray(v) ? v.join(' ') : String(v)}"`)
          .join('');
        return `<${n.tagName}${attrs}>${n.children.map(out).join('')}</${n.tagName}>`;
      })
      .join('');

  it('links cited 文号 but not the document’s own, nor inside links', () => {
    const root: Root = {
      type: 'root',
      children: [el('p', [t('依据温政办（2023）51号和温政办〔2023〕40号。'), el('a', [t('温政办〔2023〕51号')], { href: 'x' })])],
    };
    expect(html(transformBody(root, ctx()))).toBe(
      '<p>依据<a href="/documents/wzb-2023-51/" className="doc-ref">温政办（2023）51号</a>和温政办〔2023〕40号。<a href="x">温政办〔2023〕51号</a></p>',
    );
  });

  it('links a whole 发文目录 row, unless rows ran together', () => {
    const root: Root = {
      type: 'root',
      children: [
        el('li', [t('温政办〔2023〕51号 关于甲的通知')]),
        el('p', [t('温政办〔2023〕51号　关于乙的通知温政办〔2023〕52号　关于丙')]),
      ],
    };
    expect(html(transformBody(root, ctx('发文目录')))).toBe(
      '<li><a href="/documents/wzb-2023-51/" className="doc-ref">温政办〔2023〕51号 关于甲的通知</a></li>' +
        '<p><a href="/documents/wzb-2023-51/" className="doc-ref">温政办〔2023〕51号</a>　关于乙的通知温政办〔2023〕52号　关于丙</p>',
    );
  });

  it('links the title cell of a 发文目录 table row as well as its 文号', () => {
    const row = el('tr', [el('td', [t('温政办〔2023〕51号')]), el('td', [t('关于甲的通知')])]);
    const root: Root = { type: 'root', children: [el('table', [el('tbody', [row])])] };
    expect(html(transformBody(root, ctx('发文目录')))).toBe(
      '<table><tbody><tr><td><a href="/documents/wzb-2023-51/" className="doc-ref">温政办〔2023〕51号</a></td>' +
        '<td><a href="/documents/wzb-2023-51/" className="doc-ref">关于甲的通知</a></td></tr></tbody></table>',
    );
  });

  it('makes heading levels consecutive, with ids and self-links, and attachments sections', () => {
    const root: Root = {
      type: 'root',
      children: [
        el('h2', [t('一、总体要求')]),
        el('h5', [t('（一）目标')]),
        el('h4', [t('（二）原则')]),
        el('h2', [t('附件1　指标')]),
        el('h2', [t('表一')]),
      ],
    };
    const out = transformBody(root, ctx());
    expect(out.children.map((n) => (n.type === 'element' ? n.tagName : n.type))).toEqual(['h2', 'h3', 'h3', 'section']);
    const [h2, h3] = out.children as Element[];
    expect(h2!.properties.id).toBe('一总体要求');
    expect(h3!.children.at(-1)).toMatchObject({ tagName: 'a', properties: { href: '#一目标' } });
    const section = out.children[3] as Element;
    expect(section.properties).toMatchObject({ className: ['attachment'], ariaLabelledBy: ['附件1指标'] });
    expect((section.children as Element[]).map((n) => n.tagName)).toEqual(['h2', 'h3']);
  });
});
