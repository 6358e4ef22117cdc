/**
 * The archive's documents as the search index sees them: the same text as the data export
 * (`data/documents/<id>.json`), so that what search finds is what a reader can check there.
 */
import { render } from 'astro:content';
import { allDocuments, documentText } from './archive.ts';
import { buildIndex, type IndexFiles, type IndexInput, traditionalChars } from './search-build.ts';
import { openccConverters } from './search-opencc.ts';
import { normalize } from './search-text.ts';
import { documentLabel, issueLabel } from './site.ts';

let built: Promise<IndexFiles> | undefined;

/** Built once per build and shared by every file of the index. */
export function searchIndex(): Promise<IndexFiles> {
  built ??= Promise.all([load(), openccConverters()]).then(([docs, converters]) => buildIndex(docs, traditionalChars(converters)));
  return built;
}

async function load(): Promise<IndexInput[]> {
  return Promise.all(
    (await allDocuments()).map(async (entry) => {
      const d = entry.data;
      const paras = (await documentText(entry.id)).paragraphs;
      const { headings } = await render(entry);
      return {
        id: d.id,
        label: documentLabel(d),
        title: d.title,
        docNumber: d.docNumber,
        normativeCode: d.normativeCode,
        paragraphs: paras,
        category: d.category,
        issuer: d.issuer,
        date: d.date,
        sortDate: d.issueMonth,
        year: d.issue.year,
        issue: issueLabel(d.issue),
        headings: headingParagraphs(paras, headings),
      };
    }),
  );
}

/** Finds each heading's paragraph, in order, so a match can be placed under its heading. */
function headingParagraphs(paras: readonly string[], headings: readonly { slug: string; text: string }[]): [number, string][] {
  const out: [number, string][] = [];
  // Each paragraph normalised once, however many headings search past it.
  const normalized: string[] = [];
  let from = 0;
  for (const h of headings) {
    const text = normalize(h.text);
    let at = from;
    while (at < paras.length && (normalized[at] ??= normalize(paras[at]!)) !== text) at++;
    if (at === paras.length) continue;
    out.push([at, h.slug]);
    from = at + 1;
  }
  return out;
}
