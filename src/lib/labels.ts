/**
 * How documents and issues are named to readers, without anything of the site's build, so that
 * tools outside Astro (the Pagefind index, the portal) name them the same way.
 */
import type { IssueRef } from './schema.ts';

export function issueLabel(ref: IssueRef): string {
  const total = ref.total === null ? '' : `（总第${ref.total}期）`;
  return `${ref.year}年第${ref.number}期${total}`;
}

/** '2023-05-16' → '2023年5月16日'. */
export function formatDate(iso: string): string {
  const [y, m, d] = iso.split('-').map(Number);
  return `${y}年${m}月${d}日`;
}

/** Untitled documents (the ingest could not recover a title) still need a readable label. */
export function documentLabel(doc: { title: string | null; docNumber: string | null; category: string; order: number }): string {
  return doc.title ?? doc.docNumber ?? `${doc.category}（第${doc.order}篇）`;
}
