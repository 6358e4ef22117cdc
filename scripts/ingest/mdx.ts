/**
 * Stage 7 — MDX: a document or issue record and its tree → the text of an MDX file with YAML
 * frontmatter. Serialising the tree (never concatenating strings) is what keeps `<`, `{`, `*`,
 * `#` and `import` in gazette text literal on the page.
 */
import matter from 'gray-matter';
import type { Root } from 'mdast';
import { toMdx } from '../../src/lib/mdx-syntax.ts';

/**
 * The body may come serialised already (`toMdx`): it depends on the issue alone, so it is made
 * where the issue is converted, while the record (a document's id) is settled by the archive.
 */
export function mdxFile(data: object, body: Root | string): string {
  // JSON round trip drops `undefined`, which YAML cannot represent.
  return matter.stringify(typeof body === 'string' ? body : toMdx(body), JSON.parse(JSON.stringify(data)) as object);
}
