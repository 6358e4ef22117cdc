import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { VFileMessage } from 'vfile-message';
import { ingestFolder } from '../../scripts/ingest.ts';
import { detectFlavour, readSource } from '../../scripts/ingest/read.ts';
import { encodeGbk } from '../support/gbk.ts';

/** A few lines of a gazette issue, long enough to be recognised as one. */
const GAZETTE = [
  '温州市人民政府办公室关于印发温州市某项工作方案的通知',
  '温政办〔2023〕51号',
  '各县（市、区）人民政府，市各有关单位：',
  '现将方案印发给你们，请认真组织实施。'.repeat(12),
  '温州市人民政府办公室',
  '2023年5月16日',
].join('\n');

function messageOf(run: () => unknown): VFileMessage {
  try {
    run();
  } catch (error) {
    if (error instanceof VFileMessage) return error;
    throw error;
  }
  throw new Error('expected a fatal message');
}

describe('read: bad input gets one clear message naming the file', () => {
  it('refuses an empty file', () => {
    const m = messageOf(() => readSource('content/sources/2023-05.txt', new Uint8Array()));
    expect(m.ruleId).toBe('empty-file');
    expect(m.file).toBe('content/sources/2023-05.txt');
  });

  it('refuses a binary file', () => {
    const m = messageOf(() => readSource('2023-05.txt', Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0x0d])));
    expect(m.ruleId).toBe('binary-file');
    expect(m.reason).toMatch(/binary/);
  });

  it('refuses a file whose name is not YYYY-NN.txt, and says the expected form', () => {
    const m = messageOf(() => readSource('gazette-may.txt', new TextEncoder().encode(GAZETTE)));
    expect(m.ruleId).toBe('file-name');
    expect(m.reason).toContain('YYYY-NN.txt');
    expect(m.reason).toContain('gazette-may.txt');
  });

  it('refuses a text that is not a gazette', () => {
    const m = messageOf(() => readSource('2023-05.txt', new TextEncoder().encode('Lorem ipsum dolor sit amet.\n'.repeat(50))));
    expect(m.ruleId).toBe('not-a-gazette');
  });

  it('decodes a GBK file exactly and says so', () => {
    const gbk = Uint8Array.from([0xce, 0xc2, 0xd6, 0xdd]); // 温州
    const text = `${GAZETTE}\n`.repeat(2);
    // Encode through the GB18030 table the decoder uses: every character of the fixture is in GBK.
    const bytes = encodeGbk(text);
    expect(new TextDecoder('gb18030').decode(gbk)).toBe('温州');
    const source = readSource('2023-05.txt', bytes);
    expect(source.lines.join('\n')).toBe(text);
    expect(source.file.messages.map((m) => m.ruleId)).toEqual(['encoding']);
  });

  it('strips a UTF-8 BOM and normalises CRLF', () => {
    const bytes = new TextEncoder().encode(`\uFEFF${GAZETTE.replace(/\n/g, '\r\n')}`);
    const source = readSource('2023-05.txt', bytes);
    expect(source.lines[0]).toBe('温州市人民政府办公室关于印发温州市某项工作方案的通知');
    expect(source.lines.every((l) => !l.includes('\r'))).toBe(true);
    expect(source.file.messages).toEqual([]);
  });

  it('tells the markdown flavour from raw PDF text', () => {
    expect(detectFlavour(['# 标题', '', '## 一、总体要求', '', '### （一）目标'])).toBe('markdown');
    expect(detectFlavour(GAZETTE.split('\n'))).toBe('raw');
  });
});

describe('ingest of a folder', () => {
  it('reports a bad file and still builds the others', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sources-'));
    writeFileSync(join(dir, '2023-05.txt'), GAZETTE);
    writeFileSync(join(dir, '2023-06.txt'), '');
    writeFileSync(join(dir, 'notes.txt'), GAZETTE);
    const { issues, files } = ingestFolder(dir);
    expect(issues.map((i) => i.issue.id)).toEqual(['2023-05']);
    const fatal = files.flatMap((f) => f.messages.filter((m) => m.fatal).map((m) => `${f.basename}:${m.ruleId}`));
    expect(fatal.sort()).toEqual(['2023-06.txt:empty-file', 'notes.txt:file-name']);
  });

  it('warns when the name and what the issue prints disagree, at each place it prints it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sources-'));
    writeFileSync(join(dir, '2023-06.txt'), readFileSync('content/sources/2023-05.txt'));
    const { issues, files } = ingestFolder(dir);
    expect(issues[0]!.issue).toMatchObject({ id: '2023-06', total: 249 });
    expect(files[0]!.messages.map((m) => [m.ruleId, m.fatal, m.line, m.reason])).toEqual([
      ['issue-mismatch', false, 12, 'the file is named 2023-06 but the issue prints 2023年第5期'],
      ['issue-mismatch', false, 1196, 'the file is named 2023-06 but its 政府记事 is for 5月 (5月份市政府记事)'],
      [
        'issue-mismatch',
        false,
        1386,
        'the file is named 2023-06 but its 统计资料 is for 2023年5月 (温州市2023年5月份国民经济主要统计指标)',
      ],
    ]);
  });

  it('refuses two files of one issue when nothing printed tells which name is right', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sources-'));
    writeFileSync(join(dir, '2023-05.txt'), GAZETTE);
    writeFileSync(join(dir, '2023-06.txt'), GAZETTE);
    const { issues, files } = ingestFolder(dir);
    expect(issues).toHaveLength(0);
    const fatal = files.flatMap((f) => f.messages.filter((m) => m.fatal).map((m) => [f.basename, m.ruleId, m.reason]));
    expect(fatal).toEqual([
      ['2023-05.txt', 'duplicate-issue', expect.stringContaining('same issue as 2023-06.txt (nothing printed tells')],
      ['2023-06.txt', 'duplicate-issue', expect.stringContaining('same issue as 2023-05.txt (nothing printed tells')],
    ]);
  });
});
