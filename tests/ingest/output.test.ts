/**
 * The ingest as a maintainer runs it: the same sources give byte-identical collections, every
 * generated file parses as MDX, and --strict turns any warning into a failing exit code.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import matter from 'gray-matter';
import { describe, expect, it } from 'vitest';
import { ingestFolder, writeCollections } from '../../scripts/ingest.ts';
import { heldNumbers } from '../../src/lib/docnumber.ts';
import { fromMdx } from '../../src/lib/mdx-syntax.ts';
import { paragraphs, textBlocks } from '../../src/lib/paragraphs.ts';
import { Document, DocumentText, HeldNumbers, Issue, NUMBERS_FILE } from '../../src/lib/schema.ts';

function filesOf(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.isFile()) out.set(entry.name, readFileSync(join(dir, entry.name), 'utf8'));
    else for (const f of readdirSync(join(dir, entry.name))) out.set(`${entry.name}/${f}`, readFileSync(join(dir, entry.name, f), 'utf8'));
  }
  return out;
}

describe('generated collections', () => {
  const first = mkdtempSync(join(tmpdir(), 'gen-a-'));
  const second = mkdtempSync(join(tmpdir(), 'gen-b-'));
  writeCollections(ingestFolder('content/sources'), first);
  writeCollections(ingestFolder('content/sources'), second);
  const files = filesOf(first);

  it('are byte-identical from the same sources', () => {
    expect(files.size).toBeGreaterThan(40);
    expect(filesOf(second)).toEqual(files);
  });

  it('are valid MDX with frontmatter that fits the schema', () => {
    for (const [name, text] of files) {
      if (!name.endsWith('.mdx')) continue;
      const { data, content } = matter(text);
      expect(() => fromMdx(content), name).not.toThrow();
      const schema = name.startsWith('issues/') ? Issue : Document;
      expect(schema.safeParse(data).error, name).toBeUndefined();
    }
  });

  const documents = [...files].filter(([name]) => name.startsWith('documents/')).map(([, text]) => matter(text));

  // The site reads each document's text from here instead of parsing the MDX body back.
  it('give each document its text as its MDX body reads', () => {
    expect(documents.length).toBeGreaterThan(40);
    for (const { data, content } of documents) {
      const id = String(data.id);
      const text = DocumentText.parse(JSON.parse(files.get(`texts/${id}.json`) ?? 'null'));
      const tree = fromMdx(content);
      expect(text, id).toEqual({ id, paragraphs: paragraphs(tree), blocks: textBlocks(tree) });
    }
    expect([...files.keys()].filter((n) => n.startsWith('texts/'))).toHaveLength(documents.length);
  });

  it('list the 文号 the archive holds, each for its first document', () => {
    const held = HeldNumbers.parse(JSON.parse(files.get(NUMBERS_FILE) ?? 'null'));
    expect(Object.keys(held).length).toBeGreaterThan(10);
    expect(held).toEqual(Object.fromEntries(heldNumbers(documents.map(({ data }) => Document.parse(data)))));
  });
});

describe('--strict', () => {
  const run = (dir: string, ...flags: string[]) => {
    try {
      execFileSync(process.execPath, ['scripts/ingest.ts', '--sources', dir, '--out', mkdtempSync(join(tmpdir(), 'out-')), ...flags], {
        stdio: 'pipe',
      });
      return 0;
    } catch (error) {
      return (error as { status: number }).status;
    }
  };
  const dir = mkdtempSync(join(tmpdir(), 'strict-'));
  writeFileSync(join(dir, '2023-05.txt'), readFileSync('content/sources/2023-05.txt'));
  writeFileSync(join(dir, 'notes.txt'), 'not an issue');

  it('fails on any message, while a normal run reports and goes on', () => {
    expect(run(dir)).toBe(0);
    expect(run(dir, '--strict')).toBe(1);
  });
});
