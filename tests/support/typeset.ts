/**
 * Prints an issue the way the gazette's PDF extractions read, so that the raw-text converter can
 * be measured on content and layouts it was never tuned on: the markdown issue, whose editor's
 * reading is known, laid out as raw PDF text, and the raw issues laid out anew.
 *
 * What the extractions do (see the gold files' notes for the three raw issues): lines of a
 * 20-character measure with a blank line after each; a paragraph's first line is indented two
 * characters and the indent is lost; a new page starts with a line opening with one space, or with
 * the page number and running header; every document and annex starts on a new page, and the
 * back-cover feature is set in a wider column; lines in large type
 * (title blocks, the title of an attached plan, annex, section and 解读 titles) come after the
 * body text of their page; signatures are right-aligned with spaces; the chronicle and the list
 * of documents issued are printed as lines of text, the statistics table as whole rows under a
 * broken header, and any other table torn into one character per line.
 */
import type { RootContent, Table } from 'mdast';
import { numberingOf } from '../../scripts/ingest/blocks.ts';
import type { IngestedIssue } from '../../scripts/ingest/issue.ts';
import { cellWidth } from '../../scripts/ingest/lines.ts';
import { inline } from '../../src/lib/paragraphs.ts';
import { type Gold, type GoldDocument, pair } from './score.ts';

const MEASURE = 20;
const FEATURE_MEASURE = 26;
const INDENT = 2;
/** The extractions at hand keep a page number and running header on a page or two of an issue. */
const HEADER_EVERY = 40;

type Item =
  | { kind: 'para' | 'centre' | 'right' | 'plain'; text: string; large?: boolean; newPage?: boolean }
  | { kind: 'entry'; no: string; title: string }
  | { kind: 'hang'; text: string; first: boolean }
  | { kind: 'torn'; text: string };

interface PrintedLine {
  text: string;
  doc: number;
  large: boolean;
  /** For a paragraph's lines: the paragraph's text and where this line starts in it. */
  para?: { text: string; at: number };
}

/** Typesetting rules (禁则): closing punctuation never starts a line; it hangs in the margin. */
const CLOSING = /^[，。、；：？！”’）》」』】〕,.;:?!)]$/u;

/** …and a number or Latin word is never broken. */
const UNBROKEN = /[A-Za-z0-9.%-]+|[^]/gu;

function wrap(text: string, first: number, rest: number): string[] {
  const out: string[] = [];
  let line = '';
  let w = 0;
  for (const token of text.match(UNBROKEN) ?? []) {
    const limit = out.length ? rest : first;
    const tw = cellWidth(token);
    if (line && w + tw > limit && !CLOSING.test(token)) {
      out.push(line);
      line = '';
      w = 0;
    }
    line += token;
    w += tw;
  }
  if (line) out.push(line);
  return out;
}

function tableItems(table: Table, category: string): Item[] {
  const rows = table.children.map((r) => r.children.map((c) => inline(c)));
  if (category === '政府记事')
    return rows
      .slice(1)
      .flatMap(([day, notes]) => [
        { kind: 'plain' as const, text: day ?? '' },
        ...(notes ?? '').split('\n').map((n) => ({ kind: 'para' as const, text: n })),
      ]);
  if (category === '发文目录') return rows.slice(1).map(([no, title]) => ({ kind: 'entry' as const, no: no ?? '', title: title ?? '' }));
  if (category === '统计资料') {
    const [head = [], ...body] = rows;
    return [
      { kind: 'plain', text: `    ${head.slice(0, 3).join(' ')}` },
      ...head.slice(3).flatMap((h) => h.split(/\s+/u).map((text) => ({ kind: 'plain' as const, text }))),
      ...body.map((r) => ({ kind: 'plain' as const, text: `${r[0]?.startsWith('#') ? '\u3000\u3000' : ''}${r.join(' ')} ` })),
    ];
  }
  return [{ kind: 'torn', text: rows.map((r) => r.join('')).join('') }];
}

function bodyItems(nodes: readonly RootContent[], category: string): Item[] {
  const items: Item[] = [];
  for (const node of nodes) {
    if (node.type === 'heading') {
      const text = inline(node);
      if (category === '政务简讯') items.push({ kind: 'centre', text });
      // Numbered headings and lead-ins are set as body text; titles (of a plan, of an annex) in large type.
      else if (numberingOf(text) || /[，。；：,;:]/u.test(text)) items.push({ kind: 'para', text });
      else items.push({ kind: 'centre', text, large: true, newPage: /^附件/u.test(text) });
    } else if (node.type === 'paragraph') {
      for (const text of inline(node).split('\n')) {
        // The list of attachments: an item a line, its continuation lines hanging under it.
        const list = /^附件[：:]/u.test(text) ? text.split(/(?<!^附件[：:])(?=\d{1,2}[.．]\D)/u) : null;
        if (list && list.length > 1) items.push(...list.map((t, k) => ({ kind: 'hang' as const, text: t, first: k === 0 })));
        else if (text.trim()) items.push({ kind: 'para', text });
      }
    } else if (node.type === 'list') {
      for (const item of node.children) items.push(...bodyItems(item.children, category));
    } else if (node.type === 'table') {
      items.push(...tableItems(node, category));
    } else if (node.type === 'mdxJsxFlowElement') {
      const cls = node.attributes.find((a) => a.type === 'mdxJsxAttribute' && a.name === 'class')?.value;
      if (cls === 'page-mark') continue;
      // A table the converter could not rebuild is printed torn again, without the converter's note.
      if (cls === 'torn-table') {
        const [, ...text] = bodyItems(node.children as RootContent[], category);
        items.push({ kind: 'torn', text: text.map((i) => ('text' in i ? i.text : '')).join('') });
        continue;
      }
      const inner = bodyItems(node.children as RootContent[], category);
      items.push(...(cls === 'signature' ? inner.map((i) => ({ kind: 'right' as const, text: 'text' in i ? i.text : '' })) : inner));
    }
  }
  return items;
}

function headItems(g: GoldDocument, issue: IngestedIssue): Item[] {
  const title = g.title ?? '';
  switch (g.category) {
    case '图片报道':
      return [];
    case '市政府文件':
    case '市府办文件':
    case '部门文件': {
      const issuer = g.issuer && title.startsWith(g.issuer) ? g.issuer : null;
      const rest = issuer ? title.slice(issuer.length) : title;
      return [...(g.normativeCode ? [g.normativeCode] : []), ...(g.docNumber ? [g.docNumber] : []), ...(issuer ? [issuer] : []), rest].map(
        (text) => ({ kind: 'centre', text, large: true }),
      );
    }
    case '政务简讯':
      return [{ kind: 'centre', text: '政 务 简 讯', large: true }];
    case '政府记事':
      return [
        { kind: 'centre', text: title, large: true },
        { kind: 'centre', text: '政府记事', large: true },
      ];
    case '统计资料':
      return [
        { kind: 'plain', text: `${issue.issue.year}年第${issue.issue.number} 期统计资料` },
        { kind: 'centre', text: title },
      ];
    case '政策解读':
      return [{ kind: 'centre', text: title, large: true }];
    default:
      // The contents pages and the back cover print their titles at the top, where the extraction keeps them.
      return [{ kind: 'centre', text: title }];
  }
}

function printItem(item: Item, doc: number, measure: number): PrintedLine[] {
  const line = (text: string, large = false): PrintedLine => ({ text, doc, large });
  switch (item.kind) {
    case 'para': {
      let at = 0;
      return wrap(item.text, measure - INDENT, measure).map((text) => {
        const l = { text, doc, large: false, para: { text: item.text, at } };
        at += text.length;
        return l;
      });
    }
    case 'centre':
      return wrap(item.text, measure, measure).map((t) => line(t, item.large));
    case 'right':
      return [line(`${' '.repeat(24)}${item.text}`)];
    case 'plain':
      return [line(item.text)];
    case 'hang': {
      const indent = item.first ? '' : '\u3000\u3000\u3000';
      const [head = '', ...more] = wrap(item.text, measure - INDENT - (item.first ? 0 : 3), measure - 3);
      return [line(`${indent}${head}`), ...more.map((t) => line(`\u3000\u3000\u3000${t}`))];
    }
    case 'entry': {
      const [first = '', ...more] = wrap(item.title, 2 * measure - 8, 2 * measure - 8);
      return [line(`${item.no}\u3000\u3000${first}`), ...more.map((t) => line(`${'\u3000'.repeat(11)}${t}`))];
    }
    case 'torn':
      return [...item.text.replace(/\s+/gu, '')].map((c) => line(c));
  }
}

/** The sentence (up to 。！？；) around position `at` of a paragraph, when `at` falls inside it. */
function sentenceAround(text: string, at: number): string | null {
  const start = Math.max(...['。', '！', '？', '；'].map((p) => text.lastIndexOf(p, at - 1))) + 1;
  const ends = ['。', '！', '？', '；'].map((p) => text.indexOf(p, at)).filter((i) => i >= 0);
  if (!ends.length || start === at) return null;
  return text.slice(start, Math.min(...ends) + 1);
}

export interface Typeset {
  lines: string[];
  gold: Gold;
  /** The printed pages (from 1) each of the gold's documents runs over. */
  pages: { start: number; end: number }[];
}

/**
 * `issue` is a converted issue and `gold` the editor's reading of it; the result is the issue as
 * raw PDF text in the given layout, and the gold reading of that text (line ranges, sentences
 * broken across pages and the artifacts the printing added).
 */
export interface Layout {
  /** Lines of text to a page. */
  pageLines?: number;
  /** A footer and running header are kept on every so many pages; the others are marked by a space. */
  headerEvery?: number;
  /** A blank line after every line, as most extractions have. */
  blankLines?: boolean;
  /** Large type after its page's body text, as the extractions have; or in its printed place. */
  largeTypeLast?: boolean;
}

export function typeset(issue: IngestedIssue, gold: Gold, layout: Layout = {}): Typeset {
  const { pageLines = 24, headerEvery = HEADER_EVERY, blankLines = true, largeTypeLast = true } = layout;
  const pages: PrintedLine[][] = [];
  const pairs = pair(
    gold.documents,
    issue.documents.map((d) => ({ ...d.meta, paragraphs: [], tree: d.tree })),
  );
  gold.documents.forEach((g, doc) => {
    const converted = pairs.find(([x]) => x === g)?.[1];
    if (!converted) throw new Error(`typeset: no converted document for ${g.category} ${g.title ?? ''}`);
    const subtitle: Item[] = converted.subtitle
      ? [{ kind: 'centre', text: converted.subtitle, large: headItems(g, issue).some((i) => 'large' in i && i.large) }]
      : [];
    const items = [...headItems(g, issue), ...subtitle, ...bodyItems(converted.tree.children, g.category)];
    // Every document, and every annex, starts on a new page.
    let page: PrintedLine[] = [];
    let fill = 0;
    // The back-cover feature is set in a wider column.
    const measure = g.category === '专题' ? FEATURE_MEASURE : MEASURE;
    for (const item of items)
      printItem(item, doc, measure).forEach((l, k) => {
        if (page.length && (fill >= pageLines || (k === 0 && 'newPage' in item && item.newPage))) {
          pages.push(page);
          page = [];
          fill = 0;
        }
        page.push(l);
        // A torn table sets many short fragments to a page.
        fill += item.kind === 'torn' ? 0.1 : 1;
      });
    if (page.length) pages.push(page);
  });

  const lines: string[] = [];
  const artifacts = new Set<string>();
  const crossPageSentences: string[] = [];
  const range = new Map<number, [number, number]>();
  const printedPages = new Map<number, { start: number; end: number }>();
  const header = `温州市人民政府公报（总第${issue.issue.total}期） 文件发布`;
  const gap = blankLines ? [''] : [];
  pages.forEach((page, p) => {
    // Large type comes after the body text of its page.
    const ordered = largeTypeLast ? [...page.filter((l) => !l.large), ...page.filter((l) => l.large)] : page;
    const marked = p > 0 && p % headerEvery === 0;
    if (marked) {
      // The footer of the page that ends: page p, counting from 1.
      const number = `·    ${p}    ·`;
      lines.push(number, ...gap, header, ...gap);
      artifacts.add(number).add(header);
    }
    ordered.forEach((l, k) => {
      lines.push(k === 0 && p > 0 && !marked ? ` ${l.text}` : l.text, ...gap);
      const [from = lines.length - 1] = range.get(l.doc) ?? [];
      range.set(l.doc, [from, lines.length - 1]);
      printedPages.set(l.doc, { start: printedPages.get(l.doc)?.start ?? p + 1, end: p + 1 });
    });
    const next = pages[p + 1]?.[0];
    const last = page[page.length - 1];
    if (next?.para && last?.para && next.para.text === last.para.text) {
      const s = sentenceAround(next.para.text, next.para.at);
      if (s) crossPageSentences.push(s);
    }
  });

  const documents = gold.documents.map((g, doc) => {
    const [from, to] = range.get(doc)!;
    return { ...g, startLine: from, endLine: to };
  });
  return {
    lines,
    gold: { ...gold, flavor: 'raw', documents, crossPageSentences, artifacts: [...artifacts] },
    pages: gold.documents.map((_, doc) => printedPages.get(doc)!),
  };
}
