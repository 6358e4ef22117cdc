/**
 * Stage 5b — metadata: a document draft → its title block (标题, 文号, 发文机关, 成文日期,
 * 规范性文件编号, 附件) and its body blocks, each with the role it plays in the printed page.
 * Title-block lines go into metadata and leave the body; the salutation, transmittal text and
 * signature stay in the body in reading order.
 */
import type { Category } from '../../src/lib/schema.ts';
import type { Block } from './blocks.ts';
import {
  ANNEX_LIST,
  compact,
  endsWithDocumentKind,
  isHeadline,
  isOrganisation,
  isSalutation,
  parseDateLine,
  parseDecree,
  parseDocNumber,
  parseNormativeCode,
  sectionOf,
  SIGN_OFF_LABEL,
  SOURCE_CREDIT,
  SUBTITLE_OPENING,
  ITEM_START,
  parseAttachments,
} from './conventions.ts';
import { type DocumentDraft, categoryOfKind, fileCategory } from './documents.ts';
import { blockItem, fileTitleAt } from './title-block.ts';

export type Role = 'body' | 'salutation' | 'signature' | 'sign-off' | 'attachments' | 'source-note';

export interface BodyBlock {
  block: Block;
  role: Role;
}

export interface DocumentParts {
  category: Category;
  title: string | null;
  subtitle: string | null;
  docNumber: string | null;
  issuer: string | null;
  date: string | null;
  normativeCode: string | null;
  attachments: string[];
  subItems: string[];
  /** Blocks whose text went into metadata (they are not repeated in the body). */
  meta: Block[];
  body: BodyBlock[];
}

const text = (b: Block | undefined): string => (b && (b.kind === 'text' || b.kind === 'heading') ? compact(b.text) : '');

/** Where an item of the list of attachments opens on the line of the item before it. */
const ITEM_RUN_ON = new RegExp(String.raw`(?<=[^\d\s：:])${ITEM_START}`, 'gu');

/**
 * The list of attachments as printed, an item to a line (附件：1.… / 2.…): where the lines were read
 * as one run, each item's number opens a line again.
 */
export const attachmentLines = (s: string): string => (s.includes('\n') ? s : s.replace(ITEM_RUN_ON, '\n'));

function emptyParts(category: Category): DocumentParts {
  return {
    category,
    title: null,
    subtitle: null,
    docNumber: null,
    issuer: null,
    date: null,
    normativeCode: null,
    attachments: [],
    subItems: [],
    meta: [],
    body: [],
  };
}

/** A decree is signed by the head of the government: 市长  张振丰. */
const SIGNER = /^(市长|省长|县长|区长|州长)\p{Script=Han}{2,4}$/u;

/** An entry of the 附件 list printed on a line of its own: a number and a title, no sentence. */
const ATTACHMENT_ITEM = /^\d{1,2}[.．、]\s*[^。；，]{2,80}$/u;

/** Signature: an organisation (or a signer's) line followed by a date line (署名 + 成文日期). */
function markSignatures(parts: DocumentParts, blocks: readonly Block[]): void {
  for (let i = 0; i < blocks.length; i++) {
    const b = blocks[i]!;
    const t = text(b);
    const date = parseDateLine(t);
    const signer = i > 0 ? text(blocks[i - 1]) : '';
    if (date && (isOrganisation(signer) || SIGNER.test(signer))) {
      parts.body[parts.body.length - 1]!.role = 'signature';
      parts.body.push({ block: b, role: 'signature' });
      if (isOrganisation(signer)) parts.issuer ??= signer;
      parts.date ??= date;
      continue;
    }
    if (date && parts.body.at(-1)?.role === 'signature') {
      parts.body.push({ block: b, role: 'signature' });
      parts.date ??= date;
      continue;
    }
    let role: Role = 'body';
    if (isSalutation(t) && parts.body.every((x) => x.role !== 'salutation')) role = 'salutation';
    else if (ANNEX_LIST.test(t || (b.items?.[0] ?? '')) && !parts.attachments.length) {
      role = 'attachments';
      parts.attachments = parseAttachments(b.kind === 'list' ? (b.items ?? []).join('\n') : b.text);
    } else if (parts.body.at(-1)?.role === 'attachments' && ATTACHMENT_ITEM.test(t)) {
      // The list of attachments goes on over the next numbered lines (2.… 3.…).
      role = 'attachments';
      parts.attachments.push(...parseAttachments(b.text));
    }
    parts.body.push({ block: b, role });
  }
}

/** A decree: its number and issuer from the title lines, its title from the regulation it promulgates. */
function decreeParts(blocks: readonly Block[]): DocumentParts | null {
  const decree = parseDecree(text(blocks[0]), text(blocks[1]));
  if (!decree) return null;
  const parts = emptyParts('市政府文件');
  parts.docNumber = decree.text;
  parts.issuer = decree.issuer;
  parts.meta.push(...blocks.slice(0, decree.lines));
  markSignatures(parts, blocks.slice(decree.lines));
  const signed = parts.body.findLastIndex((b) => b.role === 'signature');
  const title = parts.body.slice(signed + 1).find((b) => endsWithDocumentKind(text(b.block)) && text(b.block).length <= 60);
  parts.title = title ? text(title.block) : text(blocks[0]);
  parts.category = fileCategory(null, parts.issuer);
  return parts;
}

function fileParts(blocks: readonly Block[]): DocumentParts {
  const decree = decreeParts(blocks);
  if (decree) return decree;
  const parts = emptyParts('其他');
  const head = fileTitleAt(blocks.map(blockItem), 0);
  let n = head ? head.titleEnd + 1 : 0;
  const titleLines: string[] = [];
  blocks.slice(0, n).forEach((b, k) => {
    const t = text(b);
    const role = head?.roles[k];
    if (role === 'number') parts.docNumber ??= parseDocNumber(t)?.text ?? null;
    else if (role === 'code') parts.normativeCode ??= parseNormativeCode(t);
    else if (role === 'issuer') parts.issuer = t;
    else titleLines.push(t);
    parts.meta.push(b);
  });
  // A bracketed line under the title is its subtitle, printed as part of the title.
  const sub = text(blocks[n]);
  if (/^[（(].{1,30}[）)]$/u.test(sub) && !isSalutation(sub)) {
    titleLines.push(sub);
    parts.meta.push(blocks[n]!);
    n++;
  }
  // A 公文's title names its issuer (发文机关名称 + 事由 + 文种, GB/T 9704): printed apart from it (over the 文号), it opens it still.
  const title = titleLines.join('');
  parts.title = (parts.issuer && /^关于/u.test(title) ? parts.issuer + title : title) || null;
  markSignatures(parts, blocks.slice(n));
  if (!parts.issuer && parts.title) {
    const m = /^(.+?)(关于|印发)/u.exec(parts.title);
    if (m && isOrganisation(m[1]!)) parts.issuer = m[1]!;
  }
  parts.category = fileCategory(parts.docNumber, parts.issuer);
  return parts;
}

/** A sign-off field; its value ends where the next field's label begins (fields wrapped at the measure run together). */
const SIGN_OFF = new RegExp(`^(${SIGN_OFF_LABEL})[：:]\\s*(.*?)(?=${SIGN_OFF_LABEL}[：:]|$)`, 'u');

function interpretationParts(blocks: readonly Block[]): DocumentParts {
  const parts = emptyParts('政策解读');
  parts.title = text(blocks[0]);
  parts.meta.push(blocks[0]!);
  for (const b of blocks.slice(1)) {
    const m = SIGN_OFF.exec(text(b));
    if (m) {
      if (/机关|单位|部门/u.test(m[1]!)) parts.issuer ??= m[2]!.trim() || null;
      parts.body.push({ block: b, role: 'sign-off' });
    } else parts.body.push({ block: b, role: 'body' });
  }
  return parts;
}

/** A heading, or a text block that reads as a headline. */
function headlineBlock(b: Block | undefined): boolean {
  return b !== undefined && (b.kind === 'heading' || (b.kind === 'text' && isHeadline(b.text)));
}

/**
 * The feature's title (and subtitle), wherever the extraction put it: first, or after the body
 * and before the photo captions. A headline set as two halves (`A  B`) is complete, so a second
 * line under it is a subtitle; otherwise the second line continues the title.
 */
function featureTitle(parts: DocumentParts, blocks: readonly Block[]): Block[] {
  const at = headlineBlock(blocks[0]) ? 0 : blocks.findIndex((b, i) => i > 0 && headlineBlock(b));
  if (at < 0) return [...blocks];
  const title = blocks[at]!;
  parts.title = title.text.replace(/\s+/gu, (sp) => (sp.length > 1 ? '  ' : ' ')).trim();
  parts.meta.push(title);
  const second = blocks[at + 1];
  const proseAfter = at > 0 || !headlineBlock(blocks[at + 2]);
  if (second && headlineBlock(second) && proseAfter) {
    if (second.kind === 'heading' || /\S\s{2,}\S/u.test(title.text) || at > 0 || SUBTITLE_OPENING.test(text(second)))
      parts.subtitle = text(second);
    else parts.title += text(second);
    parts.meta.push(second);
  }
  return blocks.filter((b) => !parts.meta.includes(b));
}

function sectionParts(draft: DocumentDraft): DocumentParts {
  const kind = draft.kind as Exclude<DocumentDraft['kind'], 'file' | 'interpretation' | 'cover'>;
  const parts = emptyParts(categoryOfKind(kind));
  let body: Block[];
  if (kind === 'feature') body = featureTitle(parts, draft.blocks);
  else {
    // The section's printed title; a 发文目录 printed without one is named after its section.
    const at = draft.blocks.findIndex((b, i) => i < 3 && sectionOf(text(b)) !== null);
    parts.title = at >= 0 ? text(draft.blocks[at]) : kind;
    if (at >= 0) parts.meta.push(draft.blocks[at]!);
    body = draft.blocks.filter((_, i) => i !== at);
  }
  for (const b of body) {
    const t = text(b);
    const credit = SOURCE_CREDIT.exec(t);
    if (credit) {
      parts.issuer ??= credit[1]!;
      parts.body.push({ block: b, role: 'source-note' });
    } else parts.body.push({ block: b, role: 'body' });
  }
  if (kind === '政务简讯') {
    parts.body = newsHeadlines(parts.body);
    parts.subItems = headlines(parts.body.map((b) => b.block));
  }
  return parts;
}

/**
 * In raw text a news item's headline is one or two short unpunctuated lines before its first
 * paragraph: they become one heading.
 */
function newsHeadlines(body: readonly BodyBlock[]): BodyBlock[] {
  const out: BodyBlock[] = [];
  for (const bb of body) {
    const prev = out.at(-1);
    if (bb.block.kind === 'text' && isHeadline(bb.block.text)) {
      if (prev?.block.kind === 'heading' && prev.block.line !== bb.block.line && prev.block.endLine < bb.block.line && !prev.block.depth) {
        prev.block = { ...prev.block, text: prev.block.text + text(bb.block), endLine: bb.block.endLine };
      } else out.push({ ...bb, block: { ...bb.block, kind: 'heading' } });
    } else out.push(bb);
  }
  return out;
}

/** Headlines of news items: headings, with a headline printed over two headings joined. */
function headlines(blocks: readonly Block[]): string[] {
  const out: string[] = [];
  let prevHeading = false;
  for (const b of blocks) {
    const isHeading = b.kind === 'heading';
    if (isHeading && prevHeading) out[out.length - 1] += text(b);
    else if (isHeading) out.push(text(b));
    prevHeading = isHeading;
  }
  return out;
}

export function documentParts(draft: DocumentDraft): DocumentParts {
  switch (draft.kind) {
    case 'file':
      return fileParts(draft.blocks);
    case 'interpretation':
      return interpretationParts(draft.blocks);
    case 'cover': {
      const parts = emptyParts('图片报道');
      parts.title = '图片报道';
      parts.body = draft.blocks.map((block) => ({ block, role: 'body' }));
      return parts;
    }
    default:
      return sectionParts(draft);
  }
}
