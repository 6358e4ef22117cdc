/**
 * The same issue laid out as other extractions lay it out must convert the same way: here the
 * cover captions, which most files print first, at the end of the file.
 */
import { readFileSync } from 'node:fs';
import { VFile } from 'vfile';
import { describe, expect, it } from 'vitest';
import { ingestIssue } from '../../scripts/ingest/issue.ts';
import { readSource } from '../../scripts/ingest/read.ts';

describe('cover captions at the back of the file', () => {
  const original = readSource('content/sources/2019-07.txt', readFileSync('content/sources/2019-07.txt'));
  const cover = original.lines.slice(0, 17);
  const moved = { ...original, file: new VFile({ path: '2019-07.txt' }), lines: [...original.lines.slice(17), ' ', ...cover] };
  const before = ingestIssue(original);
  const after = ingestIssue(moved);

  it('still gives the 图片报道 with every caption', () => {
    expect(after.issue.coverCaptions).toEqual(before.issue.coverCaptions);
    expect(after.issue.coverCaptions).toHaveLength(6);
  });

  it('leaves the other documents as they were', () => {
    const shape = (i: typeof before) => i.documents.map((d) => [d.meta.category, d.meta.title, d.meta.docNumber]);
    expect(shape(after)).toEqual(shape(before));
  });
});
