import type { APIRoute } from 'astro';
import { allIssues } from '../../lib/archive.ts';
import { issueRecord, json } from '../../lib/export.ts';

export const prerender = true;

export const GET: APIRoute = async () => json((await allIssues()).map((i) => issueRecord(i.data)));
