import type { APIRoute } from 'astro';
import { absoluteUrl, sitemapUrl } from '../lib/site.ts';

export const prerender = true;

export const GET: APIRoute = ({ site }) =>
  new Response(`User-agent: *\nAllow: /\n\nSitemap: ${absoluteUrl(sitemapUrl(), site)}\n`, {
    headers: { 'Content-Type': 'text/plain; charset=utf-8' },
  });
