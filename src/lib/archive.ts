/** Collection queries shared by pages and the data export, so they agree on order. */
import { getCollection, type CollectionEntry } from 'astro:content';

export type IssueEntry = CollectionEntry<'issues'>;
export type DocumentEntry = CollectionEntry<'documents'>;

/** Oldest first, like the documents; pages that list newest first reverse it. */
export async function allIssues(): Promise<IssueEntry[]> {
  const issues = await getCollection('issues');
  return issues.toSorted((a, b) => a.data.year - b.data.year || a.data.number - b.data.number);
}

/** In print order: by issue, then position in the issue. */
export async function allDocuments(): Promise<DocumentEntry[]> {
  const docs = await getCollection('documents');
  return docs.toSorted(
    (a, b) => a.data.issue.year - b.data.issue.year || a.data.issue.number - b.data.issue.number || a.data.order - b.data.order,
  );
}
