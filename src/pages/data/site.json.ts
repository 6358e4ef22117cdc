import type { APIRoute } from 'astro';
import { json } from '../../lib/export.ts';
import { absoluteUrl, url } from '../../lib/site.ts';
import { siteConfig } from '../../site.config.ts';

export const prerender = true;

/** Which gazette this archive holds and where it lives, for tools that read several archives. */
export const GET: APIRoute = ({ site }) =>
  json({ name: siteConfig.name, publisher: siteConfig.publisher, url: absoluteUrl(url(), site), language: siteConfig.language });
