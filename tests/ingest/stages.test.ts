/**
 * Stage fixtures: `tests/fixtures/stages/<case>/input.txt` is raw PDF text; `expected.json` says
 * which stage to run and what it must produce — the blocks of the reflow (with what was dropped),
 * or the documents of a small issue with their metadata and text.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { VFile } from 'vfile';
import { describe, expect, it } from 'vitest';
import type { Block } from '../../scripts/ingest/blocks.ts';
import { ingestIssue } from '../../scripts/ingest/issue.ts';
import { rawBlocks } from '../../scripts/ingest/raw.ts';
import type { Source } from '../../scripts/ingest/read.ts';
import { fromMdx, toMdx } from '../../src/lib/mdx-syntax.ts';
import { paragraphs } from '../../src/lib/paragraphs.ts';
import type { LegalStatus } from '../../src/lib/schema.ts';

const ROOT = 'tests/fixtures/stages';

type ExpectedBlock = string | { torn: string } | { rows: string[][]; caption?: string; covered?: [number, number][] };
type Expected =
  /** `messages`: the warnings the stage gives, as `line:rule`. */
  | { stage: 'blocks'; blocks: ExpectedBlock[]; dropped?: Record<string, number[]>; messages?: string[] }
  | {
      stage: 'documents';
      documents: {
        category: string;
        title: string | null;
        docNumber: string | null;
        issuer: string | null;
        date: string | null;
        paragraphs: string[];
        /** Where given, the legal status read from the text (施行日期, 有效期至, 修改/废止). */
        status?: LegalStatus;
      }[];
    };

function sourceOf(dir: string): Source {
  const text = readFileSync(join(ROOT, dir, 'input.txt'), 'utf8');
  return {
    file: new VFile({ path: join(ROOT, dir, 'input.txt'), value: text }),
    key: '2099-01',
    year: 2099,
    number: 1,
    sha256: '0'.repeat(64),
    flavour: 'raw',
    lines: text.split('\n'),
  };
}

function shape(b: Block): ExpectedBlock {
  if (b.kind === 'table')
    return { rows: b.rows ?? [], ...(b.tableCaption && { caption: b.tableCaption }), ...(b.covered && { covered: b.covered }) };
  if (b.torn) return { torn: b.text };
  return b.text;
}

describe.each(readdirSync(ROOT))('%s', (dir) => {
  const expected = JSON.parse(readFileSync(join(ROOT, dir, 'expected.json'), 'utf8')) as Expected;
  const source = sourceOf(dir);

  if (expected.stage === 'blocks') {
    it('reads as the printed page', () => {
      expect(rawBlocks(source).map(shape)).toEqual(expected.blocks);
      const dropped: Record<string, number[]> = {};
      (source.file.data.fates ?? []).forEach((f, i) => {
        if (f.kind === 'dropped') (dropped[f.reason] ??= []).push(i + 1);
      });
      expect(dropped).toEqual(expected.dropped ?? {});
      if (expected.messages) expect(source.file.messages.map((m) => `${m.line}:${m.ruleId}`)).toEqual(expected.messages);
    });
  } else {
    it('splits into its documents with their metadata and text', () => {
      const { documents } = ingestIssue(source);
      expect(
        documents.map((d, i) => ({
          category: d.meta.category,
          title: d.meta.title,
          docNumber: d.meta.docNumber,
          issuer: d.meta.issuer,
          date: d.meta.date,
          paragraphs: paragraphs(fromMdx(toMdx(d.tree))),
          ...(expected.documents[i]?.status ? { status: d.meta.status } : {}),
        })),
      ).toEqual(expected.documents);
    });
  }
});
