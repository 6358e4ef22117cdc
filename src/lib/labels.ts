/**
 * How documents and issues are named to readers, without anything of the site's build, so that
 * tools outside Astro (the Pagefind index, the portal) name them the same way.
 */
import type { IssueRef } from './schema.ts';

export function issueLabel(ref: IssueRef): string {
  const total = ref.total === null ? '' : `（总第${ref.total}期）`;
  return `${ref.year}年第${ref.number}期${total}`;
}

/** `2023-05-16` → 2023年5月16日; a month, `2023-10`, → 2023年10月. */
export function formatDate(iso: string): string {
  const [y, m, d] = iso.split('-').map(Number);
  return d === undefined ? `${y}年${m}月` : `${y}年${m}月${d}日`;
}

/** Whether an ISO date names a day (an issue without a printed date is dated by its month). */
export const isDay = (iso: string): boolean => /^\d{4}-\d{2}-\d{2}$/.test(iso);

/** Untitled documents (the ingest could not recover a title) still need a readable label. */
export function documentLabel(doc: { title: string | null; docNumber: string | null; category: string; order: number }): string {
  return doc.title ?? doc.docNumber ?? `${doc.category}（第${doc.order}篇）`;
}
