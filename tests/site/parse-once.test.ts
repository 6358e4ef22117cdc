/**
 * The site parses each document once, in the MDX compile: pages, the data export, the search index
 * and the cross-references read the text the ingest derived (the `texts` collection), and no module
 * of the build reads the generated collections from disk behind the content layer. Checked on the
 * build's import graph, from every page, layout and component and from the Astro config.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');
/** Packages that parse Markdown, MDX or frontmatter text. */
const PARSERS = /^(mdast-util-from-markdown|micromark(-.*)?|remark-parse|gray-matter|@mdx-js\/mdx)(\/|$)/u;

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

function resolveLocal(from: string, specifier: string): string | undefined {
  const base = resolve(dirname(from), specifier);
  return [base, `${base}.ts`, join(base, 'index.ts')].find((p) => statSync(p, { throwIfNoEntry: false })?.isFile());
}

/** Every project module the build loads from `roots`, and the packages each imports. */
function importGraph(roots: readonly string[]): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  const queue = [...roots];
  while (queue.length > 0) {
    const file = queue.pop()!;
    if (graph.has(file)) continue;
    const { importedFiles } = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
    const packages: string[] = [];
    for (const { fileName } of importedFiles) {
      if (!fileName.startsWith('.')) {
        packages.push(fileName);
        continue;
      }
      const target = resolveLocal(file, fileName);
      if (target && !target.endsWith('.css')) queue.push(target);
    }
    graph.set(file, packages);
  }
  return graph;
}

describe('the build', () => {
  const roots = [
    ...['pages', 'layouts', 'components'].flatMap((d) => filesUnder(join(ROOT, 'src', d))),
    join(ROOT, 'astro.config.mjs'),
    join(ROOT, 'src/content.config.ts'),
  ];
  const graph = importGraph(roots);
  const modules = [...graph.keys()].map((f) => relative(ROOT, f)).sort();

  it('reaches the modules that shape text, export and search', () => {
    for (const m of ['src/lib/archive.ts', 'src/lib/body.ts', 'src/lib/search-archive.ts', 'src/lib/crosslinks.ts', 'src/lib/export.ts'])
      expect(modules).toContain(m);
  });

  it('never parses a document body or its frontmatter outside the MDX compile', () => {
    expect(modules).not.toContain('src/lib/mdx-syntax.ts');
    const parsers = [...graph].flatMap(([file, packages]) =>
      packages.filter((p) => PARSERS.test(p)).map((p) => `${relative(ROOT, file)} → ${p}`),
    );
    expect(parsers).toEqual([]);
  });

  it('lists no folder itself: the content layer is what reads the collections', () => {
    const listing = [...graph.keys()].filter((f) => /\b(readdir|opendir)(Sync)?\b/u.test(readFileSync(f, 'utf8')));
    expect(listing.map((f) => relative(ROOT, f))).toEqual([]);
  });
});
