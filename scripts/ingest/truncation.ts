/**
 * A source cut short still reads as an issue: every line it has finds a place, and the documents
 * it lost are simply absent. Each rule reads one sign that an issue goes on past the end of its
 * file, and says where the file stops:
 *
 * - the text ends inside a sentence (mid-phrase, or a raw line that fills the measure and goes
 *   on in the next);
 * - the last document is a 公文 (it has a 文号) without its 落款 date, which GB/T 9704 prints at
 *   its end;
 * - the contents list documents that are not in the file;
 * - the monthly chronicle (政府记事), which every issue prints after its documents and news, is
 *   missing.
 */
import { CONTINUES, SENTENCE_END, compact } from './conventions.ts';
import type { IngestedIssue } from './issue.ts';
import { cellWidth, fullWidth, measure } from './lines.ts';
import type { Position } from './messages.ts';
import type { Source } from './read.ts';
import type { Finding } from './evidence.ts';

type Rule = (source: Source, ingested: IngestedIssue) => Finding[];

/** Source lines (0-based) that carry text: not blank, not dropped as a printing artifact. */
function textLines(ingested: IngestedIssue): number[] {
  return ingested.fates.flatMap((f, i) => (f.kind === 'document' || f.kind === 'issue' ? [i] : []));
}

function endOf(source: Source, i: number): Position {
  return { line: i + 1, column: [...source.lines[i]!].length + 1 };
}

const endsInsideSentence: Rule = (source, ingested) => {
  const lines = textLines(ingested);
  const last = lines.at(-1);
  if (last === undefined) return [];
  const text = compact(source.lines[last]!);
  if (SENTENCE_END.test(text)) return [];
  // Raw text wraps at the measure: a cut inside a paragraph leaves its last two lines both full
  // (a paragraph's own last line, or a caption's, is shorter). A markdown paragraph is one line.
  const widths = lines.map((i) => ({ width: cellWidth(source.lines[i]!.trim()) }));
  const full = fullWidth(measure(widths));
  const [before, end] = [widths.at(-2)?.width ?? 0, widths.at(-1)!.width];
  const fills = source.flavour === 'raw' && end >= full && before >= full && end >= before - 1;
  if (!CONTINUES.test(text) && !fills) return [];
  return [{ reason: `the file is truncated: its text ends inside a sentence at line ${last + 1}`, at: endOf(source, last) }];
};

const lastDocumentUnfinished: Rule = (source, ingested) => {
  const last = ingested.documents.at(-1);
  if (!last?.meta.docNumber || last.meta.date) return [];
  return [
    {
      reason: `the file is truncated: the last document, ${last.meta.docNumber} (from line ${last.lines[0]}), has no 落款 date at its end`,
      at: endOf(source, last.lines[1] - 1),
    },
  ];
};

const contentsNotThere: Rule = (source, ingested) => {
  const { documents, issue } = ingested;
  const numbers = new Set(documents.map((d) => d.meta.docNumber));
  const titles = new Set(documents.map((d) => compact(d.meta.title ?? '')));
  const categories = new Set<string>(documents.map((d) => d.meta.category));
  const missing = issue.contents.filter((c) =>
    c.docNumber ? !numbers.has(c.docNumber) : !titles.has(compact(c.title)) && !(c.section && categories.has(c.section)),
  );
  if (!missing.length) return [];
  const contents = ingested.fates.flatMap((f, i) => (f.kind === 'issue' && f.part === 'contents' ? [i] : []));
  const first = missing[0]!;
  const needle = compact(first.docNumber ?? first.title).slice(0, 12);
  const line = contents.find((i) => compact(source.lines[i]!).includes(needle)) ?? contents[0];
  const list = missing.map((c) => `${c.title}${c.docNumber ? `（${c.docNumber}）` : ''} p. ${c.page}`).join('; ');
  return [
    {
      reason: `the file is truncated or incomplete: the contents list ${missing.length} document${missing.length > 1 ? 's' : ''} not in it: ${list}`,
      ...(line !== undefined && { at: { line: line + 1 } }),
    },
  ];
};

const chronicleMissing: Rule = (source, ingested) => {
  const { documents } = ingested;
  if (!documents.length || documents.some((d) => d.meta.category === '政府记事')) return [];
  const last = textLines(ingested).at(-1)!;
  return [
    {
      reason: `the file looks truncated: it stops at line ${last + 1}, and the 政府记事 every issue prints after its documents is not in it`,
      at: endOf(source, last),
    },
  ];
};

const RULES: readonly Rule[] = [endsInsideSentence, lastDocumentUnfinished, contentsNotThere, chronicleMissing];

/** Every sign that the source stops before the issue does. */
export function truncationFindings(source: Source, ingested: IngestedIssue): Finding[] {
  return RULES.flatMap((rule) => rule(source, ingested));
}
