import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { Document, DocumentText, Issue } from './lib/schema.ts';

const base = process.env.GAZETTE_CONTENT || 'content/generated';

// Entry ids must equal the ids written by the ingest, because pages, URLs and the data export
// all key on them; the default loader would slugify the path instead.
const byId = ({ entry, data }: { entry: string; data: Record<string, unknown> }) =>
  typeof data.id === 'string' ? data.id : entry.replace(/\.(mdx|json)$/, '');

export const collections = {
  issues: defineCollection({
    loader: glob({ base: `${base}/issues`, pattern: '*.mdx', generateId: byId }),
    schema: Issue,
  }),
  documents: defineCollection({
    loader: glob({ base: `${base}/documents`, pattern: '*.mdx', generateId: byId }),
    schema: Document,
  }),
  /** Each document's text as data, derived by the ingest (see DocumentText). */
  texts: defineCollection({
    loader: glob({ base: `${base}/texts`, pattern: '*.json', generateId: byId }),
    schema: DocumentText,
  }),
};
