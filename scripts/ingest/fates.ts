/**
 * What became of each source line, kept on the source's vfile (`file.data`) as the pipeline
 * goes: the fate of every line (so that nothing is lost without a reason), and for raw text what
 * the reflow did with each content line (so that a paragraph can be traced to the rule that made
 * it; see explain.ts), and which rule opened each document.
 */
import type { VFile } from 'vfile';
import type { Block } from './blocks.ts';
import type { Opened } from './documents.ts';
import type { Decision } from './reflow/decide.ts';

export type LineFate =
  | { kind: 'pending' }
  | { kind: 'document'; id: string }
  | { kind: 'issue'; part: 'front' | 'contents' | 'back' }
  | { kind: 'dropped'; reason: string }
  | { kind: 'blank' };

/** A content line of raw text on its way through pages, reading order and reflow. */
export interface LineTrace {
  /** Index of the printed page (0-based, in source order) and its printed number where known. */
  sheet: number;
  page: number | null;
  /** The width of a full line on its page. */
  measure: number;
  /** The source line read just before it, where reading order put it after another one. */
  readAfter?: number;
  /** It belongs to a title in large type (see order.ts), or to a photo caption lifted out of the text. */
  title?: boolean;
  caption?: boolean;
  /** Whether it went on the paragraph of the line read before it, and which rule said so. */
  decision?: Decision & { prev: number };
  /** The block it went into. */
  block?: Block;
}

declare module 'vfile' {
  interface DataMap {
    fates: LineFate[];
    /** By 1-based source line. */
    reflow: globalThis.Map<number, LineTrace>;
    /** By the source line of its first block: each document's kind and the rule that opened it (see documents.ts). */
    opened: globalThis.Map<number, Opened>;
  }
}

/** The fates of a file's lines from the start: each pending (or blank) until a stage decides it. */
export function startFates(file: VFile, lines: readonly string[]): LineFate[] {
  return (file.data.fates = lines.map((l) => (l.trim() ? { kind: 'pending' } : { kind: 'blank' })));
}

/** The fates decided so far. */
export function fatesOf(file: VFile, lines: readonly string[]): LineFate[] {
  return file.data.fates ?? startFates(file, lines);
}
