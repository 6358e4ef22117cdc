/**
 * `npm run ingest -- --explain YYYY-NN:LINE` names, for each line around a source line, what the
 * stages did with it and the rule that joined it to the line before or broke there.
 */
import { describe, expect, it } from 'vitest';
import { explain } from '../../scripts/ingest/explain.ts';

const SOURCES = 'content/sources';

/** The stages line printed under source line `n`. */
function stagesOf(report: string, n: number): string {
  const rows = report.split('\n');
  const at = rows.findIndex((r) => new RegExp(`^[ >]\\s*${n}  `).test(r));
  expect(at, `line ${n} in the report`).toBeGreaterThan(0);
  return rows[at + 1]!;
}

describe('ingest --explain', () => {
  // 2019-07, 附则 of 温政办〔2019〕49号: the extraction emits the page's text out of order, so that it
  // opens mid-sentence (策与市级其他政策…) after the signature; reading order puts it back after 本政.
  const report = explain(SOURCES, '2019-07:1533');

  it('shows the lines around the one asked about, marking it', () => {
    expect(report.split('\n')[0]).toBe('2019-07.txt (raw), lines 1527–1539:');
    expect(report).toMatch(/^> +1533 {2}类型奖励出现重合时/mu);
  });

  it('names the rule that joins a full line to the line before it', () => {
    expect(stagesOf(report, 1533)).toContain('joins line 1531: rule fullLine');
    expect(stagesOf(report, 1533)).toContain('text block, lines 1531–1553');
  });

  it('names the rule that breaks before a numbered item and before a signature printed apart', () => {
    expect(stagesOf(report, 1537)).toContain('breaks after line 1535: rule numberedItem');
    expect(stagesOf(report, 1528)).toContain('breaks after line 1526: rule printedApart');
  });

  it('says where reading order moved a line, and what it joined there', () => {
    expect(stagesOf(report, 1531)).toContain('reading order: read after line 1553 · joins line 1553: rule fullLine');
  });

  it('says where each line ended up', () => {
    expect(stagesOf(report, 1533)).toMatch(/in document wzb-2019-49$/u);
  });

  it('says why a printing artifact was dropped, and the page a numbered page has', () => {
    const footer = explain(SOURCES, '2019-07:5004', 0);
    expect(footer.split('\n')).toHaveLength(3);
    expect(stagesOf(footer, 5004)).toBe('         dropped (page number)');
    expect(stagesOf(explain(SOURCES, '2019-07:5000', 0), 5000)).toMatch(/^ +page 23 /u);
  });

  it('names the rule that opens a document at its first line, and no other', () => {
    // 2023-10, 温政发〔2023〕24号: its title block (规范性文件编号, 文号, issuer, title) is printed after its page's text.
    const start = explain(SOURCES, '2023-10:118', 2);
    expect(stagesOf(start, 118)).toContain('opens a document (file): rule titleBlock');
    expect(stagesOf(start, 120)).not.toContain('opens a document');
  });

  it('refuses a malformed place and a line past the end', () => {
    expect(() => explain(SOURCES, '2019-07')).toThrow(/YYYY-NN:LINE/u);
    expect(() => explain(SOURCES, '2019-07:999999')).toThrow(/there is no line 999999/u);
  });
});
