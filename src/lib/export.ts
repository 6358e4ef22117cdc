/**
 * The data export's record shapes. Fields are listed explicitly, so the export stays the
 * documented schema even if collection entries gain fields.
 */
import type { Document, DocumentText, Issue } from './schema.ts';
import { documentUrl, issueUrl } from './site.ts';

export function documentRecord(d: Document) {
  return {
    id: d.id,
    issue: { year: d.issue.year, number: d.issue.number, total: d.issue.total },
    order: d.order,
    category: d.category,
    title: d.title,
    subtitle: d.subtitle,
    docNumber: d.docNumber,
    issuer: d.issuer,
    date: d.date,
    issueMonth: d.issueMonth,
    normativeCode: d.normativeCode,
    status: d.status,
    pages: d.pages,
    attachments: d.attachments,
    subItems: d.subItems,
    url: documentUrl(d.id),
  };
}

/**
 * An issue, with its contents drawn from its documents in print order (every issue has them,
 * whether or not it prints a contents page) and, where printed, the contents page as printed.
 */
export function issueRecord(i: Issue, docs: readonly Document[]) {
  return {
    id: i.id,
    year: i.year,
    number: i.number,
    total: i.total,
    date: i.date,
    month: i.month,
    url: issueUrl(i.id),
    documents: i.documents,
    coverCaptions: i.coverCaptions,
    contents: docs.map((d) => ({
      order: d.order,
      id: d.id,
      category: d.category,
      title: d.title,
      docNumber: d.docNumber,
      pages: d.pages,
    })),
    printedContents: i.contents,
  };
}

export const json = (value: unknown) =>
  new Response(JSON.stringify(value, null, 2) + '\n', {
    headers: { 'Content-Type': 'application/json; charset=utf-8' },
  });

/** A record of data/documents.json. */
export type DocumentRecord = ReturnType<typeof documentRecord>;
/** A record of data/issues.json. */
export type IssueRecord = ReturnType<typeof issueRecord>;

/** A record of data/documents/<id>.json: the document's record, its text as paragraphs and as typed blocks. */
export type DocumentTextRecord = DocumentRecord & Omit<DocumentText, 'id'>;
