/**
 * A document's body as plain text in reading order: one entry per paragraph, heading, list item
 * or table row (cells joined by a tab). This is the text researchers get in the data export.
 */
import type { Nodes, Root, RootContent } from 'mdast';

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
      if ('children' in node) for (const c of node.children as RootContent[]) collect(c, out);
  }
}

export function paragraphs(tree: Root): string[] {
  const out: string[] = [];
  for (const node of tree.children) collect(node, out);
  return out.filter((p) => p.trim() !== '');
}
