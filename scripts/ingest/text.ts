/**
 * Stage 7, beside the MDX: a document's text as data (src/lib/schema.ts, DocumentText), derived
 * here once from the tree the MDX is written from. The site's pages, data export, search index and
 * cross-references read it instead of each parsing the MDX body back.
 */
import type { Root } from 'mdast';
import { paragraphs, textBlocks } from '../../src/lib/paragraphs.ts';
import { heldNumbers, type NumberedDocument } from '../../src/lib/docnumber.ts';
import type { DocumentText, HeldNumbers } from '../../src/lib/schema.ts';

export function textFile(id: string, tree: Root): string {
  const text: DocumentText = { id, paragraphs: paragraphs(tree), blocks: textBlocks(tree) };
  return `${JSON.stringify(text)}\n`;
}

/** `numbers.json`: the 文号 the archive holds, for the site to link them (see HeldNumbers). */
export function numbersFile(docs: readonly NumberedDocument[]): string {
  const held: HeldNumbers = Object.fromEntries(heldNumbers(docs));
  return `${JSON.stringify(held, null, 2)}\n`;
}
