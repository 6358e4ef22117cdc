/**
 * Positioned messages about the input. Every problem the ingest finds is a vfile message with a
 * rule id, so that maintainers can find the line and tests can assert on the rule.
 */
import type { VFile } from 'vfile';

export const SOURCE = 'gazette-ingest';

export const RULES = {
  empty: 'empty-file',
  notFile: 'not-a-file',
  binary: 'binary-file',
  encoding: 'encoding',
  control: 'control-character',
  truncated: 'truncated',
  fileName: 'file-name',
  notGazette: 'not-a-gazette',
  duplicate: 'duplicate-issue',
  duplicateId: 'duplicate-id',
  issueMismatch: 'issue-mismatch',
  noDocuments: 'no-documents',
  dropped: 'dropped-line',
  unknownDocument: 'unclassified-document',
  metadata: 'metadata',
  correction: 'correction',
  table: 'table-layout',
  pages: 'page-numbers',
} as const;
export type RuleId = (typeof RULES)[keyof typeof RULES];

export interface Position {
  line: number;
  column?: number;
}

export function warn(file: VFile, reason: string, ruleId: RuleId, at?: Position): void {
  file.message(reason, { place: at ? { line: at.line, column: at.column ?? 1 } : undefined, ruleId, source: SOURCE });
}

export function info(file: VFile, reason: string, ruleId: RuleId, at?: Position): void {
  file.info(reason, { place: at ? { line: at.line, column: at.column ?? 1 } : undefined, ruleId, source: SOURCE });
}

/** The same, recorded on a file already ingested (the caller withdraws what it produced). */
export function refuse(file: VFile, reason: string, ruleId: RuleId, at?: Position): void {
  const message = file.message(reason, { place: at ? { line: at.line, column: at.column ?? 1 } : undefined, ruleId, source: SOURCE });
  message.fatal = true;
}

/** A problem that stops this source from being ingested; other sources still build. */
export function fail(file: VFile, reason: string, ruleId: RuleId, at?: Position): never {
  return file.fail(reason, { place: at ? { line: at.line, column: at.column ?? 1 } : undefined, ruleId, source: SOURCE });
}
