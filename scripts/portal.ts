/**
 * npm run portal -- --archive URL_OR_DIR [--archive …] --out DIR [--title TEXT]
 *
 * Writes a static page that searches several archives as one, exactly, through Pagefind's
 * multisite search: each archive is built on its own (`npm run build`, any base path, any
 * machine) and publishes its Pagefind index and `data/site.json`; the portal needs nothing else.
 * An archive is named by its URL (where it is served, with its base path) or by its built folder,
 * whose `data/site.json` says where it is served. The page merges the indexes of the archives that
 * answer when it is opened and names those that do not. Archives must allow the portal's origin
 * to fetch their files (CORS), as any Pagefind multisite search requires.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { build } from 'esbuild';
import * as pagefind from 'pagefind';
import type { ArchiveSite } from '../src/lib/portal.ts';
import type { PortalConfig } from '../src/lib/portal-page.ts';
import { traditionalChars } from '../src/lib/search-build.ts';
import { openccConverters } from '../src/lib/search-opencc.ts';
import { FIELD_END, PAIR_LANGUAGE } from '../src/lib/search-pairs.ts';
import { xml as escapeHtml } from '../src/lib/xml.ts';

const ROOT = resolve(import.meta.dirname, '..');
const { values } = parseArgs({
  options: {
    archive: { type: 'string', multiple: true, default: [] },
    out: { type: 'string' },
    title: { type: 'string', default: '政府公报联合检索' },
  },
});
if (!values.out || values.archive.length === 0) throw new Error('usage: npm run portal -- --archive URL_OR_DIR [--archive …] --out DIR');
const out = resolve(values.out);

/** An archive's name and URL, from its `data/site.json`; an archive that cannot be read now is named by its URL. */
async function describe(archive: string): Promise<PortalConfig['archives'][number]> {
  if (!/^https?:\/\//u.test(archive)) {
    const about = JSON.parse(readFileSync(join(archive, 'data', 'site.json'), 'utf8')) as ArchiveSite;
    return { url: about.url, name: about.name };
  }
  const url = archive.endsWith('/') ? archive : `${archive}/`;
  try {
    const response = await fetch(new URL('data/site.json', url), { signal: AbortSignal.timeout(10_000) });
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    return { url, name: ((await response.json()) as ArchiveSite).name };
  } catch (error) {
    console.warn(`portal: ${url} did not answer (${String(error)}); it is listed by its URL`);
    return { url, name: url };
  }
}

const config: PortalConfig = {
  archives: await Promise.all(values.archive.map(describe)),
  traditional: traditionalChars(await openccConverters()),
};

rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });

// Pagefind's script needs an index of its own to merge the others into: one record no query can
// find (its only word is longer than any word a query sends).
try {
  const { index, errors } = await pagefind.createIndex({ includeCharacters: FIELD_END[0] });
  if (!index) throw new Error(`pagefind createIndex failed: ${errors.join('; ')}`);
  await index.addCustomRecord({ url: '/', content: FIELD_END, language: PAIR_LANGUAGE });
  const written = await index.writeFiles({ outputPath: join(out, 'pagefind') });
  if (written.errors.length > 0) throw new Error(`pagefind writeFiles failed: ${written.errors.join('; ')}`);
} finally {
  await pagefind.close();
}

await build({
  entryPoints: [join(ROOT, 'src/lib/portal-page.ts')],
  bundle: true,
  splitting: true,
  format: 'esm',
  minify: true,
  target: 'es2022',
  outdir: join(out, 'assets'),
  entryNames: 'portal',
  logLevel: 'warning',
});

const css = `body{font-family:system-ui,sans-serif;max-width:48rem;margin:0 auto;padding:1rem;line-height:1.6}
form{display:grid;gap:.5rem}.box{display:flex;gap:.5rem}.box input{flex:1;font-size:1.1rem;padding:.3rem}
fieldset{display:flex;flex-wrap:wrap;gap:1rem;border:0;padding:0}ol{padding-left:1.5rem}h2{font-size:1.1rem;margin:.8rem 0 0}
.meta{margin:0;color:#555}.gazette{font-weight:bold}[data-portal-unreachable]{color:#8a1c1c}`;

const archivesList = config.archives.map((a) => `<li><a href="${escapeHtml(a.url)}">${escapeHtml(a.name)}</a></li>`).join('');
const html = `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(values.title)}</title>
<style>${css}</style>
<script type="application/json" id="portal-config">${JSON.stringify(config).replace(/</gu, '\\u003c')}</script>
<script type="module" src="assets/portal.js"></script>
</head>
<body>
<h1 id="portal-title">${escapeHtml(values.title)}</h1>
<form role="search" data-portal-form>
<div class="box"><label for="q">关键词</label><input id="q" name="q" type="search" autocomplete="off" placeholder="标题、文号或正文" aria-describedby="portal-help"><button type="submit">检索</button></div>
<p id="portal-help">查找包含检索词的全部文件，与在页面中查找一致；空格分隔的多个词须同时出现。文号的括号写法不限，繁体字亦可。</p>
<fieldset><legend>筛选</legend>
<label>公报 <select name="gazette"><option value="">全部</option></select></label>
<label>年份 <select name="year"><option value="">全部</option></select></label>
<label>栏目 <select name="category"><option value="">全部</option></select></label>
</fieldset>
</form>
<p data-portal-unreachable role="alert" hidden></p>
<p role="status" aria-live="polite" data-portal-status></p>
<ol aria-labelledby="portal-title" data-portal-results></ol>
<h2>收录的公报</h2>
<ul>${archivesList}</ul>
</body>
</html>
`;
writeFileSync(join(out, 'index.html'), html);
console.log(`portal: ${config.archives.length} archives, written to ${out}`);
