import type { APIRoute } from 'astro';
import { allDocuments } from '../../lib/archive.ts';
import { documentRecord, json } from '../../lib/export.ts';

export const prerender = true;

export const GET: APIRoute = async () => json((await allDocuments()).map((d) => documentRecord(d.data)));
