/**
 * Stages 2–4 for markdown-flavoured sources: remark-parse reads the text, and each top-level
 * node becomes a block. The markdown is itself a conversion of the printed issue, so its markup
 * is a hint, not the truth: tab-separated lines are table rows (even when a row starts with `#`),
 * ordered lists are numbered paragraphs, HTML fragments and LaTeX cells are text.
 *
 * A gazette prints no code and no HTML: a line `<!--` or ``` ``` ``` would otherwise open a
 * comment or a code block that swallows the rest of the file, so those constructs are off and
 * such lines are read as the text they are.
 */
import type { List, ListItem, Nodes, PhrasingContent, Root, RootContent } from 'mdast';
import type { Extension } from 'micromark-util-types';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import type { Block } from './blocks.ts';

const LATEX: Record<string, string> = {
  geq: '≥',
  leq: '≤',
  ge: '≥',
  le: '≤',
  times: '×',
  pm: '±',
  div: '÷',
  neq: '≠',
  approx: '≈',
  sim: '～',
  cdot: '·',
  '%': '%',
};

/** `$\geq 3$` → `≥3`: the printed text the extraction encoded as LaTeX. */
export function unLatex(s: string): string {
  return s.replace(/\$([^$\n]{1,40})\$/g, (whole, body: string) => {
    const out = body.replace(/\\([a-zA-Z]+|%)\s*/g, (m, name: string) => LATEX[name] ?? m).replace(/[{}]/g, '');
    return /\\/.test(out) ? whole : out.replace(/\s+/g, '');
  });
}

/** HTML fragments in extracted text are layout, not content: keep their text. */
export function stripTags(s: string): string {
  return s.replace(/<\/?[a-zA-Z][^<>]*>/g, '');
}

function inlineText(nodes: readonly PhrasingContent[]): string {
  let out = '';
  for (const n of nodes) {
    if (n.type === 'break') out += '\n';
    else if (n.type === 'text') out += n.value;
    else if ('children' in n) out += inlineText(n.children as PhrasingContent[]);
  }
  return out;
}

function clean(s: string): string {
  return unLatex(stripTags(s));
}

interface Ctx {
  lines: readonly string[];
  blocks: Block[];
}

function push(ctx: Ctx, node: Nodes, block: Omit<Block, 'line' | 'endLine' | 'page'>): void {
  ctx.blocks.push({ ...block, line: node.position?.start.line ?? 0, endLine: node.position?.end.line ?? 0, page: null });
}

/** The source text of a node's lines: tables must be read from the lines, not from the tree. */
function sourceLines(ctx: Ctx, node: Nodes): string[] {
  const start = node.position?.start.line ?? 1;
  const end = node.position?.end.line ?? start;
  return ctx.lines.slice(start - 1, end);
}

function rowsOf(lines: readonly string[]): string[][] {
  return lines
    .filter((l) => l.trim())
    .map((l) =>
      l
        .replace(/\s+$/u, '')
        .split('\t')
        .map((c) => clean(c).trim()),
    );
}

/** A list item's marker as printed (`1.`, `- `), so numbered paragraphs keep their numbers. */
function marker(ctx: Ctx, list: List, item: ListItem): string {
  if (!list.ordered) return '';
  const pos = item.position?.start;
  const line = pos ? (ctx.lines[pos.line - 1] ?? '') : '';
  const m = /^\s*(\d{1,3}[.)])\s*/.exec(line.slice((pos?.column ?? 1) - 1));
  return m ? m[1]! : '';
}

function itemText(item: ListItem): string {
  return item.children.map((c) => (c.type === 'paragraph' || c.type === 'heading' ? inlineText(c.children) : '')).join('\n');
}

function visit(ctx: Ctx, node: RootContent): void {
  switch (node.type) {
    case 'heading': {
      const raw = sourceLines(ctx, node).join('\n');
      if (raw.includes('\t')) push(ctx, node, { kind: 'table', text: '', rows: rowsOf([raw]) });
      else push(ctx, node, { kind: 'heading', text: clean(inlineText(node.children)).trim(), depth: node.depth });
      return;
    }
    case 'paragraph': {
      const raw = sourceLines(ctx, node);
      if (raw.some((l) => l.includes('\t'))) push(ctx, node, { kind: 'table', text: '', rows: rowsOf(raw) });
      else push(ctx, node, { kind: 'text', text: clean(inlineText(node.children)).trim() });
      return;
    }
    case 'list': {
      if (node.ordered) {
        // Numbered paragraphs ("1. 打造区域医疗高地。…") are text, each item one paragraph.
        for (const item of node.children) {
          push(ctx, item, { kind: 'text', text: clean(`${marker(ctx, node, item)}${itemText(item)}`).trim() });
        }
      } else {
        push(ctx, node, { kind: 'list', text: '', items: node.children.map((i) => clean(itemText(i)).trim()) });
      }
      return;
    }
    case 'blockquote':
      for (const c of node.children) visit(ctx, c);
      return;
    default:
      // thematicBreak, definition: rules and link definitions print nothing.
      return;
  }
}

/** Markdown constructs a gazette never means: code (fenced, indented, inline) and raw HTML. */
const LITERAL: Extension = { disable: { null: ['codeFenced', 'codeIndented', 'codeText', 'htmlFlow', 'htmlText'] } };

export function markdownBlocks(lines: readonly string[]): Block[] {
  const processor = unified().use(remarkParse);
  processor.data('micromarkExtensions', [LITERAL]);
  const tree = processor.parse(lines.join('\n')) as Root;
  const ctx: Ctx = { lines, blocks: [] };
  for (const node of tree.children) visit(ctx, node);
  return ctx.blocks;
}
