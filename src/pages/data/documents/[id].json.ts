import type { APIRoute, GetStaticPaths } from 'astro';
import { allDocuments, type DocumentEntry } from '../../../lib/archive.ts';
import { documentRecord, json } from '../../../lib/export.ts';
import { fromMdx } from '../../../lib/mdx-syntax.ts';
import { paragraphs, textBlocks } from '../../../lib/paragraphs.ts';

export const prerender = true;

export const getStaticPaths = (async () =>
  (await allDocuments()).map((doc) => ({ params: { id: doc.id }, props: { doc } }))) satisfies GetStaticPaths;

export const GET: APIRoute = ({ props }) => {
  const { doc } = props as { doc: DocumentEntry };
  const tree = fromMdx(doc.body ?? '');
  return json({ ...documentRecord(doc.data), paragraphs: paragraphs(tree), blocks: textBlocks(tree) });
};
