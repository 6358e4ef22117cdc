/**
 * The reflow of converted text (the markdown flavour): a paragraph cut by a page break or a
 * removed line comes out as two blocks, which become one again where the first may go on into the
 * second. Without the printed layout, only the text says so.
 */
import { type Block, CHRONICLE_ITEM, isAnnexHeading, isHeadingLine, isLabelled, isStandalone, joinText, numberingOf } from '../blocks.ts';
import { CONTINUES, SENTENCE_END, compact, isOrganisation } from '../conventions.ts';
import { type Rule, decide, joinIf } from './decide.ts';

export interface TextPair {
  /** The text the paragraph ends with and the text after it, compacted. */
  prev: string;
  next: string;
}

/** Nothing to join. */
function emptyText({ prev, next }: TextPair): 'break' | undefined {
  if (!prev || !next) return 'break';
}

/** Numbering, salutations, 文号, dates and short `label：value` fields stand alone. */
function standaloneText({ prev, next }: TextPair): 'break' | undefined {
  if (isStandalone(prev) || isStandalone(next) || isLabelled(prev) || isLabelled(next)) return 'break';
}

/** Numbering, an annex's heading or a chronicle's event opens a paragraph of its own. */
function itemOpens({ next }: TextPair): 'break' | undefined {
  if (numberingOf(next) || isAnnexHeading(next) || CHRONICLE_ITEM.test(next)) return 'break';
}

/** A finished sentence, or a numbered heading, ends its paragraph. */
function finished({ prev }: TextPair): 'break' | undefined {
  if (SENTENCE_END.test(prev) || isHeadingLine(prev)) return 'break';
}

/** Text that stops mid-phrase goes on. */
function midPhrase({ prev }: TextPair): 'join' | undefined {
  if (CONTINUES.test(prev)) return 'join';
}

/** An organisation name alone ends a signature; anything else unfinished goes on. */
function signature({ prev }: TextPair) {
  return joinIf(!isOrganisation(prev));
}

export const TEXT_JOINS: readonly Rule<TextPair>[] = [emptyText, standaloneText, itemOpens, finished, midPhrase, signature];

/** May `next` continue the paragraph that `prev` ends? */
export function continues(prev: string, next: string): boolean {
  return decide(TEXT_JOINS, { prev: compact(prev), next: compact(next) }).verdict === 'join';
}

/** Text blocks that one paragraph was cut into (by a page break, a removed line) become one again. */
export function rejoin(blocks: readonly Block[]): Block[] {
  const out: Block[] = [];
  for (const b of blocks) {
    const prev = out.at(-1);
    if (prev && prev.kind === 'text' && b.kind === 'text' && !prev.title && !b.title && continues(prev.text, b.text)) {
      out[out.length - 1] = { ...prev, text: joinText(prev.text, b.text), endLine: Math.max(prev.endLine, b.endLine) };
    } else out.push(b);
  }
  return out;
}
