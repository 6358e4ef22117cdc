/**
 * One source file through everything that depends on it alone: read, its corrections, the
 * pipeline (issue.ts), the truncation findings and its documents' MDX. What depends on the other issues of the
 * archive (duplicates, 文号 ids taken earlier, the running count) is decided afterwards, in order,
 * by the driver (scripts/ingest.ts); so sources can be converted in any order, or at once.
 */
import { readFileSync, statSync } from 'node:fs';
import { VFile } from 'vfile';
import { VFileMessage } from 'vfile-message';
import { toMdx } from '../../src/lib/mdx-syntax.ts';
import { readCorrections } from './corrections.ts';
import type { Finding } from './evidence.ts';
import { type IngestedIssue, ingestIssue } from './issue.ts';
import { RULES, fail } from './messages.ts';
import { type Source, readSource } from './read.ts';
import { truncationFindings } from './truncation.ts';

export interface Converted {
  path: string;
  /** The source's vfile, then its corrections file if it has one, with their messages. */
  files: VFile[];
  /** Absent when the source was refused. `bodies` are its documents' MDX, without frontmatter. */
  issue?: { source: Source; ingested: IngestedIssue; truncation: Finding[]; bodies: string[] };
}

export function convertSource(path: string): Converted {
  const files: VFile[] = [];
  try {
    if (!statSync(path, { throwIfNoEntry: false })?.isFile())
      fail(new VFile({ path }), 'not a regular file; a source is a text file', RULES.notFile);
    const source = readSource(path, readFileSync(path));
    files.push(source.file);
    const { corrections, file: correctionsFile } = readCorrections(path);
    if (correctionsFile) files.push(correctionsFile);
    const ingested = ingestIssue(source, corrections, correctionsFile);
    const truncation = truncationFindings(source, ingested);
    return { path, files, issue: { source, ingested, truncation, bodies: ingested.documents.map((d) => toMdx(d.tree)) } };
  } catch (error) {
    if (!(error instanceof VFileMessage)) throw error;
    // A source refused before it was read has no vfile yet; one refused later has the message already.
    if (!files.some((f) => f.path === path)) {
      const file = new VFile({ path });
      file.messages.push(error);
      files.push(file);
    }
    return { path, files };
  }
}
