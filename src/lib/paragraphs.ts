/**
 * A document's body as plain text in reading order: one entry per paragraph, heading, list item
 * or table row (cells joined by a tab), and the same body as typed blocks. This is the text
 * researchers get in the data export. The archive's own notes (class `note`) are not the
 * gazette's text and are left out.
 */
import type { Nodes, Root, RootContent, Table } from 'mdast';
import type { MdxJsxFlowElement } from 'mdast-util-mdx-jsx';
import type { TextBlock } from './schema.ts';

/** A node's text, with line breaks as newlines. */
export function inline(node: Nodes): string {
  if (node.type === 'text' || node.type === 'inlineCode') return node.value;
  if (node.type === 'break' || (node.type === 'mdxJsxTextElement' && node.name === 'br')) return '\n';
  if ('children' in node) return (node.children as Nodes[]).map(inline).join('');
  return '';
}

function collect(node: RootContent, out: string[]): void {
  switch (node.type) {
    case 'heading':
    case 'paragraph':
      out.push(inline(node));
      return;
    case 'table':
      for (const row of node.children) out.push(row.children.map(inline).join('\t'));
      return;
    case 'list':
      for (const item of node.children) {
        const parts: string[] = [];
        for (const c of item.children) collect(c, parts);
        out.push(parts.join('\n'));
      }
      return;
    default:
      if (isNote(node)) return;
      if ('children' in node) for (const c of node.children as RootContent[]) collect(c, out);
  }
}

const attribute = (node: MdxJsxFlowElement, name: string): string | undefined => {
  const a = node.attributes.find((x) => x.type === 'mdxJsxAttribute' && x.name === name);
  return typeof a?.value === 'string' ? a.value : undefined;
};

const isNote = (node: RootContent): boolean =>
  node.type === 'mdxJsxFlowElement' && (attribute(node, 'class') ?? '').split(/\s+/).includes('note');

const cells = (table: Table): string[][] => table.children.map((row) => row.children.map(inline));

function collectBlocks(node: RootContent, out: TextBlock[], caption: string | null = null): void {
  switch (node.type) {
    case 'heading':
      out.push({ type: 'heading', depth: node.depth, text: inline(node) });
      return;
    case 'paragraph':
      out.push({ type: 'paragraph', text: inline(node) });
      return;
    case 'list':
      for (const item of node.children) {
        const parts: string[] = [];
        for (const c of item.children) collect(c, parts);
        out.push({ type: 'list-item', text: parts.join('\n') });
      }
      return;
    case 'table': {
      const [header = [], ...rows] = cells(node);
      out.push({ type: 'table', caption, header, rows });
      return;
    }
    case 'mdxJsxFlowElement': {
      if (isNote(node)) return;
      // A table with its printed title: the title is the table's caption, not a paragraph of its own.
      const figcaption =
        node.name === 'figure' ? node.children.find((c) => c.type === 'mdxJsxFlowElement' && c.name === 'figcaption') : undefined;
      const title = figcaption && 'children' in figcaption ? (figcaption.children as Nodes[]).map(inline).join('\n').trim() : null;
      for (const c of node.children as RootContent[]) if (c !== figcaption) collectBlocks(c, out, title);
      return;
    }
    default:
      if ('children' in node) for (const c of node.children as RootContent[]) collectBlocks(c, out);
  }
}

export function textBlocks(tree: Root): TextBlock[] {
  const out: TextBlock[] = [];
  for (const node of tree.children) collectBlocks(node, out);
  return out.filter((b) => b.type === 'table' || b.text.trim() !== '');
}

export function paragraphs(tree: Root): string[] {
  const out: string[] = [];
  for (const node of tree.children) collect(node, out);
  return out.filter((p) => p.trim() !== '');
}
