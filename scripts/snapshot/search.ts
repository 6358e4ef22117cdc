/**
 * Search in a snapshot opened from a disk. The served search reads its exact-match index
 * (search/exact/) with fetch(), which browsers refuse on file: pages; so the snapshot also holds
 * every file of that index as a classic script (search/offline/index/<file>.js), the search code
 * bundled as classic scripts, and a search page that loads them. Scripts load over HTTP as well,
 * so the snapshot's search page works served too, at any path.
 */
import { posix } from 'node:path';
import { buildSync } from 'esbuild';
import type { Element, Root } from 'hast';
import { select, selectAll } from 'hast-util-select';
import { SKIP, visit } from 'unist-util-visit';

export const SEARCH_PAGE = 'search/index.html';
/** The served search's index, as the site is built. */
export const INDEX_DIR = 'search/exact/';
export const OFFLINE_DIR = 'search/offline/';

const ROOT = posix.resolve(import.meta.dirname, '../..');

/** Whether the site has the search this module makes work offline. */
export const hasExactSearch = (files: readonly string[]) => files.includes(SEARCH_PAGE) && files.includes(`${INDEX_DIR}manifest.json`);

/** One file of the index as a script that hands its bytes to the search page. */
export function indexScript(file: string, bytes: Uint8Array): { path: string; bytes: Uint8Array } {
  const name = file.slice(INDEX_DIR.length);
  const text = `gazetteIndexFile(${JSON.stringify(name)},"${Buffer.from(bytes).toString('base64')}");\n`;
  return { path: `${OFFLINE_DIR}index/${name}.js`, bytes: new TextEncoder().encode(text) };
}

function bundle(entry: string): Uint8Array {
  const result = buildSync({
    entryPoints: [posix.join(ROOT, 'scripts/snapshot/offline-search', entry)],
    absWorkingDir: ROOT,
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: 'es2022',
    minify: true,
    charset: 'utf8',
    legalComments: 'eof',
    write: false,
    logLevel: 'silent',
  });
  return result.outputFiles[0]!.contents;
}

/** The search code as classic scripts: the page's, and the converters it loads on demand. */
export function searchScripts(): { path: string; bytes: Uint8Array }[] {
  return [
    { path: `${OFFLINE_DIR}search.js`, bytes: bundle('page.ts') },
    { path: `${OFFLINE_DIR}opencc.js`, bytes: bundle('converters.ts') },
  ];
}

/**
 * The served search page, made to search from a disk: its module scripts (which cannot run from a
 * file: page, and say so) give way to the snapshot's search script, which drives the same form
 * and result list.
 */
export function offlineSearchPage(tree: Root): void {
  const drop = new Set<Element>(selectAll('script[type="module"], main script:not([type]):not([src])', tree));
  visit(tree, 'element', (node, index, parent) => {
    if (!drop.has(node) || !parent || index === undefined) return;
    parent.children.splice(index, 1);
    return [SKIP, index];
  });
  const results = select('[data-search-results]', tree);
  if (!results) throw new Error(`${SEARCH_PAGE} has no result list ([data-search-results]) to search into`);
  results.properties.dataDocuments = `${posix.relative(posix.dirname(SEARCH_PAGE), 'documents')}/`;
  const body = select('body', tree)!;
  body.children.push({
    type: 'element',
    tagName: 'script',
    properties: { src: posix.relative(posix.dirname(SEARCH_PAGE), `${OFFLINE_DIR}search.js`) },
    children: [],
  });
}
