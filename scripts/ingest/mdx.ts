/**
 * Stage 7 — MDX: a document or issue record and its tree → the text of an MDX file with YAML
 * frontmatter. Serialising the tree (never concatenating strings) is what keeps `<`, `{`, `*`,
 * `#` and `import` in gazette text literal on the page.
 */
import matter from 'gray-matter';
import type { Root } from 'mdast';
import { toMdx } from '../../src/lib/mdx-syntax.ts';

export function mdxFile(data: object, tree: Root): string {
  // JSON round trip drops `undefined`, which YAML cannot represent.
  return matter.stringify(toMdx(tree), JSON.parse(JSON.stringify(data)) as object);
}
