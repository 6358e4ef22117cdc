/**
 * The exact-match search index (src/lib/search-index.ts): a manifest, binary shards and the
 * display chunks, written as static files next to the search page.
 */
import type { APIRoute, GetStaticPaths } from 'astro';
import { searchIndex } from '../../../lib/search-archive.ts';

export const prerender = true;

export const getStaticPaths = (async () => {
  const { files } = await searchIndex();
  return ['manifest.json', ...files.keys()].map((file) => ({ params: { file } }));
}) satisfies GetStaticPaths;

export const GET: APIRoute = async ({ params }) => {
  const { manifest, files } = await searchIndex();
  const file = params.file!;
  if (file === 'manifest.json')
    return new Response(JSON.stringify(manifest), { headers: { 'Content-Type': 'application/json; charset=utf-8' } });
  const bytes = files.get(file)!;
  const type = file.endsWith('.json') ? 'application/json; charset=utf-8' : 'application/octet-stream';
  return new Response(bytes, { headers: { 'Content-Type': type } });
};
