/** Collection queries shared by pages and the data export, so they agree on order. */
import { getCollection, type CollectionEntry } from 'astro:content';
import { crossLinks, type CrossLinks } from './crosslinks.ts';
import type { DocumentText, IssueRef } from './schema.ts';
import { issueId } from './site.ts';

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

let texts: Promise<ReadonlyMap<string, DocumentText>> | undefined;

/**
 * Each document's text by id, as the ingest derived it from the document's tree: the data export,
 * the search index and the cross-references share it, and no page parses a document body.
 */
export function documentTexts(): Promise<ReadonlyMap<string, DocumentText>> {
  texts ??= getCollection('texts').then((entries) => new Map(entries.map((e) => [e.id, e.data])));
  return texts;
}

/** The text of a document the archive holds (every document has one). */
export async function documentText(id: string): Promise<DocumentText> {
  return textIn(await documentTexts(), id);
}

function textIn(texts: ReadonlyMap<string, DocumentText>, id: string): DocumentText {
  const text = texts.get(id);
  if (!text) throw new Error(`no text for document ${id}: run the ingest again`);
  return text;
}

export interface Archive {
  issues: IssueEntry[];
  documents: DocumentEntry[];
  document(id: string): DocumentEntry | undefined;
  issue(ref: Pick<IssueRef, 'year' | 'number'>): IssueEntry | undefined;
  /** The documents of an issue, in print order. */
  documentsOf(issue: IssueEntry): DocumentEntry[];
  links: CrossLinks;
}

let cached: Promise<Archive> | undefined;

/** Everything pages need to cross-reference, computed once per build. */
export function archive(): Promise<Archive> {
  cached ??= (async () => {
    const [issues, documents, texts] = await Promise.all([allIssues(), allDocuments(), documentTexts()]);
    const byId = new Map(documents.map((d) => [d.id, d]));
    const issuesById = new Map(issues.map((i) => [i.id, i]));
    const byIssue = Map.groupBy(documents, (d) => issueId(d.data.issue));
    const links = crossLinks(documents.map((d) => ({ id: d.id, data: d.data, text: textIn(texts, d.id).paragraphs })));
    return {
      issues,
      documents,
      document: (id) => byId.get(id),
      issue: (ref) => issuesById.get(issueId(ref)),
      documentsOf: (issue) => byIssue.get(issue.id) ?? [],
      links,
    };
  })();
  return cached;
}

/**
 * The date a document is shown, sorted and grouped by: its 成文日期, else the month of its issue
 * (`YYYY-MM`, never a day the document does not print).
 */
export function listingDate(doc: DocumentEntry): { date: string | null; kind: '成文' | '刊期' } {
  if (doc.data.date) return { date: doc.data.date, kind: '成文' };
  return { date: doc.data.issueMonth, kind: '刊期' };
}

/** Newest issue first, and in print order within an issue, as indexes list documents. */
export function newestFirst(docs: readonly DocumentEntry[]): DocumentEntry[] {
  return docs.toSorted(
    (a, b) => b.data.issue.year - a.data.issue.year || b.data.issue.number - a.data.issue.number || a.data.order - b.data.order,
  );
}

/** Issuing bodies (发文机关) with their documents, most documents first, then by name. */
export function issuers(docs: readonly DocumentEntry[]): { name: string; docs: DocumentEntry[] }[] {
  const by = Map.groupBy(
    docs.filter((d) => d.data.issuer),
    (d) => d.data.issuer!,
  );
  return [...by]
    .map(([name, list]) => ({ name, docs: newestFirst(list) }))
    .sort((a, b) => b.docs.length - a.docs.length || a.name.localeCompare(b.name, 'zh-Hans-CN'));
}
