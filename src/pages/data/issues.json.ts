import type { APIRoute } from 'astro';
import { archive } from '../../lib/archive.ts';
import { issueRecord, json } from '../../lib/export.ts';

export const prerender = true;

export const GET: APIRoute = async () => {
  const a = await archive();
  return json(
    a.issues.map((i) =>
      issueRecord(
        i.data,
        a.documentsOf(i).map((d) => d.data),
      ),
    ),
  );
};
