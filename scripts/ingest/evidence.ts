/**
 * The file name against what the issue prints. A source is published as the issue its name says,
 * so a name that contradicts the text would file an issue under another's number. Each rule reads
 * one thing an issue prints about when it appeared and says where it disagrees with the name:
 *
 * - the number on the cover, masthead or running headers (YYYY年第N期);
 * - the month of the monthly sections (N月份市政府记事, N月份市政府人事任免, YYYY年N月份…统计指标):
 *   a monthly 公报 prints the month of its number;
 * - the dates of the documents (成文日期): none after the year of the issue, and not all of them
 *   more than a year before it;
 * - the running count 总第N期, against the other issues of the archive: issues of one year are
 *   numbered one after another, and a later issue has a larger count.
 */
import type { Issue } from '../../src/lib/schema.ts';
import { compact } from './conventions.ts';
import { type IngestedIssue, issueFacts } from './issue.ts';
import type { Position } from './messages.ts';
import type { Source } from './read.ts';

export interface Finding {
  reason: string;
  at?: Position;
}

/** What is known of an issue already read, for the rules that compare issues. */
export type Earlier = Pick<Issue, 'id' | 'year' | 'number' | 'total'> & { file: string };

type Rule = (source: Source, ingested: IngestedIssue, earlier: readonly Earlier[]) => Finding[];

/** Lines on the issue's own pages (cover, masthead, contents, headers), where it prints its number. */
export function issueLines(source: Source, ingested: IngestedIssue): number[] {
  return source.lines.flatMap((_, i) => {
    const fate = ingested.fates[i];
    return fate?.kind === 'issue' || fate?.kind === 'dropped' ? [i] : [];
  });
}

/** The first of `indices` whose printed text contains `needle`. */
export function lineWith(source: Source, indices: readonly number[], needle: string): Position | undefined {
  const i = indices.find((k) => compact(source.lines[k]!.replace(/^#+\s*|\*+/gu, '')).includes(needle));
  return i === undefined ? undefined : { line: i + 1 };
}

const printedNumber: Rule = (source, ingested) => {
  const lines = issueLines(source, ingested);
  const facts = issueFacts(lines.map((i) => source.lines[i]!));
  if (facts.year === null || (facts.year === source.year && facts.number === source.number)) return [];
  return [
    {
      reason: `the file is named ${source.key} but the issue prints ${facts.year}年第${facts.number}期`,
      at: lineWith(source, lines, `第${facts.number}期`) ?? lineWith(source, lines, String(facts.year)),
    },
  ];
};

const MONTHLY = new Set(['政府记事', '人事任免', '统计资料']);
/** 5月份市政府记事, 温州市2023年5月份国民经济主要统计指标. */
const SECTION_MONTH = /(?:(\d{4})年)?(\d{1,2})月份/u;

const sectionMonths: Rule = (source, ingested) =>
  ingested.documents.flatMap((d) => {
    if (!MONTHLY.has(d.meta.category)) return [];
    const m = SECTION_MONTH.exec(compact(d.meta.title ?? ''));
    if (!m) return [];
    const year = m[1] ? Number(m[1]) : null;
    const month = Number(m[2]);
    if ((year === null || year === source.year) && month === source.number) return [];
    return [
      {
        reason: `the file is named ${source.key} but its ${d.meta.category} is for ${year ? `${year}年` : ''}${month}月 (${d.meta.title})`,
        at: { line: d.lines[0] },
      },
    ];
  });

const documentDates: Rule = (source, ingested) => {
  const dated = ingested.documents.filter((d) => d.meta.date).sort((a, b) => a.meta.date!.localeCompare(b.meta.date!));
  const latest = dated.at(-1);
  if (!latest) return [];
  const year = Number(latest.meta.date!.slice(0, 4));
  const at = { line: latest.lines[0] };
  if (year > source.year)
    return [{ reason: `the file is named ${source.key} but ${latest.meta.id} is dated ${latest.meta.date}, after that year`, at }];
  if (year < source.year - 1)
    return [{ reason: `the file is named ${source.key} but its latest document, ${latest.meta.id}, is dated ${latest.meta.date}`, at }];
  return [];
};

const runningCount: Rule = (source, ingested, earlier) => {
  const total = ingested.issue.total;
  if (total === null) return [];
  const at = lineWith(source, issueLines(source, ingested), `总第${total}期`);
  return earlier.flatMap((e) => {
    // The same count twice is the same issue twice, which the ingest refuses on its own.
    if (e.total === null || e.total === total) return [];
    const sameYear = e.year === source.year && total - e.total !== source.number - e.number;
    const order = Math.sign(total - e.total) !== Math.sign(source.year * 100 + source.number - (e.year * 100 + e.number));
    if (!sameYear && !order) return [];
    return [{ reason: `the file is named ${source.key} and prints 总第${total}期, but ${e.file} prints 总第${e.total}期`, at }];
  });
};

const RULES: readonly Rule[] = [printedNumber, sectionMonths, documentDates, runningCount];

/** Everything the issue prints that contradicts its file name. */
export function nameFindings(source: Source, ingested: IngestedIssue, earlier: readonly Earlier[]): Finding[] {
  return RULES.flatMap((rule) => rule(source, ingested, earlier));
}
