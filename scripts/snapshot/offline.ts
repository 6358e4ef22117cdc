/**
 * Makes a built site work opened straight from a disk (file://). The built site links with
 * absolute paths under its base (`/documents/x/`), which on a disk point at the root of the drive,
 * and relies on the web server to turn a folder into its `index.html`. Astro's `base` cannot be
 * relative, so the pages are rewritten after the build: every internal URL becomes a path relative
 * to the page, ending in the file it names. Relative links also work on any web server, at any
 * sub-path, so the rewritten copy is still a servable website.
 */
import { posix } from 'node:path';
import type { Element, Properties, Root } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { toHtml } from 'hast-util-to-html';
import { visit } from 'unist-util-visit';

/** The attributes (as hast property names) that hold a URL the browser follows or loads. */
const URL_PROPERTIES: Record<string, readonly string[]> = {
  a: ['href'],
  area: ['href'],
  link: ['href'],
  img: ['src', 'srcSet'],
  source: ['src', 'srcSet'],
  script: ['src'],
  iframe: ['src'],
  embed: ['src'],
  object: ['data'],
  video: ['src', 'poster'],
  audio: ['src'],
  track: ['src'],
  input: ['src', 'formAction'],
  button: ['formAction'],
  form: ['action'],
};

/** A stand-in origin: URLs are resolved as if the site were served, then made relative. */
const ORIGIN = 'http://snapshot.invalid';

/** The files of a built site, to tell folders from files and to find links that land nowhere. */
export class SiteFiles {
  readonly base: string;
  private readonly files: ReadonlySet<string>;
  private readonly dirs = new Set<string>();

  /** `base` is the path the site was built for ('/', '/mirror/gazette/'); `files` are relative to it. */
  constructor(base: string, files: Iterable<string>) {
    this.base = base;
    this.files = new Set(files);
    for (const f of this.files) for (let d = posix.dirname(f); d !== '.'; d = posix.dirname(d)) this.dirs.add(d);
  }

  has(file: string): boolean {
    return this.files.has(file);
  }

  isDir(path: string): boolean {
    return path === '' || this.dirs.has(path);
  }
}

export interface Problem {
  page: string;
  url: string;
  reason: string;
}

/**
 * The relative form of `url` as written in `page` (a file path relative to the site's root), or
 * null to leave it as it is: external URLs and links within the page itself. A link to a folder
 * ends in its `index.html`, since no web server is there to add it.
 */
export function offlineUrl(url: string, page: string, site: SiteFiles, problems: Problem[]): string | null {
  const trimmed = url.trim();
  if (trimmed === '' || trimmed.startsWith('#')) return null;
  let u: URL;
  try {
    u = new URL(trimmed, `${ORIGIN}${site.base}${page}`);
  } catch {
    problems.push({ page, url, reason: 'is not a valid URL' });
    return null;
  }
  if (u.origin !== ORIGIN) return null;
  if (!u.pathname.startsWith(site.base)) {
    problems.push({ page, url, reason: `is outside the site's base ${site.base}` });
    return null;
  }
  let target = decodeURIComponent(u.pathname.slice(site.base.length));
  if (target === '' || target.endsWith('/')) target += 'index.html';
  else if (site.isDir(target)) target += '/index.html';
  if (!site.has(target)) problems.push({ page, url, reason: 'leads to no file of the site' });
  const relative = posix.relative(posix.dirname(page), target);
  return relative.split('/').map(encodeURIComponent).join('/') + u.search + u.hash;
}

/** `srcset`: comma-separated candidates, each a URL and an optional width or density. */
function offlineSrcset(value: string, page: string, site: SiteFiles, problems: Problem[]): string {
  return value
    .split(',')
    .map((candidate) => {
      const [url = '', ...descriptor] = candidate.trim().split(/\s+/);
      return [offlineUrl(url, page, site, problems) ?? url, ...descriptor].join(' ');
    })
    .join(', ');
}

export function rewriteTree(tree: Root, page: string, site: SiteFiles, problems: Problem[]): void {
  visit(tree, 'element', (node: Element) => {
    for (const name of URL_PROPERTIES[node.tagName] ?? []) {
      const props: Properties = node.properties;
      const value = props[name];
      if (name === 'srcSet' && (typeof value === 'string' || Array.isArray(value)))
        props[name] = offlineSrcset([value].flat().join(','), page, site, problems);
      else if (typeof value === 'string') props[name] = offlineUrl(value, page, site, problems) ?? value;
    }
  });
}

export function parsePage(html: string): Root {
  return fromHtml(html);
}

export function serializePage(tree: Root): string {
  return toHtml(tree);
}

/** A page of the built site, rewritten to work from a disk. */
export function offlinePage(html: string, page: string, site: SiteFiles, problems: Problem[]): string {
  const tree = parsePage(html);
  rewriteTree(tree, page, site, problems);
  return serializePage(tree);
}
