/**
 * Prints an issue the way the gazette's PDF extractions read, so that the raw-text converter can
 * be measured on content and layouts it was never tuned on: the markdown issue, whose editor's
 * reading is known, laid out as raw PDF text, and the raw issues laid out anew.
 *
 * What the extractions do (see the gold files' notes for the three raw issues): lines of a
 * 20-character measure with a blank line after each; a paragraph's first line is indented two
 * characters and the indent is lost; a new page starts with a line opening with one space, or with
 * the page number and running header; every document and annex starts on a new page, and the
 * back-cover feature's text is set in a wider column, under a headline in large type that is no
 * wider than the text's measure (as the four issues print theirs); lines in large type
 * (title blocks, the title of an attached plan, annex, section and 解读 titles) come after the
 * body text of their page; signatures are right-aligned with spaces and stay on the page of the
 * text they sign, and a heading keeps with a line of its text; the chronicle and the list
 * of documents issued are printed as lines of text, the statistics table as whole rows under a
 * broken header, and any other table torn into one character per line.
 */
import type { RootContent, Table } from 'mdast';
import { numberingOf } from '../../scripts/ingest/blocks.ts';
import type { IngestedIssue } from '../../scripts/ingest/issue.ts';
import { cellWidth } from '../../scripts/ingest/lines.ts';
import { inline } from '../../src/lib/paragraphs.ts';
import { type Gold, type GoldDocument, pair } from './score.ts';
import { random } from './random.ts';

const INDENT = 2;
/** The back-cover feature's text (not its headline) is set in a column this much wider than the text. */
const FEATURE_WIDER = 6;

type Item =
  | { kind: 'para' | 'centre' | 'right' | 'plain'; text: string; large?: boolean; newPage?: boolean }
  | { kind: 'entry'; no: string; title: string }
  | { kind: 'hang'; text: string; first: boolean }
  | { kind: 'torn'; text: string };

interface PrintedLine {
  text: string;
  doc: number;
  large: boolean;
  /** A line of the document's title block. */
  head?: boolean;
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
    // A line never opens with a space: the one the text breaks at goes with the break.
    if (!line && out.length && /^\s$/u.test(token)) continue;
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
      const lines = inline(node).split('\n');
      // The list of attachments: an item a line (as the paragraph sets it, or at its items' numbers), continuation lines hanging under it.
      const list = (text: string): string[] => (/^附件[：:]/u.test(text) ? text.split(/(?<!^附件[：:])(?=\d{1,2}[.．]\D)/u) : [text]);
      const runs = lines.length > 1 && /^附件[：:]/u.test(lines[0]!) ? [lines] : lines.map(list);
      for (const run of runs) {
        if (run.length > 1) items.push(...run.map((t, k) => ({ kind: 'hang' as const, text: t, first: k === 0 })));
        else if (run[0]!.trim()) items.push({ kind: 'para', text: run[0]! });
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

function headItems(g: GoldDocument, issue: IngestedIssue, notation: Notation): Item[] {
  const title = g.title ?? '';
  switch (g.category) {
    case '图片报道':
      return [];
    case '市政府文件':
    case '市府办文件':
    case '部门文件': {
      const issuer = g.issuer && title.startsWith(g.issuer) ? g.issuer : null;
      const rest = issuer ? title.slice(issuer.length) : title;
      return [
        ...(g.normativeCode ? [codeIn(g.normativeCode, notation)] : []),
        ...(g.docNumber ? [docNumberIn(g.docNumber, notation)] : []),
        ...(issuer ? [issuer] : []),
        rest,
      ].map((text) => ({ kind: 'centre', text, large: true }));
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
        at = item.text.indexOf(text, at);
        const l = { text, doc, large: false, para: { text: item.text, at } };
        at += text.length;
        return l;
      });
    }
    case 'centre': {
      // A headline set in halves (A  B) that does not fit the measure breaks at its gap.
      const halves = cellWidth(item.text) > measure ? item.text.split(/[ \u3000]{2,}/u) : [item.text];
      return halves.flatMap((h) => wrap(h, measure, measure)).map((t) => line(t, item.large));
    }
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

/** How a page's furniture prints its number. */
export const PAGE_NUMBER_FORMS = ['dots', 'em-dashes', 'hyphens', 'page-of', 'bare'] as const;
export type PageNumberForm = (typeof PAGE_NUMBER_FORMS)[number];

function pageNumber(n: number, form: PageNumberForm): string {
  switch (form) {
    case 'dots':
      return `·    ${n}    ·`;
    case 'em-dashes':
      return `— ${n} —`;
    case 'hyphens':
      return `- ${n} -`;
    case 'page-of':
      return `第${n}页`;
    case 'bare':
      return String(n);
  }
}

/** The running header: the gazette's name, the issue (总第N期 or YYYY年第N期) and the page's section, in some order. */
export const HEADER_FORMS = ['name-total-section', 'name-issue', 'issue-name', 'issue-section', 'section-issue', 'name'] as const;
export type HeaderForm = (typeof HEADER_FORMS)[number];

const GAZETTE = '温州市人民政府公报';

function runningHeader(form: HeaderForm, issue: IngestedIssue, section: string): string {
  const { year, number, total } = issue.issue;
  const no = `${year}年第${number}期`;
  switch (form) {
    case 'name-total-section':
      return `${GAZETTE}（总第${total}期） ${section}`;
    case 'name-issue':
      return `${GAZETTE} ${no}`;
    case 'issue-name':
      return `${no} ${GAZETTE}`;
    case 'issue-section':
      return `${no}    ${section}`;
    case 'section-issue':
      return `${section}    ${no}`;
    case 'name':
      return GAZETTE;
  }
}

/** The section a page's running header names. */
function sectionName(category: string): string {
  if (/文件$/u.test(category)) return '文件发布';
  return category === '图片报道' || category === '专题' ? '图片新闻' : category;
}

/** Dashes, brackets and spacing of the 规范性文件编号 and 文号 in the title blocks. */
export interface Notation {
  dash: '-' | '–' | '—' | '－';
  spacedDash: boolean;
  brackets: readonly [string, string];
  spacedNumber: boolean;
}

const BRACKETS = [
  ['〔', '〕'],
  ['[', ']'],
  ['［', '］'],
  ['（', '）'],
  ['【', '】'],
] as const;

function codeIn(code: string, n: Notation): string {
  return code.split(/[-–—－]/u).join(n.spacedDash ? ` ${n.dash} ` : n.dash);
}

function docNumberIn(docNumber: string, n: Notation): string {
  const m = /^(.+?)[〔[［（(【](\d{4})[〕\]］）)】](\d+)号$/u.exec(docNumber);
  if (!m) return docNumber;
  const [, agency, year, serial] = m;
  const [open, close] = n.brackets;
  return n.spacedNumber ? `${agency} ${open}${year}${close} ${serial} 号` : `${agency}${open}${year}${close}${serial}号`;
}

export interface Furniture {
  header: HeaderForm;
  number: PageNumberForm;
  /**
   * `foot`: the ending page's number, then the next page's header (as the extractions at hand
   * print them); `head`: the header of the page that begins with its number on the same line.
   */
  place: 'foot' | 'head';
  /** The number printed on the first page. */
  first: number;
  /** Every which page carries it (1: every page); the others are marked by a space, or not at all. */
  every: number;
}

/** A layout of an issue as a PDF extraction reads it. */
export interface Layout {
  /** Characters to a line of body text. */
  measure: number;
  /** Lines of text to a page. */
  pageLines: number;
  furniture: Furniture;
  /** A page without furniture opens with a line starting with one space (else its break is not seen). */
  pageMarks: boolean;
  /** A blank line after every line, as most extractions have. */
  blankLines: boolean;
  /**
   * Where large type (title blocks, titles of attached plans and annexes, section titles) comes:
   * after its page's body text, as the extractions have; in its printed place; or, on a 公文's
   * first page, after its signature and date.
   */
  titles: 'last' | 'in-place' | 'after-signature';
  /** Where the cover photos' captions are printed: before the documents, after the statistics, both, or nowhere. */
  captions: 'front' | 'back' | 'both' | 'none';
  notation: Notation;
}

/** The layout of the extractions at hand. */
export const USUAL: Layout = {
  measure: 20,
  pageLines: 24,
  furniture: { header: 'name-total-section', number: 'dots', place: 'foot', first: 1, every: 40 },
  pageMarks: true,
  blankLines: true,
  titles: 'last',
  captions: 'front',
  notation: { dash: '-', spacedDash: false, brackets: ['〔', '〕'], spacedNumber: false },
};

/** A layout drawn at random from every form above; the same seed gives the same layout. */
export function randomLayout(seed: number): Layout {
  const r = random(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
  const int = (lo: number, hi: number): number => lo + Math.floor(r() * (hi - lo + 1));
  const everyPage = r() < 0.4;
  return {
    measure: int(16, 34),
    pageLines: int(14, 44),
    furniture: {
      header: pick(HEADER_FORMS),
      number: pick(PAGE_NUMBER_FORMS),
      place: pick(['foot', 'head'] as const),
      first: int(1, 5),
      every: everyPage ? 1 : int(2, 40),
    },
    pageMarks: everyPage || r() < 0.85,
    blankLines: r() < 0.6,
    titles: pick(['last', 'in-place', 'after-signature'] as const),
    captions: pick(['front', 'back', 'both', 'none'] as const),
    notation: { dash: pick(['-', '–', '—', '－'] as const), spacedDash: r() < 0.4, brackets: pick(BRACKETS), spacedNumber: r() < 0.3 },
  };
}

export function describeLayout(l: Layout): string {
  const f = l.furniture;
  return [
    `measure ${l.measure}`,
    `${l.pageLines} lines/page`,
    `furniture ${f.header}+${f.number} at ${f.place} every ${f.every} from ${f.first}`,
    l.pageMarks ? 'breaks marked' : 'breaks unmarked',
    l.blankLines ? 'blank lines' : 'dense',
    `titles ${l.titles}`,
    `captions ${l.captions}`,
    `codes ${codeIn('A-B-C', l.notation)} ${docNumberIn('温政办〔2023〕1号', l.notation)}`,
  ].join(', ');
}

export interface Typeset {
  lines: string[];
  gold: Gold;
  /** The printed page numbers each of the gold's documents runs over. */
  pages: { start: number; end: number }[];
}

/** Documents in the order they are printed: the captions at the front, at the back (before the feature), or split. */
function printOrder(gold: Gold, captions: Layout['captions']): { doc: number; part?: 'front' | 'back' }[] {
  const cover = gold.documents.findIndex((d) => d.category === '图片报道');
  const rest = gold.documents.flatMap((_, doc) => (doc === cover ? [] : [{ doc }]));
  if (cover < 0 || captions === 'none') return rest;
  if (captions === 'front') return [{ doc: cover }, ...rest];
  const feature = rest.findIndex(({ doc }) => gold.documents[doc]!.category === '专题');
  const at = feature < 0 ? rest.length : feature;
  // Printed in one place, they are all there; in both, the first half leads and the rest follows.
  const back = captions === 'back' ? { doc: cover } : { doc: cover, part: 'back' as const };
  const tail = [...rest.slice(0, at), back, ...rest.slice(at)];
  return captions === 'back' ? tail : [{ doc: cover, part: 'front' as const }, ...tail];
}

/** A date line, as a 公文's signature ends with. */
const DATE_LINE = /^\s*[\d〇一二三四五六七八九十]{4}年[\d一二三四五六七八九十]{1,2}月[\d一二三四五六七八九十]{1,3}日\s*$/u;

/** The page's lines in extraction order. */
function extractionOrder(page: readonly PrintedLine[], titles: Layout['titles']): PrintedLine[] {
  if (titles === 'in-place') return [...page];
  const body = page.filter((l) => !l.large);
  const large = page.filter((l) => l.large);
  // A title block leading its document's first page goes after the signature's date when the page has one.
  const signed = body.findIndex((l) => DATE_LINE.test(l.text) && large.some((t) => t.doc === l.doc && t.head));
  if (titles === 'after-signature' && signed >= 0) {
    const head = large.filter((l) => l.head);
    return [...body.slice(0, signed + 1), ...head, ...body.slice(signed + 1), ...large.filter((l) => !l.head)];
  }
  return [...body, ...large];
}

/**
 * `issue` is a converted issue and `gold` the editor's reading of it; the result is the issue as
 * raw PDF text in `layout`, and the gold reading of that text (line ranges, sentences broken
 * across pages and the artifacts the printing added).
 */
export function typeset(issue: IngestedIssue, gold: Gold, layout: Layout = USUAL): Typeset {
  const { measure, pageLines, furniture, pageMarks, blankLines, titles, captions, notation } = layout;
  const pages: PrintedLine[][] = [];
  const pairs = pair(
    gold.documents,
    issue.documents.map((d) => ({ ...d.meta, paragraphs: [], tree: d.tree })),
  );
  for (const { doc, part } of printOrder(gold, captions)) {
    const g = gold.documents[doc]!;
    const converted = pairs.find(([x]) => x === g)?.[1];
    if (!converted) throw new Error(`typeset: no converted document for ${g.category} ${g.title ?? ''}`);
    const head = headItems(g, issue, notation);
    const subtitle: Item[] = converted.subtitle
      ? [{ kind: 'centre', text: converted.subtitle, large: head.some((i) => 'large' in i && i.large) }]
      : [];
    const body = bodyItems(converted.tree.children, g.category);
    const half = Math.ceil(body.length / 2);
    const items = [
      ...head.map((i) => ({ ...i, head: true })),
      ...subtitle.map((i) => ({ ...i, head: true })),
      ...(part === 'front' ? body.slice(0, half) : part === 'back' ? body.slice(half) : body),
    ];
    // Every document, and every annex, starts on a new page.
    let page: PrintedLine[] = [];
    let fill = 0;
    // (A feature's headline is large type at the text's measure; its subtitle and text are set wider.)
    const width = (n: number): number => (g.category === '专题' && n >= head.length ? measure + FEATURE_WIDER : measure);
    for (const [n, item] of items.entries()) {
      const printed = printItem(item, doc, width(n));
      // (A heading is not split over two pages, nor left at a page's foot: it keeps with a line of its text.)
      const keep = item.kind === 'centre' ? printed.length + 1 : 1;
      printed.forEach((l, k) => {
        // (The signature and date stay on the page of the text they sign: GB/T 9704 7.3.5.)
        const full = (k === 0 ? fill + keep > pageLines : fill >= pageLines) && item.kind !== 'right';
        if (page.length && (full || (k === 0 && 'newPage' in item && item.newPage))) {
          pages.push(page);
          page = [];
          fill = 0;
        }
        page.push({ ...l, head: 'head' in item && item.head === true });
        // A torn table sets many short fragments to a page.
        fill += item.kind === 'torn' ? 0.1 : 1;
      });
    }
    if (page.length) pages.push(page);
  }

  const lines: string[] = [];
  const artifacts = new Set<string>();
  const crossPageSentences: string[] = [];
  const range = new Map<number, [number, number]>();
  const printedPages = new Map<number, { start: number; end: number }>();
  const gap = blankLines ? [''] : [];
  const numberOf = (p: number): number => furniture.first + p;
  const furnish = (...texts: string[]): void => {
    for (const text of texts) {
      lines.push(text, ...gap);
      artifacts.add(text);
    }
  };
  pages.forEach((page, p) => {
    const ordered = extractionOrder(page, titles);
    const marked = p > 0 && p % furniture.every === 0;
    const section = sectionName(gold.documents[page[0]!.doc]!.category);
    if (marked) {
      const header = runningHeader(furniture.header, issue, section);
      if (furniture.place === 'foot') furnish(pageNumber(numberOf(p - 1), furniture.number), header);
      else furnish(`${header}    ${pageNumber(numberOf(p), furniture.number)}`);
    }
    ordered.forEach((l, k) => {
      const n = lines.length + 1;
      // The mark is one space before the page's first line: a line set right (a signature) loses its
      // spaces to it, a line indented with full-width spaces keeps them after it.
      lines.push(k === 0 && p > 0 && !marked && pageMarks ? ` ${l.text.replace(/^ +/u, '')}` : l.text, ...gap);
      const [from = n] = range.get(l.doc) ?? [];
      range.set(l.doc, [from, n]);
      const at = printedPages.get(l.doc);
      printedPages.set(l.doc, { start: at?.start ?? numberOf(p), end: numberOf(p) });
    });
    const next = pages[p + 1]?.[0];
    const last = page[page.length - 1];
    if (next?.para && last?.para && next.para.text === last.para.text) {
      const s = sentenceAround(next.para.text, next.para.at);
      if (s) crossPageSentences.push(s);
    }
  });

  const kept = gold.documents.flatMap((g, doc) => (range.has(doc) ? [{ g, doc }] : []));
  const documents = kept.map(({ g, doc }) => {
    const [from, to] = range.get(doc)!;
    return { ...g, startLine: from, endLine: to };
  });
  return {
    lines,
    gold: {
      ...gold,
      flavor: 'raw',
      documents,
      coverCaptions: captions === 'none' ? [] : gold.coverCaptions,
      crossPageSentences,
      artifacts: [...artifacts],
    },
    pages: kept.map(({ doc }) => printedPages.get(doc)!),
  };
}
