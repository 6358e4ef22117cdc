/**
 * The archive's documents as the data export publishes them, produced in memory: each document's
 * tree goes through MDX and back, exactly as the site reads it.
 */
import { ingestFolder } from '../../scripts/ingest.ts';
import { fromMdx, toMdx } from '../../src/lib/mdx-syntax.ts';
import { paragraphs } from '../../src/lib/paragraphs.ts';
import type { Document } from '../../src/lib/schema.ts';

export type ExportedDocument = Document & { paragraphs: string[] };

export function archiveDocuments(sourcesDir: string): ExportedDocument[] {
  return ingestFolder(sourcesDir).issues.flatMap((i) =>
    i.documents.map((d) => ({ ...d.meta, paragraphs: paragraphs(fromMdx(toMdx(d.tree))) })),
  );
}
