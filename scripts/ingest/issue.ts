/**
 * One source through the whole pipeline: read → (pages → lines →) blocks → documents → mdast.
 * Returns the issue record, its documents with their trees, and the fate of every source line,
 * so that nothing is lost without a reason.
 */
import type { Root } from 'mdast';
import type { ContentsEntry, Corrections, Document, Issue } from '../../src/lib/schema.ts';
import type { VFile } from 'vfile';
import { type Block, joinText } from './blocks.ts';
import { DATED_OPENING, compact, issueMonth, parseDocNumber } from './conventions.ts';
import { CONTENTS_ENTRY, type DocumentDraft, isCaption, segment } from './documents.ts';
import { EMPTY, at } from './corrections.ts';
import { type LineFate, startFates } from './fates.ts';
import { documentId, freeId } from './ids.ts';
import { markdownBlocks } from './markdown.ts';
import { RULES, warn } from './messages.ts';
import { type DocumentParts, documentParts } from './metadata.ts';
import { documentTree } from './mdast.ts';
import { rawBlocks } from './raw.ts';
import type { Source } from './read.ts';
import { rejoin } from './reflow/text.ts';
import { legalStatus } from './status.ts';
import { siteConfig } from '../../src/site.config.ts';

export interface IngestedDocument {
  meta: Document;
  tree: Root;
  lines: [number, number];
}

export interface IngestedIssue {
  issue: Issue;
  /** Front and back matter (masthead, editorial board, colophon): kept on the issue page. */
  frontMatter: string[];
  backMatter: string[];
  documents: IngestedDocument[];
  fates: LineFate[];
}

/** Facts an issue prints about itself: 总第N期, YYYY年第N期, 出版日期. */
export function issueFacts(lines: readonly string[]): {
  total: number | null;
  year: number | null;
  number: number | null;
  date: string | null;
} {
  // Markdown markup (## 2023.5, **2023**) is not part of what is printed.
  const text = lines.map((l) => compact(l.replace(/^#+\s*|\*+/gu, ''))).join('\n');
  const total = /总第(\d{1,4})期/u.exec(text);
  const yn = /(\d{4})年第(\d{1,2})期/u.exec(text) ?? /\n(\d{4})\n+第(\d{1,2})期/u.exec(text) ?? /\n(\d{4})[.．](\d{1,2})\n/u.exec(text);
  const date = /出版日期[：:](\d{4})年(\d{1,2})月(\d{1,2})日/u.exec(text);
  return {
    total: total ? Number(total[1]) : null,
    year: yn ? Number(yn[1]) : null,
    number: yn ? Number(yn[2]) : null,
    date: date ? `${date[1]}-${date[2]!.padStart(2, '0')}-${date[3]!.padStart(2, '0')}` : null,
  };
}

function contentsOf(front: readonly Block[]): ContentsEntry[] {
  const out: ContentsEntry[] = [];
  let section: string | null = null;
  for (const b of front) {
    const t = compact(b.text);
    const m = CONTENTS_ENTRY.exec(t);
    if (m) {
      const title = m[1]!.replace(/[（(]([^（()）]*〔\d{4}〕[^（()）]*号)[）)]$/u, '');
      const number = /[（(]([^（()）]*〔\d{4}〕\d+号)[）)]$/u.exec(m[1]!);
      out.push({ section, title, docNumber: number ? (parseDocNumber(number[1]!)?.text ?? null) : null, page: Number(m[2]) });
    } else if (out.length || b.kind === 'heading') {
      if (t.length <= 12 && t) section = t;
    }
  }
  return out;
}

/** The paragraphs of a block: its text, a list's items, a table's rows (cells joined by a tab). */
function paragraphsOf(b: Block): string[] {
  if (b.kind === 'list') return b.items ?? [];
  if (b.kind === 'table') return (b.rows ?? []).map((r) => r.join('\t'));
  return [b.text];
}

function textOf(b: Block): string {
  if (b.kind === 'table') return (b.rows ?? []).map((r) => r.join('\t')).join('\n');
  if (b.kind === 'list') return (b.items ?? []).join('\n');
  return b.text;
}

const isCoverCaption = (b: Block): boolean => b.kind === 'text' && DATED_OPENING.test(b.text) && isCaption(b);

/**
 * A caption of the cover's photos among others: dated, or — one that names no day (温州港恢复…，
 * 5月10日…) — after a dated caption and before another, a new page, a title or nothing.
 */
function captionAt(blocks: readonly Block[], i: number): boolean {
  const b = blocks[i]!;
  if (isCoverCaption(b)) return true;
  const before = blocks[i - 1];
  const next = blocks[i + 1];
  return (
    b.kind === 'text' &&
    isCaption(b) &&
    before !== undefined &&
    isCoverCaption(before) &&
    (!next || isCoverCaption(next) || next.pageStart === true || next.title === true)
  );
}

/** A run of three or more captions at the start or the end of a document's blocks. */
function captionRun(blocks: readonly Block[], at: 'start' | 'end'): Block[] {
  const from = at === 'start' ? 0 : blocks.findLastIndex((_, i) => !captionAt(blocks, i)) + 1;
  const to = at === 'start' ? blocks.findIndex((_, i) => !captionAt(blocks, i)) : blocks.length;
  const run = blocks.slice(from, to < 0 ? blocks.length : to);
  return run.length >= 3 && run.length < blocks.length ? run : [];
}

/**
 * The cover photos' captions, by their form (dated sentences with no body around them), wherever
 * the issue prints them: first, or at the back — after the closing sections, before the
 * back-cover feature (which then opens with them), or last — or in both places.
 */
function coverCaptions(front: readonly Block[], drafts: DocumentDraft[]): Block[] {
  const captions = front.filter(isCaption);
  const last = drafts.at(-1);
  if (!last) return captions;
  const leading = last.kind === 'feature' ? captionRun(last.blocks, 'start') : [];
  if (leading.length) last.blocks = last.blocks.slice(leading.length);
  const trailing = captionRun(last.blocks, 'end');
  const before = drafts.at(-2);
  const beforeFeature = last.kind === 'feature' && before ? captionRun(before.blocks, 'end') : [];
  if (trailing.length) last.blocks = last.blocks.slice(0, last.blocks.length - trailing.length);
  if (beforeFeature.length && before) before.blocks = before.blocks.slice(0, before.blocks.length - beforeFeature.length);
  return [...captions, ...beforeFeature, ...leading, ...trailing];
}

export function ingestIssue(source: Source, corrections: Corrections = EMPTY, correctionsFile: VFile | null = null): IngestedIssue {
  const { file, lines } = source;
  const fates = startFates(file, lines);
  // A block spans the lines it was read from; artifacts dropped between them keep their reason.
  const mark = (b: Block, fate: LineFate): void => {
    for (let n = b.line; n <= b.endLine; n++) if (fates[n - 1]?.kind === 'pending') fates[n - 1] = fate;
  };
  const blocks = source.flavour === 'markdown' ? markdownBlocks(lines) : rawBlocks(source);
  const seg = segment(blocks, corrections);
  file.data.opened = seg.opened;
  const { unmatched } = seg;
  const stale = (what: string, path: (string | number)[]) => {
    if (correctionsFile)
      warn(correctionsFile, `${what} matches nothing in ${source.key}.txt any more`, RULES.correction, at(correctionsFile, path));
  };
  for (const line of unmatched.split) stale(`the split at line ${line}`, ['split', corrections.split.findIndex((s) => s.line === line)]);
  for (const line of unmatched.merge) stale(`the merge at line ${line}`, ['merge', corrections.merge.findIndex((s) => s.line === line)]);

  // The front matter: cover photo captions form the 图片报道; the rest (cover, masthead, contents) stays with the issue.
  // Raw text was reflowed line by line; a markdown conversion still has paragraphs cut at page breaks.
  const documentsDrafts = source.flavour === 'markdown' ? seg.documents.map((d) => ({ ...d, blocks: rejoin(d.blocks) })) : seg.documents;
  const captions = coverCaptions(seg.front, documentsDrafts);
  const drafts: DocumentDraft[] = captions.length ? [{ kind: 'cover', blocks: captions }, ...documentsDrafts] : documentsDrafts;
  const contents = contentsOf(seg.front);
  const frontMatter: string[] = [];
  for (const b of seg.front) {
    if (captions.includes(b)) continue;
    if (CONTENTS_ENTRY.test(compact(b.text))) mark(b, { kind: 'issue', part: 'contents' });
    else {
      mark(b, { kind: 'issue', part: 'front' });
      frontMatter.push(textOf(b));
    }
  }
  for (const b of seg.back) mark(b, { kind: 'issue', part: 'back' });

  // An issue prints its number on the cover, masthead, running headers and banners: not in a
  // document, where 《…》2023年第3期 cites another periodical.
  const facts = issueFacts(lines.filter((_, i) => fates[i]?.kind === 'issue' || fates[i]?.kind === 'dropped'));
  if (!drafts.length) warn(file, 'no documents were found in this issue', RULES.noDocuments);

  const issueRef = { year: source.year, number: source.number, total: facts.total };
  const month = issueMonth(source.year, source.number, siteConfig.frequency);
  const ordinal = (counts: Map<string, number>, category: string): number => {
    counts.set(category, (counts.get(category) ?? 0) + 1);
    return counts.get(category)!;
  };
  const converted = new Map<string, number>();
  const corrected = new Map<string, number>();
  const used = new Set<string>();
  const ids = new Set<string>();
  const documents: IngestedDocument[] = drafts.map((draft, k) => {
    const parts: DocumentParts = documentParts(draft);
    // Corrections name a document by the id the converter gives it; the id then follows the corrected fields.
    const convertedId = documentId(source.key, parts.category, parts.docNumber, ordinal(converted, parts.category));
    const override = corrections.documents[convertedId];
    if (override) {
      Object.assign(parts, override);
      used.add(convertedId);
    }
    const named = documentId(source.key, parts.category, parts.docNumber, ordinal(corrected, parts.category));
    const id = freeId(named, ids);
    ids.add(id);
    const first = draft.blocks[0]!;
    if (id !== named)
      warn(
        file,
        `an earlier document of this issue is already ${named} (the same 文号 printed twice?); this one is ${id}`,
        RULES.duplicateId,
        {
          line: first.line,
        },
      );
    for (const b of draft.blocks) mark(b, { kind: 'document', id });
    const last = draft.blocks.at(-1)!;
    const pages = draft.blocks.flatMap((b) => [b.page, b.endPage ?? null]).filter((p): p is number => p !== null);
    // The contents name a document by its 文号 or title, or (政务简讯: 温州城市发展大会召开等简讯6则) by its place in its section.
    const inSection = contents.filter((c) => c.section === parts.category);
    const fromContents =
      contents.find(
        (c) => (c.docNumber && c.docNumber === parts.docNumber) || (parts.title && compact(c.title) === compact(parts.title)),
      ) ?? inSection[(corrected.get(parts.category) ?? 1) - 1];
    // Printed numbers known only for some pages bound a document only where its first and last pages are among them.
    const lastPage = last.endPage ?? last.page;
    const start = fromContents?.page ?? (first.page !== null && lastPage !== null ? Math.min(...pages) : null);
    const meta: Document = {
      id,
      issue: issueRef,
      order: k + 1,
      category: parts.category,
      title: parts.title,
      subtitle: parts.subtitle,
      docNumber: parts.docNumber,
      issuer: parts.issuer,
      date: parts.date,
      issueMonth: month,
      normativeCode: parts.normativeCode,
      // A 政策解读 or a news item quotes what other documents print about their force.
      status: legalStatus(draft.kind === 'file' ? parts.body.flatMap(({ block }) => paragraphsOf(block)) : [], parts.date),
      pages: start === null ? null : { start, end: Math.max(start, ...pages) },
      attachments: parts.attachments,
      subItems: parts.subItems,
    };
    return {
      meta,
      tree: documentTree(parts),
      lines: [Math.min(first.line, ...draft.blocks.map((b) => b.line)), Math.max(...draft.blocks.map((b) => b.endLine), last.endLine)],
    };
  });
  for (const key of Object.keys(corrections.documents)) if (!used.has(key)) stale(`the correction of ${key}`, ['documents', key]);
  // Where only the first page is known (from the contents), a document runs to the page before the next one.
  documents.forEach((d, k) => {
    const next = documents.slice(k + 1).find((n) => n.meta.pages)?.meta.pages;
    if (d.meta.pages && next && d.meta.pages.end === d.meta.pages.start && next.start > d.meta.pages.start)
      d.meta.pages.end = next.start - 1;
  });
  const issue: Issue = {
    id: source.key,
    year: source.year,
    number: source.number,
    total: facts.total,
    date: facts.date ?? month,
    month,
    coverCaptions: captions.map((b) => b.text.split('\n').reduce(joinText)),
    contents,
    documents: documents.map((d) => d.meta.id),
    source: { file: `${source.key}.txt`, sha256: source.sha256, flavour: source.flavour },
  };
  // What no block took is markup of the markdown flavour (rules, empty table rows): nothing printed.
  fates.forEach((f, i) => {
    if (f.kind === 'pending') fates[i] = { kind: 'dropped', reason: source.flavour === 'markdown' ? 'markup' : 'unread' };
  });
  return { issue, frontMatter, backMatter: seg.back.map(textOf), documents, fates };
}
