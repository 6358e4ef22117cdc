/**
 * Corrections kept next to a source apply on every ingest, and a correction that matches nothing
 * any more is reported where it is written.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ingestFolder } from '../../scripts/ingest.ts';

/** The fixture of a notice whose plan title sits at the foot of its first page, as an issue file. */
function issueDir(corrections: object | string): string {
  const dir = mkdtempSync(join(tmpdir(), 'corrections-'));
  const text = readFileSync('tests/fixtures/stages/plan-title-after-signature/input.txt', 'utf8');
  const chronicle = readFileSync('tests/fixtures/stages/chronicle/input.txt', 'utf8');
  writeFileSync(join(dir, '2019-07.txt'), `${text}${chronicle}`);
  writeFileSync(
    join(dir, '2019-07.corrections.json'),
    typeof corrections === 'string' ? corrections : JSON.stringify(corrections, null, 2),
  );
  return dir;
}

describe('corrections', () => {
  it('override fields of a document named by its id, and the id follows a corrected 文号', () => {
    const { issues } = ingestFolder(issueDir({ documents: { 'wzb-2019-50': { title: '更正后的标题', docNumber: '温政办〔2019〕51号' } } }));
    const docs = issues[0]!.documents.map((d) => d.meta);
    expect(docs.map((d) => d.id)).toContain('wzb-2019-51');
    expect(docs.find((d) => d.id === 'wzb-2019-51')?.title).toBe('更正后的标题');
  });

  it('merge a document into the one before it, and split one at a source line', () => {
    const merged = ingestFolder(issueDir({ merge: [{ line: 41 }] })).issues[0]!.documents;
    expect(merged.map((d) => d.meta.category)).toEqual(['市府办文件']);
    const split = ingestFolder(issueDir({ split: [{ line: 13, category: '其他' }] })).issues[0]!.documents;
    expect(split.map((d) => d.meta.category)).toEqual(['市府办文件', '其他', '政府记事']);
  });

  it('report a correction that matches nothing, with its line in the corrections file', () => {
    const { files } = ingestFolder(issueDir({ documents: { 'wzb-2019-99': { title: 'x' } } }));
    const file = files.find((f) => f.basename === '2019-07.corrections.json')!;
    expect(file.messages.map((m) => [m.ruleId, m.line])).toEqual([['correction', 3]]);
    expect(file.messages[0]!.reason).toContain('wzb-2019-99');
  });

  it('report a corrections file that does not fit the schema, and ingest without it', () => {
    const { issues, files } = ingestFolder(issueDir({ documents: { 'wzb-2019-50': { titel: 'typo' } } }));
    expect(issues[0]!.documents.map((d) => d.meta.id)).toContain('wzb-2019-50');
    expect(files.find((f) => f.basename === '2019-07.corrections.json')!.messages[0]!.reason).toMatch(/titel|Unrecognized/);
  });
});
