/**
 * The reading site's pages, read as HTML from the real archive (the four issues in
 * content/sources). Expectations come from the data export, so they follow the converter.
 */
import type { Element } from 'hast';
import { describe, expect, inject, it } from 'vitest';
import type { DocumentRecord } from '../../src/lib/export.ts';
import { documents, hrefs, htmlPages, issues, page, select, selectAll, TEST_SITE_URL, text } from '../support/site.ts';

const dir = inject('realDir');
const docs = documents(dir);
const allIssues = issues(dir);
const docUrl = (id: string) => `/documents/${id}/`;
const issueOf = (d: DocumentRecord) => allIssues.find((i) => i.year === d.issue.year && i.number === d.issue.number)!;
const pathOf = (url: string) => url.replace(/^\//, '');

function jsonLd(path: string): Record<string, unknown> {
  const script = select('script[type="application/ld+json"]', page(dir, path));
  expect(script, `JSON-LD on ${path}`).toBeTruthy();
  return JSON.parse(text(script)) as Record<string, unknown>;
}

/** The definition list of a metadata panel as term → description text. */
function meta(path: string): Map<string, Element> {
  const dl = select('dl.meta', page(dir, path));
  const out = new Map<string, Element>();
  if (!dl) return out;
  for (const group of selectAll('div', dl)) {
    const dt = select('dt', group);
    const dd = select('dd', group);
    if (dt && dd) out.set(text(dt), dd);
  }
  return out;
}

describe('every page', () => {
  const paths = htmlPages(dir);

  it('has been built for every page type', () => {
    for (const p of ['', '404.html', 'documents/', 'categories/', 'issuers/', 'numbers/', 'search/']) expect(paths).toContain(p);
    for (const i of allIssues) expect(paths).toContain(`issues/${i.id}/`);
    for (const d of docs) expect(paths).toContain(`documents/${d.id}/`);
    for (const y of new Set(allIssues.map((i) => i.year))) expect(paths).toContain(`years/${y}/`);
  });

  it.each(paths)('/%s: one h1, landmarks, skip link, canonical URL and OpenGraph', (path) => {
    const tree = page(dir, path);
    expect(select('html', tree)?.properties.lang).toBe('zh-CN');
    expect(selectAll('h1', tree)).toHaveLength(1);
    expect(selectAll('main#main', tree)).toHaveLength(1);
    expect(select('header', tree)).toBeTruthy();
    expect(select('footer', tree)).toBeTruthy();
    expect(select('a.skip-link', tree)?.properties.href).toBe('#main');
    if (path === '404.html') {
      expect(select('meta[name="robots"]', tree)?.properties.content).toBe('noindex');
      expect(select('link[rel="canonical"]', tree)).toBeFalsy();
    } else {
      expect(select('link[rel="canonical"]', tree)?.properties.href).toBe(`${TEST_SITE_URL}/${path}`);
      expect(select('meta[property="og:url"]', tree)?.properties.content).toBe(`${TEST_SITE_URL}/${path}`);
    }
    expect(select('meta[property="og:title"]', tree)?.properties.content).toBeTruthy();
    expect(select('meta[property="og:site_name"]', tree)?.properties.content).toBe('温州市人民政府公报');
  });

  it.each(paths.filter((p) => !p.startsWith('search/')))('/%s: no JavaScript', (path) => {
    const tree = page(dir, path);
    const scripts = selectAll('script', tree).filter((s) => s.properties.type !== 'application/ld+json');
    expect(scripts).toEqual([]);
    const handlers = selectAll('*', tree).filter((e) => Object.keys(e.properties).some((k) => /^on[a-z]/i.test(k)));
    expect(handlers).toEqual([]);
  });

  it.each(paths)('/%s: headings do not skip levels', (path) => {
    const levels = selectAll('h1, h2, h3, h4, h5, h6', page(dir, path)).map((h) => Number(h.tagName[1]));
    levels.forEach((level, i) => {
      if (i > 0) expect(level, `heading ${i} of /${path}`).toBeLessThanOrEqual(levels[i - 1]! + 1);
    });
  });
});

describe('home page', () => {
  const home = page(dir, '');
  const latest = allIssues.at(-1)!;

  it('shows the latest issue with its cover captions and contents', () => {
    const section = select('.latest', home);
    expect(hrefs(section)).toContain(`/issues/${latest.id}/`);
    for (const c of latest.coverCaptions) expect(text(section)).toContain(c.replace(/\s+/g, ' ').trim());
    for (const id of latest.documents) expect(hrefs(section)).toContain(docUrl(id));
  });

  it('lists every issue by year', () => {
    const all = select('.all-issues', home);
    for (const i of allIssues) expect(hrefs(all)).toContain(`/issues/${i.id}/`);
    for (const y of new Set(allIssues.map((i) => i.year))) expect(hrefs(all)).toContain(`/years/${y}/`);
  });

  it('describes the gazette as a Periodical', () => {
    expect(jsonLd('')).toMatchObject({ '@context': 'https://schema.org', '@type': 'Periodical', name: '温州市人民政府公报' });
  });
});

describe.each(allIssues.map((i) => [i.id, i] as const))('issue %s', (id, issue) => {
  const path = `issues/${id}/`;
  const tree = page(dir, path);
  const own = docs.filter((d) => d.issue.year === issue.year && d.issue.number === issue.number);

  it('states 年, 期, 总期号 and the publication date or month', () => {
    const m = meta(path);
    expect(text(m.get('年份'))).toBe(`${issue.year}年`);
    expect(text(m.get('期号'))).toBe(`第${issue.number}期`);
    if (issue.total !== null) expect(text(m.get('总期号'))).toBe(`总第${issue.total}期`);
    // A printed 出版日期, else the month the issue is numbered for.
    const label = /^\d{4}-\d{2}-\d{2}$/.test(issue.date ?? '') ? '出版日期' : '刊期';
    if (issue.date) expect(select('time', m.get(label)!)?.properties.dateTime).toBe(issue.date);
  });

  it('shows the cover captions', () => {
    for (const c of issue.coverCaptions) expect(text(select('.captions', tree))).toContain(c.replace(/\s+/g, ' ').trim());
  });

  it('groups the contents by section, in printed order, with printed page numbers', () => {
    const sections = selectAll('.contents-section', tree);
    const printedOrder = [...new Set(own.map((d) => d.category))];
    expect(sections.map((s) => text(select('h3', s)))).toEqual(printedOrder);
    for (const s of sections) {
      const category = text(select('h3', s));
      const entries = selectAll('.toc > li', s);
      const expected = own.filter((d) => d.category === category);
      expect(entries.map((li) => hrefs(li)[0])).toEqual(expected.map((d) => docUrl(d.id)));
      entries.forEach((li, n) => {
        const d = expected[n]!;
        if (d.pages) expect(text(select('.toc-page', li))).toBe(`第${d.pages.start}页`);
        if (d.docNumber) expect(text(li)).toContain(d.docNumber);
      });
    }
  });

  it('links to the previous and next issues', () => {
    const at = allIssues.indexOf(issue);
    const pager = select('nav.pager', tree);
    if (at > 0) expect(select('a[rel="prev"]', pager!)?.properties.href).toBe(`/issues/${allIssues[at - 1]!.id}/`);
    if (at < allIssues.length - 1) expect(select('a[rel="next"]', pager!)?.properties.href).toBe(`/issues/${allIssues[at + 1]!.id}/`);
  });

  it('is described as a PublicationIssue', () => {
    expect(jsonLd(path)).toMatchObject({
      '@type': 'PublicationIssue',
      issueNumber: String(issue.number),
      url: `${TEST_SITE_URL}/${path}`,
      ...(issue.date ? { datePublished: issue.date } : {}),
    });
  });
});

describe.each(docs.map((d) => [d.id, d] as const))('document %s', (id, d) => {
  const path = `documents/${id}/`;
  const tree = page(dir, path);

  it('has the metadata panel', () => {
    const m = meta(path);
    if (d.docNumber) expect(text(m.get('文号'))).toBe(d.docNumber);
    if (d.issuer) expect(text(m.get('发文机关'))).toBe(d.issuer);
    if (d.date) expect(select('time', m.get('成文日期')!)?.properties.dateTime).toBe(d.date);
    if (d.normativeCode) expect(text(m.get('规范性文件统一编号'))).toBe(d.normativeCode);
    expect(hrefs(m.get('所属期号'))).toEqual([`/issues/${issueOf(d).id}/`]);
    if (d.pages) expect(text(m.get('页码'))).toContain(String(d.pages.start));
    expect(text(m.get('栏目'))).toBe(d.category);
    if (d.attachments.length > 0) expect(selectAll('li', m.get('附件')!)).toHaveLength(d.attachments.length);
  });

  it('gives every body heading an anchor, and its attachments sections', () => {
    const body = select('.doc-body', tree)!;
    for (const h of selectAll('h2, h3, h4, h5, h6', body)) {
      const id = String(h.properties.id);
      expect(id).toBeTruthy();
      expect(select('a.heading-anchor', h)?.properties.href).toBe(`#${id}`);
    }
    for (const s of selectAll('section.attachment', body)) {
      expect(text(select('h2', s))).toMatch(/^附件/);
    }
    // Each attachment the metadata links to is a section of the text.
    for (const href of hrefs(meta(path).get('附件'))) {
      const target = select(`[id="${decodeURIComponent(href.slice(1))}"]`, body);
      expect(target, href).toBeTruthy();
    }
  });

  it('links to the previous and next document of its issue', () => {
    const siblings = issueOf(d).documents;
    const at = siblings.indexOf(id);
    const pager = select('nav.pager', tree);
    if (at > 0) expect(select('a[rel="prev"]', pager!)?.properties.href).toBe(docUrl(siblings[at - 1]!));
    if (at < siblings.length - 1) expect(select('a[rel="next"]', pager!)?.properties.href).toBe(docUrl(siblings[at + 1]!));
  });

  it('offers a citation line and its JSON', () => {
    const citation = text(select('.citation', tree));
    expect(citation).toContain('温州市人民政府公报');
    expect(citation).toContain(`${d.issue.year}(${d.issue.number})`);
    expect(citation).toContain(`${TEST_SITE_URL}/${path}`);
    if (d.docNumber) expect(citation).toContain(d.docNumber);
    expect(hrefs(tree)).toContain(`/data/documents/${id}.json`);
  });

  it('is described for machines', () => {
    const ld = jsonLd(path);
    expect(ld.url).toBe(`${TEST_SITE_URL}/${path}`);
    if (d.docNumber) {
      expect(ld).toMatchObject({ '@type': 'Legislation', legislationIdentifier: d.docNumber });
      if (d.date) expect(ld.legislationDate).toBe(d.date);
      if (d.issuer) expect(ld.legislationPassedBy).toMatchObject({ name: d.issuer });
    }
    expect(ld.isPartOf).toMatchObject({ '@type': 'PublicationIssue', issueNumber: String(d.issue.number) });
    expect(select('meta[property="og:type"]', tree)?.properties.content).toBe('article');
  });

  it('shows a contents list when long, linking to its headings', () => {
    const toc = select('nav.doc-toc', tree);
    if (!toc) return;
    for (const href of hrefs(toc)) expect(select(`.doc-body [id="${decodeURIComponent(href.slice(1))}"]`, tree), href).toBeTruthy();
  });
});

describe('a long document', () => {
  it('has an in-page contents list', () => {
    const long = docs.filter((d) => selectAll('.doc-body h2', page(dir, `documents/${d.id}/`)).length >= 6);
    expect(long.length).toBeGreaterThan(0);
    for (const d of long) expect(select('nav.doc-toc', page(dir, `documents/${d.id}/`)), d.id).toBeTruthy();
  });
});

describe('indexes', () => {
  it('by category lists every document under its section', () => {
    const index = page(dir, 'categories/');
    const categories = [...new Set(docs.map((d) => d.category))];
    expect(hrefs(select('main', index))).toHaveLength(categories.length);
    for (const href of hrefs(select('main', index))) {
      const listing = page(dir, pathOf(href));
      const category = text(select('h1', listing));
      expect(new Set(hrefs(select('main', listing)))).toEqual(
        new Set(docs.filter((d) => d.category === category).map((d) => docUrl(d.id))),
      );
    }
  });

  it('by issuing body lists every document with an issuer', () => {
    const index = page(dir, 'issuers/');
    const listed = new Set<string>();
    for (const href of hrefs(select('main', index))) {
      const listing = page(dir, pathOf(href));
      const issuer = text(select('h1', listing));
      const own = docs.filter((d) => d.issuer === issuer).map((d) => docUrl(d.id));
      expect(new Set(hrefs(select('main', listing)))).toEqual(new Set(own));
      own.forEach((u) => listed.add(u));
    }
    expect(listed).toEqual(new Set(docs.filter((d) => d.issuer).map((d) => docUrl(d.id))));
  });

  it('of 文号 groups by 机关代字 and year, sorted by number', () => {
    const index = page(dir, 'numbers/');
    const numbered = docs.filter((d) => d.docNumber);
    expect(new Set(hrefs(select('main', index), '.number-list a'))).toEqual(new Set(numbered.map((d) => docUrl(d.id))));
    for (const agency of selectAll('section.agency', index)) {
      const code = text(select('h2', agency)).replace(/\s*\d+件$/, '');
      for (const year of agency.children.filter((c): c is Element => c.type === 'element' && c.tagName === 'section')) {
        const y = text(select('h3', year));
        const numbers = selectAll('.number-list li a', year).map((a) => text(a));
        const serials = numbers.map((n) => {
          expect(n.startsWith(code), `${n} under ${code}`).toBe(true);
          expect(n).toContain(y.replace('年', ''));
          return Number(/(\d+)号$/.exec(n)![1]);
        });
        expect(serials).toEqual(serials.toSorted((a, b) => a - b));
      }
    }
  });

  it('of all documents lists every document, newest first', () => {
    const index = page(dir, 'documents/');
    expect(new Set(hrefs(select('main', index), '.doc-list a'))).toEqual(new Set(docs.map((d) => docUrl(d.id))));
    const dates = selectAll('.doc-list time', index).map((t) => String(t.properties.dateTime));
    expect(dates).toEqual(dates.toSorted().reverse());
  });

  it('of years lists each issue of the year with its documents', () => {
    for (const y of new Set(allIssues.map((i) => i.year))) {
      const listing = select('main', page(dir, `years/${y}/`));
      for (const i of allIssues.filter((x) => x.year === y)) {
        expect(hrefs(listing)).toContain(`/issues/${i.id}/`);
        for (const id of i.documents) expect(hrefs(listing)).toContain(docUrl(id));
      }
    }
  });
});

describe('404 page', () => {
  it('says the page does not exist and links home with absolute paths', () => {
    const tree = page(dir, '404.html');
    expect(text(select('h1', tree))).toBe('页面不存在');
    for (const href of hrefs(tree)) expect(href.startsWith('/') || href.startsWith('#') || href.startsWith('http')).toBe(true);
  });
});
