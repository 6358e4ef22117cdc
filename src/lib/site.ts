/**
 * URL helpers and labels. Every internal link goes through `url()` so the site also works when
 * deployed under a sub-path (BASE_PATH), and every page URL ends with a slash to match
 * `trailingSlash: 'always'`.
 */
import { pinyin } from 'pinyin-pro';
import { CATEGORY_SLUG, type Category, type IssueRef } from './schema.ts';
import { SECTIONS } from './sections.ts';
import { siteConfig } from '../site.config.ts';

export { documentLabel, formatDate, isDay, issueLabel } from './labels.ts';

export const SITE_NAME = siteConfig.name;

const BASE = import.meta.env.BASE_URL.replace(/\/+$/, '');

/** An absolute path under the site base, e.g. url('search/') → '/mirror/gazette/search/'. */
export function url(path = ''): string {
  return `${BASE}/${path.replace(/^\/+/, '')}`;
}

/** The full URL of a site path (as returned by `url()`), on the canonical origin. */
export function absoluteUrl(path: string, site: URL | undefined): string {
  return new URL(path, site ?? siteConfig.defaultSiteUrl).href;
}

export const homeUrl = () => url();
export const searchUrl = () => url('search/');
export const issueUrl = (id: string) => url(`issues/${id}/`);
export const yearUrl = (year: number) => url(`years/${year}/`);
export const documentUrl = (id: string) => url(`documents/${id}/`);
export const documentJsonUrl = (id: string) => url(`data/documents/${id}.json`);
export const documentsJsonUrl = () => url('data/documents.json');
export const issuesJsonUrl = () => url('data/issues.json');
export const allDocumentsUrl = () => url('documents/');
export const categoriesUrl = () => url('categories/');
export const categoryUrl = (c: Category) => url(`categories/${CATEGORY_SLUG[c]}/`);
export const issuersUrl = () => url('issuers/');
export const issuerUrl = (issuer: string) => url(`issuers/${issuerSlug(issuer)}/`);
export const numbersUrl = () => url('numbers/');
export const feedUrl = () => url('feed.xml');
export const sitemapUrl = () => url('sitemap.xml');
/** The 网站地图 for readers; sitemap.xml is for crawlers. */
export const siteMapPageUrl = () => url('sitemap/');

/** Sections that hold 公文 (documents with a 文号 and an issuing body), described as Legislation. */
export const OFFICIAL_DOCUMENT_CATEGORIES: ReadonlySet<Category> = new Set(SECTIONS.filter((s) => 'official' in s).map((s) => s.name));

/**
 * An issuing body's URL segment: its name in toneless pinyin, e.g. 温州市财政局 →
 * wen-zhou-shi-cai-zheng-ju. Readable, ASCII, and stable as long as the name is.
 */
export function issuerSlug(issuer: string): string {
  return pinyin(issuer, { toneType: 'none', type: 'array', nonZh: 'consecutive' })
    .join('-')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/** Issue ids are `YYYY-NN`, as the ingest names the source files. */
export const issueId = (ref: Pick<IssueRef, 'year' | 'number'>) => `${ref.year}-${String(ref.number).padStart(2, '0')}`;

export function formatPages(pages: { start: number; end: number } | null): string | null {
  if (!pages) return null;
  return pages.end > pages.start ? `第${pages.start}–${pages.end}页` : `第${pages.start}页`;
}
