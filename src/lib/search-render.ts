/**
 * The search results as DOM: a result item, its excerpt and other sections, the filters' option
 * counts and the status line. Shared by the served search page (src/pages/search/index.astro) and
 * the snapshot's offline search page (scripts/snapshot/offline-search/page.ts), so a search shows
 * the same markup from a disk as from the website. Only functions, with no module-level side
 * effects: each page decides where documents live and when excerpts load.
 */
import type { Excerpt, Occurrences, Segment } from './search-excerpt.ts';
import { findRanges, highlight } from './search-excerpt.ts';
import type { DocDisplay } from './search-index.ts';
import type { Filters, SearchResult, Sort } from './search-engine.ts';
import { boundQuery, MAX_QUERY_CHARS } from './search-text.ts';
import { formatDate } from './labels.ts';

/** A document page's address, with a fragment ('' or starting with '#'); each page knows its own. */
export type DocUrl = (id: string, fragment?: string) => string;

/** Appends the segments to `el`, marked ones as <mark>. */
export function segmentsInto(el: HTMLElement, segments: readonly Segment[]): void {
  for (const s of segments) {
    if (s.mark) {
      const m = document.createElement('mark');
      m.textContent = s.text;
      el.append(m);
    } else el.append(s.text);
  }
}

/** The fragment that makes the document page highlight the excerpt's occurrence. */
export const withText = (e: Excerpt | null) => (e?.fragment ? `#:~:text=${e.fragment}` : '');

/** A result: its title links to the document, with the occurrence to highlight there once known. */
export function renderResult(d: DocDisplay, terms: string[][], docUrl: DocUrl): HTMLLIElement {
  const li = document.createElement('li');
  li.className = 'search-result';
  const h = document.createElement('h2');
  const a = document.createElement('a');
  a.href = docUrl(d.id);
  segmentsInto(a, highlight(d.title, findRanges(d.title, terms.flat())));
  h.append(a);
  const meta = document.createElement('p');
  meta.className = 'search-result-meta';
  const identifiers = new Set([d.docNumber, d.normativeCode]);
  for (const part of [d.docNumber, d.normativeCode, d.date && formatDate(d.date), d.issue, d.category]) {
    if (!part) continue;
    const span = document.createElement('span');
    segmentsInto(span, identifiers.has(part) ? highlight(part, findRanges(part, terms.flat())) : [{ text: part, mark: false }]);
    meta.append(span);
  }
  li.append(h, meta);
  return li;
}

/**
 * Adds where the query occurs to a result from renderResult: the title now links to the first
 * occurrence, the excerpt follows the meta line, and the other sections are listed by heading.
 */
export function renderOccurrences(li: HTMLLIElement, id: string, found: Occurrences, docUrl: DocUrl): void {
  const a = li.querySelector('h2 a') as HTMLAnchorElement;
  a.href = docUrl(id, withText(found.excerpt));
  if (found.excerpt) {
    const p = document.createElement('p');
    p.className = 'search-result-excerpt';
    segmentsInto(p, found.excerpt.segments);
    li.append(p);
  }
  if (found.sections.length > 0) {
    const ul = document.createElement('ul');
    ul.className = 'search-result-sections';
    ul.setAttribute('aria-label', '文中其他出处');
    for (const s of found.sections) {
      const item = document.createElement('li');
      const link = document.createElement('a');
      link.href = docUrl(id, `#${encodeURIComponent(s.slug)}:~:text=${s.excerpt.fragment}`);
      link.textContent = s.heading;
      const text = document.createElement('span');
      segmentsInto(text, s.excerpt.segments);
      item.append(link, text);
      ul.append(item);
    }
    li.append(ul);
  }
}

/**
 * A filter's options with their counts. A chosen value that no longer matches stays selectable,
 * with a count of 0, so the form still shows what was asked for.
 */
export function setOptions(el: HTMLSelectElement, facets: { value: string | number; count: number }[], chosen: string): void {
  const options = [new Option('全部', '')];
  const values = facets.map((f) => String(f.value));
  if (chosen && !values.includes(chosen)) options.push(new Option(`${chosen}（0）`, chosen));
  for (const f of facets) options.push(new Option(`${f.value}（${f.count}）`, String(f.value)));
  el.replaceChildren(...options);
  el.value = chosen;
}

/** The status line for a search with `shown` results on the page. */
/** What the status line says when the search box was submitted empty or with spaces only. */
export const EMPTY_QUERY = '请输入检索词：标题、文号或正文中的字词。';

/** How much of a query the status line repeats, in characters. */
const ECHO_CHARS = 20;

export function describe(result: SearchResult, shown: number, query: string): string {
  const { query: searched, cut } = boundQuery(query);
  const chars = Array.from(searched);
  const q = chars.length > ECHO_CHARS ? `${chars.slice(0, ECHO_CHARS).join('')}…` : searched;
  const note = cut ? `（检索词过长，只按前 ${MAX_QUERY_CHARS} 个字检索）` : '';
  const n = result.hits.length;
  if (result.matched === 0) return `未找到包含“${q}”的文件${note}。`;
  const filtered = n < result.matched ? `（筛选前 ${result.matched} 篇）` : '';
  if (n === 0) return `包含“${q}”的文件有 ${result.matched} 篇，但没有符合筛选条件的${note}。`;
  return `找到 ${n} 篇包含“${q}”的文件${filtered}${note}` + (n > shown ? `，显示前 ${shown} 篇。` : '。');
}

/** A search as its address records it: `?q=&year=&category=&issuer=&sort=`. */
export interface SearchState {
  q: string;
  /** The address asks for a search (has `q=`), even an empty one, which the status line answers. */
  asked: boolean;
  filters: Filters;
  sort: Sort;
}

/** The search an address's query string asks for; both search pages read it the same way. */
export function stateFromSearch(search: string): SearchState {
  const p = new URLSearchParams(search);
  const year = Number(p.get('year'));
  const sort = p.get('sort');
  return {
    q: p.get('q')?.trim() ?? '',
    asked: p.has('q'),
    filters: {
      year: Number.isInteger(year) && year > 0 ? [year] : [],
      category: p.get('category') ? [p.get('category')!] : [],
      issuer: p.get('issuer') ? [p.get('issuer')!] : [],
    },
    sort: sort === 'newest' || sort === 'oldest' ? sort : 'relevance',
  };
}
