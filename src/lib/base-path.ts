/**
 * The path an archive is deployed under, always with a leading and a trailing slash ('/',
 * '/mirror/gazette/'), from BASE_PATH as typed. Astro's config, the Pagefind index and
 * snapshots read it alike, so that every URL they write agrees.
 */
export function basePath(raw = '/'): string {
  const inner = raw.replace(/^\/+|\/+$/g, '');
  return inner ? `/${inner}/` : '/';
}
