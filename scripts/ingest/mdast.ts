/**
 * Stage 6 — mdast: a document's body blocks → an mdast tree. Structure comes from the gazette's
 * own conventions: numbering (一、/（一）/1./第X章) makes headings, 附件 labels open annex
 * sections, tables become GFM tables with their page-broken parts merged, and the signature
 * block keeps its place as a marked block.
 */
import type { BlockContent, Heading, Paragraph, PhrasingContent, Root, RootContent, Table, TableRow } from 'mdast';
import type { MdxJsxFlowElement } from 'mdast-util-mdx-jsx';
import { type Block, DAY_LABEL, joinText, numberingOf } from './blocks.ts';
import { ANNEX_LABEL, LIST_ENTRY, SPACED_HEADING, compact } from './conventions.ts';
import type { Category } from '../../src/lib/schema.ts';
import { type BodyBlock, type DocumentParts, type Role, attachmentLines } from './metadata.ts';
import { alignTable } from './tables/align.ts';

const text = (value: string): PhrasingContent => ({ type: 'text', value });

function paragraph(value: string, keepBreaks = false): Paragraph {
  const lines = value.split('\n');
  if (!keepBreaks) return { type: 'paragraph', children: [text(lines.reduce(joinText))] };
  const children: PhrasingContent[] = [];
  lines.forEach((l, i) => {
    if (i) children.push({ type: 'break' });
    children.push(text(l.trim()));
  });
  return { type: 'paragraph', children };
}

function heading(depth: number, value: string): Heading {
  return { type: 'heading', depth: Math.min(6, Math.max(2, depth)) as Heading['depth'], children: [text(value)] };
}

/** A numbered line that is a heading: short, and no sentence inside it. */
function headingLevel(value: string): number | null {
  const n = numberingOf(value);
  const t = compact(value);
  if (!n || t.length > 36) return null;
  if (/[。；;：:，,]/u.test(t.slice(0, -1))) return null;
  // 一、 and （一） head their sections even when closed by 。; a finished 1. or (1) is an item.
  if (n.level >= 3 && /[。；;！？]$/u.test(t)) return null;
  return n.level;
}

function wrap(className: string, children: BlockContent[]): MdxJsxFlowElement {
  return { type: 'mdxJsxFlowElement', name: 'div', attributes: [{ type: 'mdxJsxAttribute', name: 'class', value: className }], children };
}

/** A cell's lines, separated by `<br />` (a GFM cell holds one line of markdown). */
function cell(value: string): PhrasingContent[] {
  const out: PhrasingContent[] = [];
  value.split('\n').forEach((line, i) => {
    if (i) out.push({ type: 'mdxJsxTextElement', name: 'br', attributes: [], children: [] });
    if (line) out.push(text(line));
  });
  return out;
}

function tableNode(rows: string[][]): Table {
  const width = Math.max(...rows.map((r) => r.length));
  const toRow = (r: string[]): TableRow => ({
    type: 'tableRow',
    children: Array.from({ length: width }, (_, i) => ({ type: 'tableCell', children: cell(r[i] ?? '') })),
  });
  return { type: 'table', children: rows.map(toRow) };
}

/**
 * A table with its printed title: a <figure> whose <figcaption> is the title, and which lists the
 * cells printed once over several rows (`data-covered`, `row.column` of each covered cell, row 0
 * being the header), for the page to show them as one cell. The GFM table inside repeats the value
 * in each row, so a row read alone (the data export) is complete.
 */
function tableFigure(table: Table, caption: string | undefined, covered: readonly [number, number][]): MdxJsxFlowElement {
  const children: BlockContent[] = [];
  if (caption)
    children.push({
      type: 'mdxJsxFlowElement',
      name: 'figcaption',
      attributes: [],
      children: [{ type: 'paragraph', children: [text(caption)] }],
    });
  children.push(table);
  return {
    type: 'mdxJsxFlowElement',
    name: 'figure',
    attributes: [
      { type: 'mdxJsxAttribute', name: 'class', value: 'data-table' },
      ...(covered.length
        ? [{ type: 'mdxJsxAttribute' as const, name: 'data-covered', value: covered.map(([r, c]) => `${r}.${c}`).join(' ') }]
        : []),
    ],
    children,
  };
}

const sameRow = (a: readonly string[] | undefined, b: readonly string[] | undefined): boolean =>
  !!a && !!b && a.map(compact).join('\t') === b.map(compact).join('\t');

/** Consecutive table blocks are one table when the later one repeats the header (a page break). */
function mergeTables(blocks: readonly BodyBlock[]): BodyBlock[] {
  const out: BodyBlock[] = [];
  for (const bb of blocks) {
    const prev = out.at(-1);
    const rows = bb.block.rows;
    if (bb.block.kind === 'table' && prev?.block.kind === 'table' && rows && prev.block.rows) {
      const head = prev.block.rows[0];
      const rest = sameRow(head, rows[0]) ? rows.slice(1) : rows;
      prev.block = { ...prev.block, rows: [...prev.block.rows, ...rest], endLine: bb.block.endLine };
      continue;
    }
    out.push({ ...bb });
  }
  return out;
}

const WRAPPED: Partial<Record<Role, string>> = { signature: 'signature', 'sign-off': 'sign-off', 'source-note': 'source-note' };

/**
 * 政府记事 prints each day (`5日`) with its events (`△ …`) under it: one row per day, the
 * events as paragraphs of the row's second cell (so a day and its events stay together).
 */
function chronicle(body: readonly BodyBlock[]): BodyBlock[] {
  const out: BodyBlock[] = [];
  let row: string[] | null = null;
  for (const bb of body) {
    const t = compact(bb.block.text);
    if (bb.block.kind === 'text' && DAY_LABEL.test(t)) {
      row = [t, ''];
      const rows = out.at(-1)?.block.kind === 'table' ? out.at(-1)!.block.rows! : null;
      if (rows) {
        rows.push(row);
        out.at(-1)!.block.endLine = bb.block.endLine;
      } else out.push({ role: 'body', block: { ...bb.block, kind: 'table', text: '', rows: [['日期', '记事'], row] } });
    } else if (row && bb.block.kind === 'text') {
      row[1] = row[1] ? `${row[1]}\n${bb.block.text}` : bb.block.text;
      out.at(-1)!.block.endLine = bb.block.endLine;
    } else {
      row = null;
      out.push(bb);
    }
  }
  return out;
}

/**
 * 发文目录 rows (`温政办〔2023〕50号　温州市…的通知`, as lines or list items) → one table of
 * 文号 and 标题, so that each row can link to its document.
 */
function documentList(body: readonly BodyBlock[]): BodyBlock[] {
  const out: BodyBlock[] = [];
  for (const bb of body) {
    const entries = bb.block.kind === 'list' ? (bb.block.items ?? []) : [bb.block.text];
    const rows = entries.map((e) => {
      const m = LIST_ENTRY.exec(e.trim());
      return m?.groups ? [m.groups.number!, m.groups.title!.trim()] : null;
    });
    if (!rows.length || rows.some((r) => r === null)) {
      out.push(bb);
      continue;
    }
    const table = out.at(-1)?.block.kind === 'table' ? out.at(-1)!.block : null;
    if (table) {
      table.rows!.push(...(rows as string[][]));
      table.endLine = bb.block.endLine;
    } else out.push({ role: 'body', block: { ...bb.block, kind: 'table', text: '', rows: [['文号', '标题'], ...(rows as string[][])] } });
  }
  return out;
}

/** An empty element marking where a printed page begins, for links to a page of the issue. */
function pageMark(page: number): MdxJsxFlowElement {
  return {
    type: 'mdxJsxFlowElement',
    name: 'span',
    attributes: [
      { type: 'mdxJsxAttribute', name: 'id', value: `page-${page}` },
      { type: 'mdxJsxAttribute', name: 'class', value: 'page-mark' },
      { type: 'mdxJsxAttribute', name: 'data-page', value: String(page) },
    ],
    children: [],
  };
}

/**
 * 人事任免 prints its appointments (…任…；) and removals (免去：…职务；) as runs of items, each
 * ending in ；: one list item each, under the lead-ins (市政府决定：, 免去：) that open them.
 */
function appointments(body: readonly BodyBlock[]): BodyBlock[] {
  const out: BodyBlock[] = [];
  for (const bb of body) {
    if (bb.block.kind !== 'text') {
      out.push(bb);
      continue;
    }
    const pieces = bb.block.text
      .split(/(?<=[；。;：:])/u)
      .map((p) => p.trim())
      .filter(Boolean);
    for (const piece of pieces) {
      const prev = out.at(-1);
      if (/[：:]$/u.test(piece)) out.push({ ...bb, block: { ...bb.block, text: piece } });
      else if (prev?.block.kind === 'list') prev.block.items!.push(piece);
      else out.push({ ...bb, block: { ...bb.block, kind: 'list', text: '', items: [piece] } });
    }
  }
  return out;
}

/** Sections whose printed layout has a structure of its own. */
const ARRANGEMENTS: Partial<Record<Category, (body: readonly BodyBlock[]) => BodyBlock[]>> = {
  政府记事: chronicle,
  发文目录: documentList,
  人事任免: appointments,
};

export function documentTree(parts: DocumentParts): Root {
  const children: RootContent[] = [];
  const arrange = ARRANGEMENTS[parts.category];
  const arranged = arrange ? arrange(parts.body) : parts.body;
  const body = mergeTables(arranged).map((bb) => ({ ...bb, block: alignTable(bb.block) }));
  const marked = new Set<number>();
  for (let i = 0; i < body.length; i++) {
    const { block, role } = body[i]!;
    if (block.page !== null && !marked.has(block.page) && !WRAPPED[role]) {
      children.push(pageMark(block.page));
      marked.add(block.page);
    }
    const node = blockNode(block, role, body[i + 1]?.block);
    if (!node) continue;
    if (node.consumedNext) i++;
    const cls = WRAPPED[role];
    const last = children.at(-1);
    // The list of attachments goes on over the numbered lines read apart from it: one list, an item to a line.
    if (role === 'attachments' && body[i - 1]?.role === 'attachments' && last?.type === 'paragraph' && node.node.type === 'paragraph') {
      last.children.push({ type: 'break' }, ...node.node.children);
      continue;
    }
    // A headline printed over two lines reads as one heading.
    if (
      parts.category === '政务简讯' &&
      node.node.type === 'heading' &&
      last?.type === 'heading' &&
      block.kind === 'heading' &&
      body[i - 1]?.block.kind === 'heading'
    ) {
      last.children.push(...node.node.children);
      continue;
    }
    if (cls && last?.type === 'mdxJsxFlowElement' && last.attributes.some((a) => a.type === 'mdxJsxAttribute' && a.value === cls)) {
      last.children.push(node.node as BlockContent);
    } else if (cls) children.push(wrap(cls, [node.node as BlockContent]));
    else children.push(node.node);
  }
  return { type: 'root', children };
}

function blockNode(block: Block, role: Role, next: Block | undefined): { node: RootContent; consumedNext?: boolean } | null {
  switch (block.kind) {
    case 'table':
      if (!block.rows?.length) return null;
      if (!block.tableCaption && !block.covered?.length) return { node: tableNode(block.rows) };
      return { node: tableFigure(tableNode(block.rows), block.tableCaption, block.covered ?? []) };
    case 'list':
      return {
        node: {
          type: 'list',
          ordered: false,
          spread: false,
          children: (block.items ?? []).map((item) => ({ type: 'listItem', spread: false, children: [paragraph(item)] })),
        },
      };
    case 'heading': {
      const t = block.text.trim();
      const level = numberingOf(t)?.level;
      return { node: heading(level ? level + 1 : 2, t) };
    }
    case 'text': {
      if (block.caption) return { node: wrap('caption', [paragraph(block.text)]) };
      if (block.torn) {
        // The note is the archive's, not the gazette's: an element, so it stays out of the text export.
        const note: MdxJsxFlowElement = {
          type: 'mdxJsxFlowElement',
          name: 'p',
          attributes: [{ type: 'mdxJsxAttribute', name: 'class', value: 'note' }],
          children: [text('表格（版式无法还原）') as never],
        };
        return { node: wrap('torn-table', [note, paragraph(block.text)]) };
      }
      const t = compact(block.text.replace(/\n/g, ' ')) && block.text;
      if (!t.trim()) return null;
      const flat = compact(t.replace(/\n/g, ''));
      if (role === 'attachments') return { node: paragraph(attachmentLines(t), true) };
      if (role !== 'body') return { node: paragraph(t) };
      if (ANNEX_LABEL.test(flat)) {
        const title =
          next && (next.kind === 'heading' || (next.kind === 'text' && !/[。；：:]/u.test(next.text) && compact(next.text).length <= 60))
            ? compact(next.text)
            : null;
        return title ? { node: heading(2, `${flat}　${title}`), consumedNext: true } : { node: heading(2, flat) };
      }
      const level = headingLevel(flat);
      if (level) return { node: heading(level + 1, t.trim()) };
      if (SPACED_HEADING.test(t.trim()) || block.title) return { node: heading(2, t.trim()) };
      return { node: paragraph(t) };
    }
  }
}
