/**
 * How a document's text is shaped for reading, applied to its HTML tree while the MDX is
 * compiled (a Sätteri hast plugin, registered in astro.config.mjs), so the pages ship plain
 * HTML with no script:
 *
 * - 文号 of documents the archive holds become links to them; in a 发文目录 a row that opens
 *   with such a 文号 links as a whole;
 * - each 附件 becomes a <section> of its own, and tables scroll sideways in a focusable box;
 * - headings get stable ids and a link to themselves, and their levels are made consecutive
 *   (the printed numbering 一、（一）1.（1）gives depths that skip levels), so the outline under
 *   the page's <h1> has no gaps.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import GithubSlugger from 'github-slugger';
import type { Element, ElementContent, Root, RootContent } from 'hast';
import type { HastPluginDefinition, HastPluginEntry, HastVisitorContext, PluginFactoryContext } from 'satteri';
import { docNumberFinder, normalizeDocNumber, type DocNumberMention } from './docnumber.ts';
import { HeldNumbers, NUMBERS_FILE } from './schema.ts';

type Node = Root | RootContent;
type Parent = Extract<Node, { children: unknown[] }>;

export interface BodyContext {
  /** Category (栏目) of the document being rendered. */
  category: string;
  /** The document's own 文号, normal form, which is never linked to itself. */
  docNumber: string | null;
  find(text: string): DocNumberMention[];
  /** The link for a normal-form 文号 the archive holds. */
  href(docNumber: string): string | undefined;
}

const HEADING = /^h([1-6])$/;
/** A heading that opens with 附件 (附件, 附件1, 附件 2　title…) starts an attachment. */
const ATTACHMENT = /^附件/u;
const ROW = new Set(['li', 'td', 'th']);
/** Any 文号-like year and number, known to the archive or not. */
const ANY_DOC_NUMBER = /[〔[［(（]\s*\d{4}\s*[〕\]］)）]\s*第?\s*\d+\s*号/u;

const isElement = (n: Node): n is Element => n.type === 'element';
/** A cell that holds a figure alone: 2.6, -3.1, 15%, 3700, ≥90, ——. */
const FIGURE_CELL = /^([≥≤<>±+-]?\d[\d.,]*\s*(%|‰)?|——|—)$/u;
const hasChildren = (n: Node): n is Parent => 'children' in n && Array.isArray(n.children);
const headingLevel = (n: Node): number | null => {
  if (!isElement(n)) return null;
  const m = HEADING.exec(n.tagName);
  return m ? Number(m[1]) : null;
};

export function textOf(n: Node): string {
  if (n.type === 'text') return n.value;
  return hasChildren(n) ? (n.children as Node[]).map(textOf).join('') : '';
}

/** `number`: the link is a 文号 alone, which reads badly broken across lines. */
const link = (href: string, text: string, number = false): Element => ({
  type: 'element',
  tagName: 'a',
  properties: { href, className: number ? ['doc-ref', 'doc-number'] : ['doc-ref'] },
  children: [{ type: 'text', value: text }],
});

/** Text with the cited 文号 made links. `opensRow`: the text opens a list item or table cell. */
function linkText(value: string, ctx: BodyContext, opensRow: boolean): ElementContent[] {
  const parts: ElementContent[] = [];
  const mentions = ctx.find(value);
  let at = 0;
  mentions.forEach((m) => {
    const href = m.text === ctx.docNumber ? undefined : ctx.href(m.text);
    if (!href || m.start < at) return;
    // A 发文目录 row is “文号 title”: the row names the document, up to the line's end. Where
    // the converter ran rows together (another 文号 follows), only the 文号 is linked.
    let end = m.end;
    if (opensRow && ctx.category === '发文目录' && value.slice(0, m.start).trim() === '') {
      const newline = value.indexOf('\n', m.end);
      const line = value.slice(m.end, newline === -1 ? value.length : newline);
      if (!ANY_DOC_NUMBER.test(line)) end = m.end + line.trimEnd().length;
    }
    if (m.start > at) parts.push({ type: 'text', value: value.slice(at, m.start) });
    parts.push(link(href, value.slice(m.start, end), end === m.end));
    at = end;
  });
  if (at < value.length) parts.push({ type: 'text', value: value.slice(at) });
  return parts;
}

const isBlank = (n: Node) => n.type === 'text' && n.value.trim() === '';

function linkNumbers<T extends Parent>(node: T, ctx: BodyContext, opensRow = false): T {
  if (isElement(node) && node.tagName === 'a') return node;
  // A table's empty header cell (a corner, or a column the print left blank) heads nothing.
  if (isElement(node) && node.tagName === 'th' && textOf(node).trim() === '') return { ...node, tagName: 'td' } as T;
  // A figure (2.6, 15%, ——) lines up with the figures above and below it.
  if (isElement(node) && node.tagName === 'td' && FIGURE_CELL.test(textOf(node).trim()))
    node = { ...node, properties: { ...node.properties, className: [...classes(node), 'num'] } } as T;
  if (isElement(node) && node.tagName === 'tr' && ctx.category === '发文目录') return linkTableRow(node, ctx) as T;
  const row = isElement(node) && (ROW.has(node.tagName) || (ctx.category === '发文目录' && node.tagName === 'p'));
  const first = (node.children as Node[]).findIndex((c) => !isBlank(c));
  let changed = false;
  const children = (node.children as Node[]).flatMap((child, i): Node[] => {
    // The row's opening text may sit in a paragraph of a loose list item.
    const opens = i === first && (row || (opensRow && (child.type === 'text' || (isElement(child) && child.tagName === 'p'))));
    const out = linkChild(child, ctx, opens);
    if (out.length !== 1 || out[0] !== child) changed = true;
    return out;
  });
  // An unchanged subtree is handed back as it came: the compiler keeps it without encoding it again.
  return changed ? ({ ...node, children } as T) : node;
}

/** A child of linkNumbers' node, as it is to be: `opens`, the child opens a list item or table cell. */
function linkChild(child: Node, ctx: BodyContext, opens: boolean): Node[] {
  if (child.type === 'text') {
    const parts = linkText(child.value, ctx, opens);
    return parts.length === 1 && parts[0]!.type === 'text' && parts[0]!.value === child.value ? [child] : parts;
  }
  if (isElement(child) && child.tagName === 'table') return [scrollBox(linkNumbers(child, ctx))];
  const printed = printedTable(child);
  if (printed) return [scrollBox(linkNumbers(printed, ctx))];
  return hasChildren(child) ? [linkNumbers(child, ctx, opens)] : [child];
}

const classes = (e: Element): string[] => {
  const c = e.properties.className ?? e.properties.class;
  return Array.isArray(c) ? c.map(String) : typeof c === 'string' ? c.split(/\s+/) : [];
};

/** The figure.data-table the ingest wraps a table and its printed title in, with the table; else null. */
function printedFigure(node: Node) {
  // The MDX element reaches this plugin as JSX (mdxJsxFlowElement), with its attributes listed.
  const jsx = node as Node & { type: string; name?: string; attributes?: { name?: string; value?: unknown }[]; children?: Node[] };
  if (jsx.type !== 'mdxJsxFlowElement' || jsx.name !== 'figure') return null;
  const attribute = (name: string): string => String(jsx.attributes?.find((a) => 'name' in a && a.name === name)?.value ?? '');
  if (!attribute('class').split(/\s+/).includes('data-table')) return null;
  const table = (jsx.children ?? []).filter(isElement).find((k) => k.tagName === 'table');
  return table ? { jsx, table, attribute } : null;
}

/**
 * A table the ingest wrapped with its printed title (figure.data-table): the title becomes the
 * table's <caption>, and the cells it lists as covered (`row.column`, row 0 the header) are
 * taken out, the cell above each run spanning it, as in print.
 */
function printedTable(node: Node): Element | null {
  const figure = printedFigure(node);
  if (!figure) return null;
  const { jsx, table, attribute } = figure;
  const figcaption = (jsx.children ?? []).find(
    (k) => (k as { name?: string }).name === 'figcaption' || (isElement(k) && k.tagName === 'figcaption'),
  );
  const caption: Element[] = figcaption
    ? [{ type: 'element', tagName: 'caption', properties: {}, children: [{ type: 'text', value: textOf(figcaption).trim() }] }]
    : [];
  const covered = new Set(attribute('data-covered').split(/\s+/).filter(Boolean));
  const rows = table.children
    .filter(isElement)
    .flatMap((part) => part.children.filter((r): r is Element => isElement(r) && r.tagName === 'tr'));
  const spans = new Map<Element, number>();
  const above: (Element | undefined)[] = [];
  const keep = new Set<Element>();
  rows.forEach((tr, r) => {
    tr.children.filter(isElement).forEach((cell, c) => {
      if (covered.has(`${r}.${c}`) && above[c]) spans.set(above[c]!, (spans.get(above[c]!) ?? 1) + 1);
      else {
        above[c] = cell;
        keep.add(cell);
      }
    });
  });
  // A row whose first cell is covered from above starts with its second column: the page keeps
  // the first column in view, and this row has none of its own.
  const continued = new Set(rows.filter((tr, r) => covered.has(`${r}.0`) && tr.children.some(isElement)));
  const span = (n: ElementContent): ElementContent[] => {
    if (!isElement(n)) return [n];
    if ((n.tagName === 'td' || n.tagName === 'th') && !keep.has(n)) return [];
    const rowSpan = spans.get(n);
    const properties = {
      ...n.properties,
      ...(rowSpan && { rowSpan }),
      ...(continued.has(n) && { className: ['continued'] }),
    };
    return [{ ...n, properties, children: n.children.flatMap(span) }];
  };
  return { ...table, children: [...caption, ...table.children.flatMap(span)] };
}

/** Wide tables scroll sideways inside this box; it takes focus so that keyboards can scroll it. */
const scrollBox = (...table: Element[]): Element => ({
  type: 'element',
  tagName: 'div',
  properties: { className: ['table-scroll'], tabIndex: 0 },
  children: table,
});

/** A 发文目录 table row “文号 | title”: the 文号 links, and so does the title beside it. */
function linkTableRow(tr: Element, ctx: BodyContext): Element {
  const cells = tr.children.filter((c): c is Element => isElement(c) && (c.tagName === 'td' || c.tagName === 'th'));
  const number = cells[0] ? textOf(cells[0]).trim() : '';
  const [m] = ctx.find(number);
  const href = m && m.start === 0 && m.end === number.length && m.text !== ctx.docNumber ? ctx.href(m.text) : undefined;
  const children = tr.children.map((c) => {
    if (!isElement(c) || !cells.includes(c)) return c;
    // A title cell holding other 文号 is rows the converter ran together: link those instead.
    const title = textOf(c);
    if (c === cells[0] || !href || title.trim() === '' || ANY_DOC_NUMBER.test(title)) return linkNumbers(c, { ...ctx, category: '' });
    return { ...c, children: [{ ...link(href, ''), children: c.children }] } as Element;
  });
  return { ...tr, children };
}

/** Splits the top level at 附件 headings; each attachment runs to the next one or the end. */
function attachmentSections(children: RootContent[]): RootContent[] {
  const out: RootContent[] = [];
  let section: Element | null = null;
  for (const child of children) {
    const level = headingLevel(child);
    if (level !== null && ATTACHMENT.test(textOf(child).trim())) {
      section = { type: 'element', tagName: 'section', properties: { className: ['attachment'] }, children: [child as ElementContent] };
      out.push(section);
    } else if (section) section.children.push(child as ElementContent);
    else out.push(child);
  }
  return out;
}

/**
 * Renumbers headings so that levels never skip, from h2 under the page title and from h3
 * inside an attachment (whose own heading is h2), and gives each an id and a self-link.
 */
function outline(children: RootContent[]): RootContent[] {
  const slugger = new GithubSlugger();
  const visit = (nodes: RootContent[], base: number): RootContent[] => {
    const open: number[] = [];
    return nodes.map((n) => {
      if (isElement(n) && n.tagName === 'section') {
        const [head, ...rest] = n.children as RootContent[];
        const heading = head ? (visit([head], 2)[0] as Element) : undefined;
        const id = heading?.properties.id;
        return {
          ...n,
          properties: { ...n.properties, ...(typeof id === 'string' ? { ariaLabelledBy: [id] } : {}) },
          children: [...(heading ? [heading] : []), ...visit(rest, 3)] as ElementContent[],
        };
      }
      const level = headingLevel(n);
      if (level === null || !isElement(n)) return n;
      while (open.length > 0 && open.at(-1)! >= level) open.pop();
      const depth = Math.min(6, base + open.length);
      open.push(level);
      const text = textOf(n).trim();
      const id = slugger.slug(text) || slugger.slug('section');
      const anchor: Element = {
        type: 'element',
        tagName: 'a',
        properties: { className: ['heading-anchor'], href: `#${id}`, ariaLabel: `本节链接：${text}` },
        children: [],
      };
      return { ...n, tagName: `h${depth}`, properties: { ...n.properties, id }, children: [...n.children, anchor] };
    });
  };
  return visit(children, 2);
}

export function transformBody(root: Root, ctx: BodyContext): Root {
  const linked = linkNumbers(root, ctx);
  return { ...linked, children: outline(attachmentSections(linked.children)) };
}

/** Document frontmatter fields the plugin reads; issues (no category) are left alone. */
interface Frontmatter {
  category?: unknown;
  docNumber?: unknown;
}

/** Normal-form 文号 → document id, as the ingest lists them (see HeldNumbers). */
export function loadDocNumbers(contentDir: string): Map<string, string> {
  return new Map(Object.entries(HeldNumbers.parse(JSON.parse(readFileSync(join(contentDir, NUMBERS_FILE), 'utf8')))));
}

export interface BodyPluginOptions {
  /** Where the ingest wrote the documents (GAZETTE_CONTENT). */
  contentDir: string;
  /** The site-absolute URL of a document page, honouring the base path. */
  documentHref(id: string): string;
}

export function documentBodyPlugin(options: BodyPluginOptions): HastPluginEntry {
  let numbers: Map<string, string> | undefined;
  let find: BodyContext['find'] | undefined;
  return (factory: PluginFactoryContext) => {
    const fm = (factory.data as { astro?: { frontmatter?: Frontmatter } }).astro?.frontmatter;
    if (!fm || typeof fm.category !== 'string') return null;
    // Read lazily: the ingest writes the list after the config has been loaded.
    numbers ??= loadDocNumbers(options.contentDir);
    find ??= docNumberFinder(numbers.keys());
    const ctx: BodyContext = {
      category: fm.category,
      docNumber: typeof fm.docNumber === 'string' ? normalizeDocNumber(fm.docNumber) : null,
      find,
      href: (n) => {
        const id = numbers!.get(n);
        return id === undefined ? undefined : options.documentHref(id);
      },
    };
    // A 发文目录 links whole rows, which depends on where a text sits in its row: it takes the whole tree.
    if (ctx.category === '发文目录')
      return {
        name: 'gazette-document-body',
        after(root, hast) {
          hast.replaceNode(root, transformBody(root, ctx));
        },
      };
    return visitors(ctx);
  };
}

/**
 * transformBody for every other document, in the compiler's own walk: only the nodes it changes are
 * read and rewritten (texts citing a held 文号, tables and their cells, printed tables, the top
 * level), rather than the whole tree, which the compiler would hand over and take back node by node.
 */
function visitors(ctx: BodyContext): HastPluginDefinition {
  /** Left alone inside a link, or rewritten whole with the printed table that holds it, as linkNumbers walks. */
  const handledAbove = (node: Node, hast: HastVisitorContext) => {
    for (let p = hast.parent(node); p; p = hast.parent(p)) if ((isElement(p) && p.tagName === 'a') || printedFigure(p)) return true;
    return false;
  };
  /** Whether the document has a heading: without one, the top level stays as it is. */
  let headings = false;
  return {
    name: 'gazette-document-body',
    text(node, hast) {
      const parts = linkText(node.value, ctx, false);
      if (parts.length === 1 && parts[0]!.type === 'text' && parts[0]!.value === node.value) return;
      if (!handledAbove(node, hast)) hast.replaceNode(node, parts);
    },
    element: [
      {
        filter: ['h1', 'h2', 'h3', 'h4', 'h5', 'h6'],
        visit() {
          headings = true;
        },
      },
      {
        filter: ['table'],
        visit(node, hast) {
          if (!handledAbove(node, hast)) hast.wrapNode(node, scrollBox());
        },
      },
      {
        filter: ['th'],
        visit(node, hast) {
          if (hast.textContent(node).trim() === '' && !handledAbove(node, hast)) hast.replaceNode(node, { ...node, tagName: 'td' });
        },
      },
      {
        filter: ['td'],
        visit(node, hast) {
          if (FIGURE_CELL.test(hast.textContent(node).trim()) && !handledAbove(node, hast))
            hast.setProperty(node, 'className', [...classes(node), 'num']);
        },
      },
    ],
    mdxJsxFlowElement: {
      filter: ['figure'],
      visit(node, hast) {
        const printed = printedTable(node as Node);
        if (printed && !handledAbove(node as Node, hast)) hast.replaceNode(node, scrollBox(linkNumbers(printed, ctx)));
      },
    },
    after(root, hast) {
      if (!headings) return;
      const children = outline(attachmentSections(root.children));
      if (children.length !== root.children.length || children.some((c, i) => c !== root.children[i]))
        hast.replaceNode(root, { ...root, children });
    },
  };
}
