/**
 * The search page of a snapshot, for a site opened from a disk. Browsers refuse fetch() and module
 * scripts on file: pages, so the index arrives through classic <script> tags instead: each file of
 * the exact-match index is also written as a script that hands its bytes to `gazetteIndexFile`
 * (see ../search.ts). Matching, ranking and excerpts are the served search's own code
 * (src/lib/search-*.ts), so a query finds the same documents from a disk as from the website.
 *
 * It drives the served page's markup: the form, its filters, the status line and the result list.
 * Every search is a page load (the form submits to this page), because history.pushState is not
 * allowed on file: pages.
 */
import { occurrences } from '../../../src/lib/search-excerpt.ts';
import type { DocDisplay, StoredManifest } from '../../../src/lib/search-index.ts';
import { type Filters, type Hit, type Loader, SearchEngine, type SearchResult, type Sort } from '../../../src/lib/search-engine.ts';
import {
  describe,
  EMPTY_QUERY,
  renderOccurrences,
  renderResult,
  type SearchState,
  setOptions,
  stateFromSearch,
} from '../../../src/lib/search-render.ts';
import type { Converter } from '../../../src/lib/search-text.ts';

/** What the page's scripts share through the global object. */
const global = globalThis as typeof globalThis & {
  /** Called by each index file's script with the file's bytes. */
  gazetteIndexFile?: (name: string, base64: string) => void;
  /** Set by opencc.js. */
  gazetteConverters?: () => Promise<Converter[]>;
  gazetteSearch?: unknown;
};

/** Results shown at a time; `data-page-size` on the list overrides it. */
const PAGE_SIZE = 50;

/** Where this script was loaded from: the index's scripts are beside it. */
const here = (document.currentScript as HTMLScriptElement).src;
const indexUrl = new URL('index/', here);

/** Loads a script once; resolves when it has run. */
function script(src: string): Promise<void> {
  return new Promise((ok, fail) => {
    const s = document.createElement('script');
    s.src = src;
    s.onload = () => {
      s.remove();
      ok();
    };
    s.onerror = () => {
      s.remove();
      fail(new Error(`${src} could not be loaded`));
    };
    document.head.append(s);
  });
}

function decodeBase64(base64: string): Uint8Array<ArrayBuffer> {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** The index's files, each read through its own script tag. */
function scriptLoader(): Loader {
  const arrived = new Map<string, Uint8Array<ArrayBuffer>>();
  const loading = new Map<string, Promise<Uint8Array<ArrayBuffer>>>();
  global.gazetteIndexFile = (name, base64) => void arrived.set(name, decodeBase64(base64));
  const file = (name: string) => {
    let p = loading.get(name);
    if (!p) {
      const src = new URL(`${name.split('/').map(encodeURIComponent).join('/')}.js`, indexUrl).href;
      p = script(src).then(() => {
        const bytes = arrived.get(name);
        arrived.delete(name);
        if (!bytes) throw new Error(`${src} does not hold ${name}`);
        return bytes;
      });
      // A failed load is forgotten, so the next search tries again.
      p.catch(() => loading.delete(name));
      loading.set(name, p);
    }
    return p;
  };
  let converters: Promise<Converter[]> | undefined;
  return {
    manifest: async () => JSON.parse(new TextDecoder().decode(await file('manifest.json'))) as StoredManifest,
    file,
    converters: () =>
      (converters ??= script(new URL('opencc.js', here).href).then(() => {
        if (!global.gazetteConverters) throw new Error('opencc.js did not load its converters');
        return global.gazetteConverters();
      })),
  };
}

const engine = new SearchEngine(scriptLoader());

const list = document.querySelector<HTMLOListElement>('[data-search-results]')!;
const status = document.querySelector<HTMLElement>('[data-search-status]')!;
const form = document.querySelector<HTMLFormElement>('[data-search-form]')!;
const input = form.querySelector<HTMLInputElement>('input[name="q"]')!;
const filterBox = form.querySelector<HTMLFieldSetElement>('[data-search-filters]');
const select = (name: string) => form.querySelector<HTMLSelectElement>(`select[name="${name}"]`);
const more = document.querySelector<HTMLElement>('[data-search-more]');
const moreButton = more?.querySelector('button');
/** The documents folder, relative to this page (set when the snapshot is made). */
const documentsUrl = new URL(list.dataset.documents ?? '../documents/', location.href);
const pageSize = () => Number(list.dataset.pageSize) || PAGE_SIZE;

/** A document page, as a file: there is no web server to add index.html. */
const docUrl = (id: string, fragment = '') => `${new URL(`${encodeURIComponent(id)}/index.html`, documentsUrl).href}${fragment}`;
/** A result, with its excerpt once the document's text has loaded. */
async function resultItem(d: DocDisplay, terms: string[][]): Promise<HTMLLIElement> {
  const li = renderResult(d, terms, docUrl);
  try {
    const text = await engine.text(d);
    renderOccurrences(li, d.id, occurrences(text.paragraphs, text.headings, terms), docUrl);
  } catch (e) {
    // The result stands without its excerpt; the document link still works.
    console.error(e);
  }
  return li;
}

/** A filter's options, where the page has that filter. */
function fillFilter(name: string, facets: { value: string | number; count: number }[], chosen: string): void {
  const el = select(name);
  if (el) setOptions(el, facets, chosen);
}

async function show(result: SearchResult, from: number): Promise<number> {
  const slice = result.hits.slice(from, from + pageSize());
  const display = await engine.display(slice.map((h: Hit) => h.doc));
  list.append(...(await Promise.all(display.map((d) => resultItem(d, result.terms)))));
  return from + slice.length;
}

async function run(state: SearchState): Promise<void> {
  list.dataset.searchState = 'loading';
  list.setAttribute('aria-busy', 'true');
  status.textContent = '正在检索…';
  try {
    const result = await engine.search(state.q, { filters: state.filters, sort: state.sort });
    list.replaceChildren();
    if (filterBox) filterBox.hidden = result.matched === 0;
    fillFilter('year', result.facets.year, String(state.filters.year?.[0] ?? ''));
    fillFilter('category', result.facets.category, state.filters.category?.[0] ?? '');
    fillFilter('issuer', result.facets.issuer, state.filters.issuer?.[0] ?? '');
    const sort = select('sort');
    if (sort) sort.value = state.sort === 'relevance' ? '' : state.sort;
    let shown = await show(result, 0);
    const update = () => {
      status.textContent = describe(result, shown, state.q);
      if (more && moreButton) {
        more.hidden = shown >= result.hits.length;
        moreButton.textContent = `显示更多结果（还有 ${result.hits.length - shown} 篇）`;
      }
    };
    update();
    moreButton?.addEventListener('click', async () => {
      moreButton.disabled = true;
      const first = shown;
      shown = await show(result, shown);
      moreButton.disabled = false;
      update();
      // Keyboard and screen-reader users continue from the first new result.
      list.children[first]?.querySelector('a')?.focus();
    });
    list.dataset.searchState = 'done';
  } catch (e) {
    console.error(e);
    status.textContent = '检索出错：本地副本的检索索引不完整或无法读取。';
    list.dataset.searchState = 'error';
  } finally {
    list.removeAttribute('aria-busy');
  }
}

// A filter applies at once, as on the website.
for (const name of ['year', 'category', 'issuer', 'sort']) select(name)?.addEventListener('change', () => form.requestSubmit());

/** For tests and tools, as on the website: every matching document, best first. */
global.gazetteSearch = {
  async search(q: string, options: { filters?: Filters; sort?: Sort } = {}) {
    const r = await engine.search(q, options);
    return { ids: r.hits.map((h) => h.id), matched: r.matched, terms: r.terms };
  },
};

const state = stateFromSearch(location.search);
input.value = state.q;
if (state.q) void run(state);
else {
  if (state.asked) status.textContent = EMPTY_QUERY;
  list.dataset.searchState = 'idle';
}
