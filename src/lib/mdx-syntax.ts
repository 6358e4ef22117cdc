/**
 * The one MDX dialect the archive writes and reads: MDX (JSX, expressions, ESM) plus GFM tables.
 * The ingest serialises document trees with it and the data export parses them back with it, so
 * that a text survives the round trip exactly.
 */
import type { Root } from 'mdast';
import { fromMarkdown } from 'mdast-util-from-markdown';
import { gfmFromMarkdown, gfmToMarkdown } from 'mdast-util-gfm';
import { mdxFromMarkdown, mdxToMarkdown } from 'mdast-util-mdx';
import { toMarkdown } from 'mdast-util-to-markdown';
import { gfm } from 'micromark-extension-gfm';
import { mdxjs } from 'micromark-extension-mdxjs';

/**
 * `import` and `export` opening a line start an MDX ES module block; mdast-util-mdx does not
 * escape them, so their first letter is written as a character reference there.
 */
const ESM_AT_LINE_START = ['import', 'export'].map((word) => ({ character: word[0]!, atBreak: true, after: `${word.slice(1)}\\b` }));

export function toMdx(tree: Root): string {
  return toMarkdown(tree, {
    extensions: [mdxToMarkdown(), gfmToMarkdown(), { unsafe: ESM_AT_LINE_START }],
    bullet: '-',
    rule: '-',
    fences: true,
  });
}

export function fromMdx(text: string): Root {
  return fromMarkdown(text, {
    extensions: [mdxjs(), gfm()],
    mdastExtensions: [mdxFromMarkdown(), gfmFromMarkdown()],
  });
}
