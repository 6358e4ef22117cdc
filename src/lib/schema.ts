/**
 * The archive's data model: one schema for issues and documents, shared by the content
 * collections, the ingest scripts, the data export and the tests.
 */
import { z } from 'astro/zod';
import { SECTIONS, type SectionName } from './sections.ts';

/** 栏目: the sections a 公报 issue is organised in, in the order an issue prints them (see sections.ts). */
export const CATEGORIES = SECTIONS.map((s) => s.name) as [SectionName, ...SectionName[]];
export const Category = z.enum(CATEGORIES);
export type Category = z.infer<typeof Category>;

/** ASCII for each 栏目 (pinyin initials), for document ids and URLs. */
export const CATEGORY_SLUG = Object.fromEntries(SECTIONS.map((s) => [s.name, s.slug])) as Record<Category, string>;

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD');
/** A month, for what is dated no closer than that (an issue without a printed publication date). */
const isoMonth = z.string().regex(/^\d{4}-\d{2}$/, 'expected YYYY-MM');

export const IssueRef = z.object({
  year: z.number().int().min(1900).max(2200),
  number: z.number().int().min(1).max(99),
  total: z.number().int().positive().nullable(),
});
export type IssueRef = z.infer<typeof IssueRef>;

export const PageRange = z.object({
  start: z.number().int().nonnegative(),
  end: z.number().int().nonnegative(),
});
export type PageRange = z.infer<typeof PageRange>;

/** A document another one names, as printed: its title (《…》) and its 文号 or decree number. */
export const CitedDocument = z.object({
  title: z.string().nullable(),
  docNumber: z.string().nullable(),
});
export type CitedDocument = z.infer<typeof CitedDocument>;

/**
 * What a document prints about its own force: 施行日期, 有效期至 (printed, or counted from 有效期N年),
 * the sentences they were read from, and the documents it 修改 or 废止. Dates only: whether it is
 * in force depends on the day it is read.
 */
export const LegalStatus = z.object({
  effective: isoDate.nullable(),
  expires: isoDate.nullable(),
  sentences: z.array(z.string()),
  amends: z.array(CitedDocument),
  repeals: z.array(CitedDocument),
});
export type LegalStatus = z.infer<typeof LegalStatus>;

export const Document = z.object({
  /** Stable, ASCII, readable; derived from the 文号 where there is one. */
  id: z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/),
  issue: IssueRef,
  /** Position of the document in the printed issue, from 1. */
  order: z.number().int().positive(),
  category: Category,
  title: z.string().nullable(),
  subtitle: z.string().nullable(),
  docNumber: z.string().nullable(),
  issuer: z.string().nullable(),
  date: isoDate.nullable(),
  /** The month of the issue that prints it, to date a document without 成文日期 (never a day). */
  issueMonth: isoMonth.nullable(),
  normativeCode: z.string().nullable(),
  status: LegalStatus,
  /** Printed page numbers of the issue the document spans, where recoverable. */
  pages: PageRange.nullable(),
  attachments: z.array(z.string()),
  /** Headlines of the items of a collective document (政务简讯). */
  subItems: z.array(z.string()),
});
export type Document = z.infer<typeof Document>;

export const ContentsEntry = z.object({
  section: z.string().nullable(),
  title: z.string(),
  docNumber: z.string().nullable(),
  page: z.number().int().nonnegative().nullable(),
});
export type ContentsEntry = z.infer<typeof ContentsEntry>;

export const Issue = z.object({
  /** `YYYY-NN`, as the source file is named. */
  id: z.string().regex(/^\d{4}-\d{2}$/),
  year: z.number().int(),
  number: z.number().int(),
  total: z.number().int().positive().nullable(),
  /** Publication date (出版日期) where printed, else the issue's month (`YYYY-MM`); never an invented day. */
  date: z.union([isoDate, isoMonth]).nullable(),
  /** The month the issue is numbered for (第10期 of a monthly is October's). */
  month: isoMonth.nullable(),
  coverCaptions: z.array(z.string()),
  /** The printed table of contents, with its page numbers. */
  contents: z.array(ContentsEntry),
  documents: z.array(z.string()),
  source: z.object({
    file: z.string(),
    sha256: z.string().regex(/^[0-9a-f]{64}$/),
    flavour: z.enum(['markdown', 'raw']),
  }),
});
export type Issue = z.infer<typeof Issue>;

/**
 * A maintainer's corrections to one issue's conversion, kept next to its source as
 * `YYYY-NN.corrections.json` and applied on every ingest: field overrides by document id, and
 * documents split or merged at source lines.
 */
export const Corrections = z
  .object({
    documents: z
      .record(
        z.string(),
        Document.pick({
          category: true,
          title: true,
          subtitle: true,
          docNumber: true,
          issuer: true,
          date: true,
          normativeCode: true,
          attachments: true,
        })
          .partial()
          .strict(),
      )
      .default({}),
    /** Start a new document at the block holding this source line. */
    split: z.array(z.object({ line: z.number().int().positive(), category: Category.optional() }).strict()).default([]),
    /** Join the document that starts at this source line to the one before it. */
    merge: z.array(z.object({ line: z.number().int().positive() }).strict()).default([]),
  })
  .strict();
export type Corrections = z.infer<typeof Corrections>;

/**
 * A document's body in reading order as typed blocks, as the data export gives it: headings with
 * their depth, paragraphs, list items, and tables with their printed title, header and rows (a
 * merged cell's value repeated in each row it covers).
 */
export const TextBlock = z.discriminatedUnion('type', [
  z.object({ type: z.literal('heading'), depth: z.number().int().min(1).max(6), text: z.string() }),
  z.object({ type: z.literal('paragraph'), text: z.string() }),
  z.object({ type: z.literal('list-item'), text: z.string() }),
  z.object({ type: z.literal('table'), caption: z.string().nullable(), header: z.array(z.string()), rows: z.array(z.array(z.string())) }),
]);
export type TextBlock = z.infer<typeof TextBlock>;

/**
 * A document's text as data: its paragraphs (see paragraphs.ts) and its typed blocks, derived once
 * by the ingest from the document's tree and written beside its MDX as `texts/<id>.json`. Pages,
 * the data export, the search index and the cross-references all read these, so none of them
 * parses a document body.
 */
export const DocumentText = z.object({
  id: z.string(),
  paragraphs: z.array(z.string()),
  blocks: z.array(TextBlock),
});
export type DocumentText = z.infer<typeof DocumentText>;

/**
 * The 文号 the archive holds, as `numbers.json` beside the collections: normal form → the id of
 * the first document in archive order that bears it. The document body plugin links cited 文号
 * with it while each MDX compiles, without reading the documents themselves.
 */
export const HeldNumbers = z.record(z.string(), z.string());
export type HeldNumbers = z.infer<typeof HeldNumbers>;
export const NUMBERS_FILE = 'numbers.json';
