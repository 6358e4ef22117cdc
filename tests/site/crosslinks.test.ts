/**
 * Links between documents: 政策解读 ↔ the document interpreted, 文号 cited in text, 发文目录
 * rows, and the 被引用 lists. First the rules on small inputs, then the real archive, where the
 * expectations are worked out from the data export independently of the site's code.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Element, Root } from 'hast';
import { VFile } from 'vfile';
import { describe, expect, inject, it } from 'vitest';
import { ingestIssue } from '../../scripts/ingest/issue.ts';
import { crossLinks, interpretedTitle } from '../../src/lib/crosslinks.ts';
import { docNumberFinder, normalizeDocNumber, parseDocNumber } from '../../src/lib/docnumber.ts';
import { mdxToJs, type HastPluginEntry } from 'satteri';
import { documentBodyPlugin, loadDocNumbers, transformBody, type BodyContext } from '../../src/lib/body.ts';
import { NUMBERS_FILE, type Document } from '../../src/lib/schema.ts';
import { docNumberPattern, documents, hrefs, page, paragraphsOf, select, selectAll, text } from '../support/site.ts';

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
  it('take the 机关代字 from the Han run just before the bracket, never from the mention before', () => {
    const find = docNumberFinder(['𠮷政〔2023〕5号', '号政〔2023〕6号', '温政办〔2023〕51号']);
    const text = '见𠮷政 （2023）5号政〔2023〕6号，温政办〔2023〕51号';
    expect(find(text).map((m) => [m.text, text.slice(m.start, m.end)])).toEqual([
      ['𠮷政〔2023〕5号', '𠮷政 （2023）5号'],
      ['温政办〔2023〕51号', '温政办〔2023〕51号'],
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
    issueMonth: null,
    normativeCode: null,
    status: { effective: null, expires: null, sentences: [], amends: [], repeals: [] },
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
      '<p>依据<a href="/documents/wzb-2023-51/" className="doc-ref doc-number">温政办（2023）51号</a>和温政办〔2023〕40号。<a href="x">温政办〔2023〕51号</a></p>',
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
        '<p><a href="/documents/wzb-2023-51/" className="doc-ref doc-number">温政办〔2023〕51号</a>　关于乙的通知温政办〔2023〕52号　关于丙</p>',
    );
  });

  it('links the title cell of a 发文目录 table row as well as its 文号', () => {
    const row = el('tr', [el('td', [t('温政办〔2023〕51号')]), el('td', [t('关于甲的通知')])]);
    const root: Root = { type: 'root', children: [el('table', [el('tbody', [row])])] };
    expect(html(transformBody(root, ctx('发文目录')))).toBe(
      '<div className="table-scroll" tabIndex="0"><table><tbody><tr><td><a href="/documents/wzb-2023-51/" className="doc-ref doc-number">温政办〔2023〕51号</a></td>' +
        '<td><a href="/documents/wzb-2023-51/" className="doc-ref">关于甲的通知</a></td></tr></tbody></table></div>',
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

describe('the document body plugin', () => {
  // The plugin rewrites only the nodes that change, in the compiler's walk; what it compiles to must
  // be what transformBody makes of the whole tree.
  const contentDir = mkdtempSync(join(tmpdir(), 'gazette-body-'));
  writeFileSync(
    join(contentDir, NUMBERS_FILE),
    JSON.stringify({ '温政办〔2023〕51号': 'wzb-2023-51', '温政办〔2023〕40号': 'wzb-2023-40' }),
  );
  const documentHref = (id: string) => `/documents/${id}/`;
  const source = [
    '依据温政办（2023）51号和温政办〔2023〕40号，见[温政办〔2023〕51号](x)。',
    '',
    '#### 一、总体要求',
    '',
    '- 按温政办〔2023〕51号执行',
    '',
    '| | 指标 | 文件 |',
    '| - | - | - |',
    '| 增长 | 2.6% | 温政办〔2023〕51号 |',
    '',
    '###### （一）目标',
    '',
    '## 附件1　指标',
    '',
    '<figure class="data-table" data-covered="2.0">',
    '  <figcaption>表1　温政办〔2023〕51号分解</figcaption>',
    '',
    '  | 任务 | 单位 |',
    '  | - | - |',
    '  | 甲 | 市经信局 |',
    '  | 乙 | 15% |',
    '</figure>',
    '',
    '### 表一',
    '',
  ].join('\n');
  const compile = (plugin: HastPluginEntry, category: string) =>
    mdxToJs(source, {
      hastPlugins: [plugin],
      data: {
        astro: {
          frontmatter: { category, docNumber: '温政办〔2023〕40号' },
          headings: [],
          localImagePaths: new Set(),
          remoteImagePaths: new Set(),
        },
      },
    });
  const whole = (category: string): HastPluginEntry => {
    const numbers = loadDocNumbers(contentDir);
    const ctx: BodyContext = {
      category,
      docNumber: '温政办〔2023〕40号',
      find: docNumberFinder(numbers.keys()),
      href: (n) => (numbers.has(n) ? documentHref(numbers.get(n)!) : undefined),
    };
    return { name: 'whole-tree', after: (root, hast) => hast.replaceNode(root, transformBody(root, ctx)) };
  };

  it.each(['市府办文件', '发文目录'])('compiles a %s as transformBody rewrites it', async (category) => {
    const plugin = documentBodyPlugin({ contentDir, documentHref });
    const { code } = await compile(plugin, category);
    expect(code).toBe((await compile(whole(category), category)).code);
    for (const made of ['table-scroll', 'doc-ref', 'heading-anchor', 'attachment', 'caption', 'num']) expect(code, made).toContain(made);
  });
});

describe('the real archive', () => {
  const dir = inject('realDir');
  const docs = documents(dir);
  const url = (id: string) => `/documents/${id}/`;
  const body = (id: string) => select('.doc-body', page(dir, `documents/${id}/`));
  const squash = (s: string) =>
    s
      .normalize('NFKC')
      .replace(/\s+/g, '')
      .replace(/[“”"「」]/g, '');

  const interpretations = docs.flatMap((d) => {
    const named = d.category === '政策解读' && d.title ? /《(.+)》/u.exec(d.title)?.[1] : undefined;
    if (!named) return [];
    const targets = docs.filter((t) => t.category !== '政策解读' && t.title && squash(t.title).includes(squash(named)));
    return targets.length > 0 ? [{ d, targets }] : [];
  });

  it('has 政策解读 that name documents it holds', () => {
    expect(interpretations.length).toBeGreaterThan(0);
  });

  it.each(interpretations.map((x) => [x.d.id, x] as const))('政策解读 %s links to its document, which links back', (id, { targets }) => {
    const links = hrefs(select('.doc-meta', page(dir, `documents/${id}/`)), '.callout a');
    expect(links).toHaveLength(1);
    const target = targets.find((t) => url(t.id) === links[0]);
    expect(target, `${links[0]} is one of ${targets.map((t) => t.id).join(', ')}`).toBeTruthy();
    const back = page(dir, `documents/${target!.id}/`);
    expect(hrefs(back, '.callout a')).toContain(url(id));
    expect(hrefs(select('#interpreted-by', back))).toContain(url(id));
  });

  const citations = docs.flatMap((from) => {
    const paras = paragraphsOf(dir, from.id).join('\n');
    return docs.filter((to) => to.id !== from.id && to.docNumber && docNumberPattern(to.docNumber).test(paras)).map((to) => ({ from, to }));
  });

  it('has documents citing others by 文号', () => {
    expect(citations.length).toBeGreaterThan(0);
  });

  it.each(citations.map((c) => [c.from.id, c.to.docNumber, c] as const))(
    '%s cites %s: a link in the text, and 被引用 there',
    (_, __, { from, to }) => {
      const links = selectAll('a.doc-ref', body(from.id)!).filter((a) => a.properties.href === url(to.id));
      expect(links.some((a) => docNumberPattern(to.docNumber!).test(text(a)))).toBe(true);
      expect(hrefs(select('#cited-by', page(dir, `documents/${to.id}/`)))).toContain(url(from.id));
    },
  );

  it('lists under 被引用 only documents that link', () => {
    for (const d of docs) {
      for (const href of hrefs(select('#cited-by', page(dir, `documents/${d.id}/`)))) {
        const from = href.split('/')[2]!;
        expect(hrefs(body(from), 'a.doc-ref'), `${from} → ${d.id}`).toContain(url(d.id));
      }
    }
  });

  it('links 发文目录 rows as a whole to the documents the archive holds', () => {
    const lists = docs.filter((d) => d.category === '发文目录');
    let rows = 0;
    for (const list of lists) {
      for (const p of paragraphsOf(dir, list.id)) {
        const to = docs.find((t) => t.docNumber && new RegExp(`^\\s*${docNumberPattern(t.docNumber).source}`, 'u').test(p));
        if (!to) continue;
        const link = selectAll('a.doc-ref', body(list.id)!).find((a) => a.properties.href === url(to.id));
        expect(link, `${list.id}: ${p}`).toBeTruthy();
        // A table row (cells joined by a tab): the title cell links too. One row per
        // paragraph: the whole row links. Rows run together: the 文号 does.
        const numbers = p.match(/[〔[［(（]\s*\d{4}\s*[〕\]］)）]\s*\d+\s*号/gu) ?? [];
        const cells = p.split('\t');
        if (cells.length > 1 && numbers.length === 1) {
          const titled = selectAll('a.doc-ref', body(list.id)!).filter(
            (a) => a.properties.href === url(to.id) && text(a) === cells[1]!.trim(),
          );
          expect(titled, `${list.id}: ${p}`).toHaveLength(1);
        } else if (cells.length === 1 && numbers.length === 1) expect(text(link!)).toBe(p.replace(/\s+/g, ' ').trim());
        else expect(text(link!)).toMatch(docNumberPattern(to.docNumber!));
        rows++;
      }
    }
    expect(rows).toBeGreaterThan(0);
  });
});

describe('修改 and 废止', () => {
  // Three small issues of the stage fixtures: two 规范性文件 and the 决定 that amends one and repeals the other.
  const ingest = (dir: string) => {
    const path = `tests/fixtures/stages/${dir}/input.txt`;
    const text = readFileSync(path, 'utf8');
    const source = { file: new VFile({ path, value: text }), key: '2099-01', year: 2099, number: 1 };
    return ingestIssue({ ...source, sha256: '0'.repeat(64), flavour: 'raw', lines: text.split('\n') }).documents;
  };
  const ingested = ['status-effective-and-expiry', 'status-valid-for-years', 'status-decision'].flatMap(ingest);
  const links = crossLinks(ingested.map((d) => ({ id: d.meta.id, data: d.meta, text: [] })));
  const idOf = (docNumber: string) => ingested.find((d) => d.meta.docNumber === docNumber)!.meta.id;
  const decision = idOf('温政发〔2099〕9号');
  const opinion = idOf('温政办〔2099〕12号');
  const measures = idOf('温政办〔2099〕13号');

  it('link the 决定 to the documents of the archive it amends and repeals', () => {
    expect(links.amends.get(decision)).toEqual([measures]);
    expect(links.repeals.get(decision)).toEqual([opinion]);
  });

  it('link each changed document back to the 决定 (被修改, 被废止)', () => {
    expect(links.amendedBy.get(measures)).toEqual([decision]);
    expect(links.repealedBy.get(opinion)).toEqual([decision]);
    expect(links.amendedBy.has(opinion)).toBe(false);
    expect(links.repealedBy.has(measures)).toBe(false);
  });

  it('leave documents the archive does not hold unlinked', () => {
    expect(links.changed({ title: '温州市人民政府关于推进城市更新工作的实施意见', docNumber: '温政发〔2098〕7号' })).toBeUndefined();
    expect(links.changed({ title: '温州市区公共租赁住房保障办法', docNumber: '温州市人民政府令第147号' })).toBeUndefined();
    // Named by title alone, the document that issues the named text is found.
    expect(links.changed({ title: '温州市区公共租赁住房保障管理办法', docNumber: null })).toBe(measures);
    expect(links.repeals.has(measures)).toBe(false);
  });
});
