/**
 * The per-issue ingest report: what a maintainer reads to check a conversion — documents found,
 * the problems noted, and every source line that was dropped, with the reason.
 */
import type { VFile } from 'vfile';
import type { IngestedIssue } from './issue.ts';

/** `3, 5-9, 12`: line numbers as ranges. */
export function ranges(ns: readonly number[]): string {
  const out: string[] = [];
  for (let i = 0; i < ns.length; i++) {
    let j = i;
    while (j + 1 < ns.length && ns[j + 1] === ns[j]! + 1) j++;
    out.push(i === j ? `${ns[i]}` : `${ns[i]}-${ns[j]}`);
    i = j;
  }
  return out.join(', ');
}

export function issueReport(ingested: IngestedIssue, file: VFile): string {
  const { issue, documents, fates } = ingested;
  const out = [
    `# Ingest report ${issue.id}`,
    '',
    `Source: ${issue.source.file} (${issue.source.flavour}), sha256 ${issue.source.sha256}`,
    `总第${issue.total ?? '?'}期, published ${issue.date ?? 'date not printed'}`,
    '',
    `## Documents (${documents.length})`,
    '',
  ];
  for (const d of documents) {
    out.push(
      `- ${d.meta.order}. [${d.meta.category}] ${d.meta.title ?? '(untitled)'} ${d.meta.docNumber ?? ''} — ${d.meta.id}, lines ${d.lines[0]}-${d.lines[1]}`,
    );
  }
  out.push('', `## Messages (${file.messages.length})`, '');
  for (const m of file.messages)
    out.push(`- ${m.line ?? '?'}:${m.column ?? '?'} ${m.fatal ? 'error' : 'warning'} ${m.reason} (${m.ruleId})`);
  const dropped = Map.groupBy(
    fates.flatMap((f, i) => (f.kind === 'dropped' ? [{ reason: f.reason, line: i + 1 }] : [])),
    (d) => d.reason,
  );
  const kept = { document: 0, issue: 0 };
  for (const f of fates) if (f.kind === 'document' || f.kind === 'issue') kept[f.kind]++;
  out.push(
    '',
    '## Lines',
    '',
    `- in documents: ${kept.document}`,
    `- on the issue page (cover, masthead, contents, colophon): ${kept.issue}`,
  );
  for (const [reason, ds] of dropped) out.push(`- dropped as ${reason} (${ds.length}): ${ranges(ds.map((d) => d.line))}`);
  return `${out.join('\n')}\n`;
}
