/**
 * The portal page's script (bundled by scripts/portal.ts): merges the Pagefind index of every
 * archive that answers (each of its bundles), says which do not, and searches them exactly as one.
 */
import { ARCHIVE_FILTER, bundlesOf, type Pagefind, type PagefindResult, type PortalResult, resultOf, searchArchives } from './portal.ts';
import { PAIR_LANGUAGE } from './search-pairs.ts';
import { type Converter, needsConversion, splitQuery, termVariants } from './search-text.ts';

export interface PortalConfig {
  archives: { url: string; name: string }[];
  /** Characters that send a query through Traditional→Simplified conversion (see search-build.ts). */
  traditional: string;
}

interface PagefindModule extends Pagefind {
  mergeIndex(path: string, options: Record<string, unknown>): Promise<void>;
  filters(): Promise<Record<string, Record<string, number>>>;
}

const FILTERS = ['gazette', 'year', 'category'] as const;
/** Results shown; the count says how many there are. */
const SHOWN = 50;

const config = JSON.parse(document.querySelector('#portal-config')!.textContent!) as PortalConfig;
const form = document.querySelector<HTMLFormElement>('[data-portal-form]')!;
const input = form.querySelector<HTMLInputElement>('input[name="q"]')!;
const status = document.querySelector<HTMLElement>('[data-portal-status]')!;
const unreachableNote = document.querySelector<HTMLElement>('[data-portal-unreachable]')!;
const list = document.querySelector<HTMLOListElement>('[data-portal-results]')!;
const select = (name: string) => form.querySelector<HTMLSelectElement>(`select[name="${name}"]`)!;
const traditional = new Set(config.traditional);
let converters: Promise<Converter[]> | undefined;

interface Opened {
  pagefind: PagefindModule;
  /** The `ARCHIVE_FILTER` values of the archives that answered. */
  archives: string[];
}

/** Merges each archive that answers; the others are named on the page. */
async function open(): Promise<Opened> {
  const pagefind = (await import(/* @vite-ignore */ new URL('pagefind/pagefind.js', document.baseURI).href)) as PagefindModule;
  // An archive's bundles, or null when it does not answer.
  const bundles = await Promise.all(config.archives.map((a) => bundlesOf(new URL('pagefind/', a.url)).catch(() => null)));
  const down = config.archives.filter((_, i) => !bundles[i]);
  for (const [i, a] of config.archives.entries()) {
    // Result URLs are site-absolute paths in the archive's own base; they resolve on its origin.
    for (const bundle of bundles[i] ?? [])
      await pagefind.mergeIndex(bundle, {
        language: PAIR_LANGUAGE,
        baseUrl: `${new URL(a.url).origin}/`,
        mergeFilter: { [ARCHIVE_FILTER]: String(i) },
      });
  }
  if (down.length > 0) {
    unreachableNote.hidden = false;
    unreachableNote.textContent = `以下档案暂时无法访问，其文件未列入结果：${down.map((a) => (a.name === a.url ? a.url : `${a.name}（${a.url}）`)).join('；')}`;
    unreachableNote.dataset.archives = down.map((a) => a.url).join(' ');
  }
  const filters = await pagefind.filters();
  for (const name of FILTERS) {
    const values = Object.keys(filters[name] ?? {}).sort((a, b) =>
      name === 'year' ? Number(b) - Number(a) : a.localeCompare(b, 'zh-Hans-CN'),
    );
    for (const v of values) select(name).add(new Option(v, v));
  }
  return { pagefind, archives: config.archives.flatMap((_, i) => (bundles[i] ? [String(i)] : [])) };
}

const ready = open();

/** Every document that holds the query; a result's data is fetched only when it is shown. */
async function search(q: string, filters: Record<string, string> = {}): Promise<PagefindResult[]> {
  const { pagefind, archives } = await ready;
  const raw = splitQuery(q);
  const convert = raw.some((t) => needsConversion(t, traditional)) ? await (converters ??= loadConverters()) : [];
  const terms = raw.map((t) => termVariants(t, traditional, convert));
  return searchArchives(pagefind, archives, terms, filters);
}

async function loadConverters(): Promise<Converter[]> {
  const { openccConverters } = await import('./search-opencc.ts');
  return openccConverters();
}

function render(results: readonly PortalResult[]): void {
  list.replaceChildren(
    ...results.map((r) => {
      const li = document.createElement('li');
      li.dataset.gazette = r.gazette;
      const h2 = document.createElement('h2');
      const a = document.createElement('a');
      a.href = r.href;
      a.textContent = r.title;
      h2.append(a);
      const meta = document.createElement('p');
      meta.className = 'meta';
      const gazette = document.createElement('span');
      gazette.className = 'gazette';
      gazette.textContent = r.gazette;
      meta.append(gazette, ` · ${[r.issue, r.docNumber, r.category, r.date].filter(Boolean).join(' · ')}`);
      li.append(h2, meta);
      return li;
    }),
  );
}

function chosenFilters(): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of FILTERS) if (select(name).value) out[name] = select(name).value;
  return out;
}

async function run(): Promise<void> {
  const q = input.value;
  list.dataset.state = 'searching';
  const results = q.trim() === '' ? [] : await search(q, chosenFilters());
  render(await Promise.all(results.slice(0, SHOWN).map(resultOf)));
  status.textContent =
    q.trim() === ''
      ? ''
      : results.length === 0
        ? '没有找到包含检索词的文件。'
        : `共找到 ${results.length} 件文件${results.length > SHOWN ? `，显示前 ${SHOWN} 件` : ''}。`;
  list.dataset.state = 'done';
}

form.addEventListener('submit', (event) => {
  event.preventDefault();
  const params = new URLSearchParams({ q: input.value, ...chosenFilters() });
  history.replaceState(null, '', `?${params}`);
  void run();
});

const params = new URLSearchParams(location.search);
void ready.then(() => {
  input.value = params.get('q') ?? '';
  for (const name of FILTERS) select(name).value = params.get(name) ?? '';
  list.dataset.state = 'ready';
  if (input.value) void run();
});

/** For scripts and tests: every result of a query, labelled. */
const labelled = async (q: string, filters?: Record<string, string>) => Promise.all((await search(q, filters)).map(resultOf));
Object.assign(globalThis, { gazettePortal: { ready, search: labelled } });
