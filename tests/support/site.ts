/**
 * Reading a built archive in tests: its data export (the source of expectations, so tests
 * follow the converter as it improves) and its pages as HTML trees.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { Element, Root } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { select, selectAll } from 'hast-util-select';
import { toText } from 'hast-util-to-text';
import type { DocumentRecord, IssueRecord } from '../../src/lib/export.ts';

/** The canonical origin the real archive is built for in tests. */
export const TEST_SITE_URL = 'https://gazette.test.example';
/** The sub-path the mirror build is served under. */
export const MIRROR_BASE = '/mirror/gazette/';

export const readJson = <T>(dir: string, path: string): T => JSON.parse(readFileSync(join(dir, path), 'utf8')) as T;
export const documents = (dir: string) => readJson<DocumentRecord[]>(dir, 'data/documents.json');
export const issues = (dir: string) => readJson<IssueRecord[]>(dir, 'data/issues.json');
export const paragraphsOf = (dir: string, id: string) => readJson<{ paragraphs: string[] }>(dir, `data/documents/${id}.json`).paragraphs;

/** The file a site path (without the base) is served from. */
export function fileFor(dir: string, path: string): string | null {
  const clean = decodeURIComponent(path.replace(/^\/+/, '').split(/[?#]/)[0]!);
  const file = join(dir, clean);
  if (existsSync(file) && statSync(file).isFile()) return file;
  const index = join(file, 'index.html');
  return existsSync(index) ? index : null;
}

const pages = new Map<string, Root>();
/** A built page as an HTML tree, by its path under the base. */
export function page(dir: string, path: string): Root {
  const key = `${dir}\0${path}`;
  let tree = pages.get(key);
  if (!tree) {
    const file = fileFor(dir, path);
    if (!file) throw new Error(`no page at ${path}`);
    tree = fromHtml(readFileSync(file, 'utf8'));
    pages.set(key, tree);
  }
  return tree;
}

export const text = (node: Element | Root | null | undefined) => (node ? toText(node).replace(/\s+/g, ' ').trim() : '');
export const hrefs = (root: Element | Root | null | undefined, selector = 'a[href]') =>
  root ? selectAll(selector, root).map((a) => String(a.properties.href)) : [];
export { select, selectAll };

/** Every HTML file of a build, as site paths under the base ('' for the home page). */
export function htmlPages(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const full = join(d, name);
      if (statSync(full).isDirectory()) {
        if (name !== 'pagefind' && name !== '_astro') walk(full);
      } else if (name.endsWith('.html')) {
        const rel = relative(dir, full).split('\\').join('/');
        out.push(rel === 'index.html' ? '' : rel.endsWith('/index.html') ? rel.slice(0, -'index.html'.length) : rel);
      }
    }
  };
  walk(dir);
  return out.sort();
}

/** 文号 in the forms printed text uses: 〔〕, [], ［］, () and （）around the year. */
export function docNumberPattern(docNumber: string): RegExp {
  const m = /^(.+?)[〔[［(（](\d{4})[〕\]］)）](\d+)号$/u.exec(docNumber.replace(/\s+/g, ''));
  if (!m) throw new Error(`unexpected 文号 ${docNumber}`);
  const [, agency, year, serial] = m;
  return new RegExp(`${agency}\\s*[〔[［(（]\\s*${year}\\s*[〕\\]］)）]\\s*0*${serial}\\s*号`, 'u');
}
