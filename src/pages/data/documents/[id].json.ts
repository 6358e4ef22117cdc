import type { APIRoute, GetStaticPaths } from 'astro';
import { allDocuments, documentText, type DocumentEntry } from '../../../lib/archive.ts';
import { documentRecord, json } from '../../../lib/export.ts';

export const prerender = true;

export const getStaticPaths = (async () =>
  (await allDocuments()).map((doc) => ({ params: { id: doc.id }, props: { doc } }))) satisfies GetStaticPaths;

export const GET: APIRoute = async ({ props }) => {
  const { doc } = props as { doc: DocumentEntry };
  const { paragraphs, blocks } = await documentText(doc.id);
  return json({ ...documentRecord(doc.data), paragraphs, blocks });
};
