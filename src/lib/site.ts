/**
 * URL helpers and labels. Every internal link goes through `url()` so the site also works when
 * deployed under a sub-path (BASE_PATH), and every page URL ends with a slash to match
 * `trailingSlash: 'always'`.
 */
import type { IssueRef } from './schema.ts';

export const SITE_NAME = '温州市人民政府公报';

const BASE = import.meta.env.BASE_URL.replace(/\/+$/, '');

/** An absolute path under the site base, e.g. url('search/') → '/mirror/gazette/search/'. */
export function url(path = ''): string {
  return `${BASE}/${path.replace(/^\/+/, '')}`;
}

export const homeUrl = () => url();
export const searchUrl = () => url('search/');
export const issueUrl = (id: string) => url(`issues/${id}/`);
export const documentUrl = (id: string) => url(`documents/${id}/`);
export const documentJsonUrl = (id: string) => url(`data/documents/${id}.json`);
export const pagefindUrl = () => url('pagefind/pagefind.js');

/** Issue ids are `YYYY-NN`, as the ingest names the source files. */
export const issueId = (ref: Pick<IssueRef, 'year' | 'number'>) => `${ref.year}-${String(ref.number).padStart(2, '0')}`;

export function issueLabel(ref: IssueRef): string {
  const total = ref.total === null ? '' : `（总第${ref.total}期）`;
  return `${ref.year}年第${ref.number}期${total}`;
}

/** '2023-05-16' → '2023年5月16日'. */
export function formatDate(iso: string): string {
  const [y, m, d] = iso.split('-').map(Number);
  return `${y}年${m}月${d}日`;
}

export function formatPages(pages: { start: number; end: number } | null): string | null {
  if (!pages) return null;
  return pages.end > pages.start ? `第${pages.start}–${pages.end}页` : `第${pages.start}页`;
}

/** Untitled documents (the ingest could not recover a title) still need a readable label. */
export function documentLabel(doc: { title: string | null; docNumber: string | null; category: string; order: number }): string {
  return doc.title ?? doc.docNumber ?? `${doc.category}（第${doc.order}篇）`;
}
