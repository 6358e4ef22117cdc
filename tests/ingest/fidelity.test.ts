/**
 * Nothing is lost: every line of every source ends up in a document, on the issue page (cover,
 * masthead, contents, colophon), or in the report as dropped with a reason — and the text of a
 * document's lines is in the document.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ingestIssue } from '../../scripts/ingest/issue.ts';
import { readSource } from '../../scripts/ingest/read.ts';
import { MIN_SHOWN, shownShare } from '../support/shown.ts';

const REASONS = new Set(['page number', 'running header', 'section tab', 'markup']);

describe.each(readdirSync('content/sources').filter((f) => f.endsWith('.txt')))('%s', (name) => {
  const source = readSource(`content/sources/${name}`, readFileSync(`content/sources/${name}`));
  const { fates, documents } = ingestIssue(source);

  it('gives every line a place or a reason', () => {
    const unexplained = fates.flatMap((f, i) =>
      f.kind === 'pending' || (f.kind === 'dropped' && !REASONS.has(f.reason)) ? [`${i + 1}: ${source.lines[i]}`] : [],
    );
    expect(unexplained).toEqual([]);
  });

  it.each(documents.map((d) => [d.meta.id, d] as const))('%s shows the text of its lines', (_, d) => {
    expect(shownShare(d, fates, source.lines)).toBeGreaterThanOrEqual(MIN_SHOWN);
  });
});
