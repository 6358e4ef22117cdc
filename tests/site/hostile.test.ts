/**
 * Gazette text that MDX would read as markup (`<`, `{`, `*`, `#`, `import` at a line start) must
 * reach the built page as the same literal text.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fromHtml } from 'hast-util-from-html';
import { select } from 'hast-util-select';
import { toText } from 'hast-util-to-text';
import { describe, expect, inject, it } from 'vitest';

const expected = JSON.parse(readFileSync('tests/fixtures/hostile/expected.json', 'utf8')) as { document: string; literals: string[] };

describe('MDX-hostile lines', () => {
  const html = readFileSync(join(inject('siteDir'), 'documents', expected.document, 'index.html'), 'utf8');
  const body = select('.doc-body', fromHtml(html));
  const blocks = body ? [...body.children].flatMap((n) => (n.type === 'element' ? [toText(n).trim()] : [])) : [];

  it.each(expected.literals)('%s renders as itself, in a block of its own', (literal) => {
    expect(blocks).toContain(literal);
  });
});
