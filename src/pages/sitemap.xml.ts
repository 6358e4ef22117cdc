/**
 * sitemap.xml: every HTML page of the archive, from the same data the pages are generated from.
 * A test checks it against the pages actually built.
 */
import type { APIRoute } from 'astro';
import { archive, issuers } from '../lib/archive.ts';
import { CATEGORIES } from '../lib/schema.ts';
import {
  absoluteUrl,
  allDocumentsUrl,
  categoriesUrl,
  categoryUrl,
  documentUrl,
  homeUrl,
  issueUrl,
  issuerUrl,
  issuersUrl,
  numbersUrl,
  siteMapPageUrl,
  searchUrl,
  yearUrl,
} from '../lib/site.ts';
import { xml, xmlResponse } from '../lib/xml.ts';

export const prerender = true;

export const GET: APIRoute = async ({ site }) => {
  const a = await archive();
  const latest = a.issues.at(-1)?.data.date ?? null;
  const pages: { path: string; lastmod?: string | null }[] = [
    { path: homeUrl(), lastmod: latest },
    { path: searchUrl() },
    { path: allDocumentsUrl(), lastmod: latest },
    { path: categoriesUrl() },
    ...CATEGORIES.filter((c) => a.documents.some((d) => d.data.category === c)).map((c) => ({ path: categoryUrl(c) })),
    { path: issuersUrl() },
    ...[...new Set(issuers(a.documents).map((i) => issuerUrl(i.name)))].map((path) => ({ path })),
    { path: numbersUrl() },
    { path: siteMapPageUrl() },
    ...[...new Set(a.issues.map((i) => i.data.year))].map((y) => ({ path: yearUrl(y) })),
    ...a.issues.map((i) => ({ path: issueUrl(i.id), lastmod: i.data.date })),
    ...a.documents.map((d) => ({ path: documentUrl(d.id), lastmod: a.issue(d.data.issue)?.data.date })),
  ];
  const body = `<?xml version="1.0" encoding="utf-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
${pages
  .map((p) => `  <url><loc>${xml(absoluteUrl(p.path, site))}</loc>${p.lastmod ? `<lastmod>${p.lastmod}</lastmod>` : ''}</url>`)
  .join('\n')}
</urlset>
`;
  return xmlResponse(body, 'application/xml');
};
