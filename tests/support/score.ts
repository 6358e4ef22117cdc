/**
 * Measures an archive's documents against an editor's reading of the same issue (a gold file):
 * segmentation (F1), metadata, document boundaries, sentences rejoined across pages, printing
 * artifacts left in text, sentence integrity, paragraphs split where the page runs on (false
 * breaks), table rows and Han-character fidelity.
 */
export interface GoldDocument {
  category: string;
  title: string | null;
  docNumber: string | null;
  issuer: string | null;
  date: string | null;
  normativeCode: string | null;
  firstSentence: string | null;
  lastSentence: string | null;
  startLine: number;
  endLine: number;
}

/** A table as printed: its rows count the header once, and a row printed over two pages once. */
export interface GoldTable {
  document: string;
  caption: string;
  rows: number;
  startLine: number;
}

export interface Gold {
  source: string;
  flavor: 'markdown' | 'raw';
  year: number;
  issue: number;
  total: number;
  documents: GoldDocument[];
  coverCaptions: string[];
  crossPageSentences: string[];
  artifacts: string[];
  tables: GoldTable[];
}

export interface ScoredDocument {
  category: string;
  title: string | null;
  docNumber: string | null;
  issuer: string | null;
  date: string | null;
  normativeCode: string | null;
  paragraphs: string[];
}

export interface Score {
  f1: number;
  meta: number;
  bound: number;
  reflow: number;
  artifacts: number;
  sentences: number;
  /** Missing sentences that the text has word for word, cut by a paragraph end. */
  sentencesAcrossParagraphs: number;
  sentencesCount: number;
  /** Consecutive paragraphs split where the page prints one run of text. */
  falseBreaks: number;
  /** Rows of the gold's tables that come back as rows (tab-joined cells) in their document; null without tables. */
  tables: number | null;
  textRecall: number;
  textPrecision: number;
  problems: string[];
}

const squash = (s: string | null | undefined): string => (s ?? '').replace(/[\s\u3000]+/gu, '');
const bracketed = (s: string | null | undefined): string =>
  squash(s)
    .replace(/[[［【(（〔]/gu, '〔')
    .replace(/[\]］】)）〕]/gu, '〕');
const dashed = (s: string | null | undefined): string =>
  squash(s)
    .replace(/[‐‑‒–—―－]/gu, '-')
    .toUpperCase();
const hanOf = (s: string | null | undefined): string[] => (s ?? '').match(/\p{Script=Han}/gu) ?? [];
const FULL_WIDTH = /[\p{Script=Han}\u3000-\u303f\uff01-\uff60\u2014-\u2026\u2160-\u217f\u2460-\u24ff]/u;
/** A line's printed width in em: CJK and full-width forms 1, anything else ½, spaces not counted. */
const printedWidth = (s: string): number => [...squash(s)].reduce((w, c) => w + (FULL_WIDTH.test(c) ? 1 : 0.5), 0);
/** The gazette's numbering at a line's start: a lead-in ending in ： ends before it. */
const NUMBERED = /^(（[一二三四五六七八九十\d]+）|[一二三四五六七八九十]+、|\d+[.．、](?!\d)|第[一二三四五六七八九十百]+条)/u;
/** A markdown list marker is markup, not text. */
const LIST_MARK = /^[-*+]\s*(?=\S)/u;

/** A page's measure: the commonest width of its lines of 8+ characters (the widest on a tie). */
function measureOf(lines: readonly string[]): number {
  const n = counts(lines.filter((l) => squash(l).length >= 8).map(printedWidth));
  let best = Infinity;
  let most = 0;
  for (const [w, c] of n)
    if (c > most || (c === most && w > best)) {
      best = w;
      most = c;
    }
  return best;
}

function counts<T>(xs: Iterable<T>): Map<T, number> {
  const m = new Map<T, number>();
  for (const x of xs) m.set(x, (m.get(x) ?? 0) + 1);
  return m;
}

function overlap<T>(a: Map<T, number>, b: Map<T, number>): number {
  let n = 0;
  for (const [k, v] of a) n += Math.min(v, b.get(k) ?? 0);
  return n;
}

const total = <T>(m: Map<T, number>): number => [...m.values()].reduce((x, y) => x + y, 0);

/** Sørensen–Dice similarity of character bigrams. */
export function similarity(a: string, b: string): number {
  const grams = (s: string) => counts([...squash(s)].slice(1).map((c, i) => squash(s)[i] + c));
  const A = grams(a);
  const B = grams(b);
  const n = total(A) + total(B);
  return n ? (2 * overlap(A, B)) / n : 0;
}

/** Pairs gold and archive documents, best evidence first: same 文号, similar title, same category. */
export function pair<T extends ScoredDocument>(gold: readonly GoldDocument[], out: readonly T[]): [GoldDocument, T][] {
  const candidates: { score: number; g: number; o: number }[] = [];
  gold.forEach((g, gi) =>
    out.forEach((o, oi) => {
      let score = 0;
      if (g.docNumber && o.docNumber && bracketed(g.docNumber) === bracketed(o.docNumber)) score = 2;
      else if (g.title && o.title && g.category !== '图片报道') score = similarity(g.title, o.title);
      else if (g.category === o.category) score = 0.75;
      if (score >= 0.6) candidates.push({ score, g: gi, o: oi });
    }),
  );
  candidates.sort((x, y) => y.score - x.score);
  const usedG = new Set<number>();
  const usedO = new Set<number>();
  const pairs: [GoldDocument, T][] = [];
  for (const { g, o } of candidates) {
    if (usedG.has(g) || usedO.has(o)) continue;
    usedG.add(g);
    usedO.add(o);
    pairs.push([gold[g]!, out[o]!]);
  }
  return pairs;
}

export function scoreIssue(gold: Gold, out: readonly ScoredDocument[], sourceLines: readonly string[]): Score {
  const problems: string[] = [];
  const pairs = pair(gold.documents, out);
  const precision = out.length ? pairs.length / out.length : 0;
  const recall = gold.documents.length ? pairs.length / gold.documents.length : 0;
  for (const g of gold.documents)
    if (!pairs.some(([x]) => x === g)) problems.push(`missing [${g.category}] ${g.title ?? ''} ${g.docNumber ?? ''}`);
  for (const o of out) if (!pairs.some(([, y]) => y === o)) problems.push(`extra [${o.category}] ${o.title ?? ''} ${o.docNumber ?? ''}`);

  let fields = 0;
  let fieldsOk = 0;
  const field = (name: string, g: string | null, o: string | null, same: (a: string, b: string) => boolean) => {
    if (g === null && !o) return;
    fields++;
    if (g !== null && o && same(g, o)) fieldsOk++;
    else problems.push(`${name}: expected ${JSON.stringify(g)}, got ${JSON.stringify(o)}`);
  };
  let ends = 0;
  let endsOk = 0;
  for (const [g, o] of pairs) {
    field('category', g.category, o.category, (a, b) => a === b);
    if (g.title && g.category !== '图片报道') field('title', g.title, o.title, (a, b) => squash(a) === squash(b));
    field('docNumber', g.docNumber, o.docNumber, (a, b) => bracketed(a) === bracketed(b));
    field('issuer', g.issuer, o.issuer, (a, b) => squash(a) === squash(b));
    field('date', g.date, o.date, (a, b) => b.startsWith(a));
    field('normativeCode', g.normativeCode, o.normativeCode, (a, b) => dashed(a) === dashed(b));
    const body = squash(o.paragraphs.join(''));
    for (const s of [g.firstSentence, g.lastSentence]) {
      if (!s) continue;
      ends++;
      if (body.includes(squash(s))) endsOk++;
      else problems.push(`boundary: "${s.slice(0, 30)}" not in ${o.title ?? o.category}`);
    }
  }

  const paras = out.flatMap((o) => o.paragraphs.map(squash));
  const whole = (s: string) => paras.some((p) => p.includes(s));
  const xps = gold.crossPageSentences.filter((s) => whole(squash(s))).length;
  for (const s of gold.crossPageSentences) if (!whole(squash(s))) problems.push(`reflow: "${s.slice(0, 40)}" is not whole`);

  const long = gold.artifacts.map(squash).filter((a) => a.length >= 10);
  const short = new Set(gold.artifacts.map(squash).filter((a) => a.length > 0 && a.length < 10));
  const artifacts = paras.filter((p) => /·\d{1,3}·/u.test(p) || short.has(p) || long.some((a) => p.includes(a)));
  for (const p of artifacts) problems.push(`artifact: "${p.slice(0, 40)}"`);

  // Sentences printed within one page (raw) or one block (markdown) must come back whole. A
  // sentence ends at 。！？； and, in raw text, at a printed paragraph end: a line clearly shorter
  // than its page's measure, or a lead-in ending in ： before a numbered line.
  const chunks: string[][] = [[]];
  for (const line of sourceLines) {
    const opens = /^ \S/u.test(line) || line.startsWith('#') || line.includes('\t');
    if (opens) chunks.push([]);
    if (!line.startsWith('#') && !line.includes('\t')) chunks.at(-1)!.push(line);
  }
  const raw = gold.flavor === 'raw';
  const issueMeasure = measureOf(chunks.flat());
  let sentences = 0;
  let sentencesOk = 0;
  let acrossParagraphs = 0;
  // Where the printed text may end a paragraph, character by character: after a paragraph end,
  // after closing punctuation, after a page's last line; never inside a line, nor after a full
  // line that stops mid-phrase.
  const stream: string[] = [];
  const mayEnd: boolean[] = [];
  // A sentence missing from every paragraph may still be in the text, cut only where a paragraph
  // (a heading, a note, a lead-in without final punctuation) ends before it.
  const documentsText = out.map((o) => squash(o.paragraphs.join(''))).join('|');
  for (const chunk of chunks) {
    const lines = chunk.filter((l) => l.trim());
    const measure = !raw ? Infinity : lines.filter((l) => squash(l).length >= 8).length >= 5 ? measureOf(lines) : issueMeasure;
    const ends = (l: string, i: number) =>
      i < lines.length - 1 && (printedWidth(l) <= measure - 2.5 || (/：$/u.test(squash(l)) && NUMBERED.test(squash(lines[i + 1]))));
    lines.forEach((l, i) => {
      const t = squash(l).replace(LIST_MARK, '');
      const cells = /\S[\s\u3000]+\S/u.test(l.trim());
      const open = raw && i < lines.length - 1 && !ends(l, i) && !cells && !/[。！？；：:”’）》」』…]$/u.test(t);
      for (const c of t) {
        stream.push(c);
        mayEnd.push(false);
      }
      if (mayEnd.length) mayEnd[mayEnd.length - 1] = !open;
    });
    const text = lines.map((l, i) => squash(l).replace(LIST_MARK, '') + (ends(l, i) ? '\n' : '')).join('');
    for (const s of text.split(/(?<=[。！？；\n])/u).map((x) => x.replace(/\n$/u, ''))) {
      if (hanOf(s).length < 15 || !/[。！？；]$/u.test(s)) continue;
      sentences++;
      const tail = s.length > 40 ? s.slice(-40) : s;
      if (whole(tail)) sentencesOk++;
      else {
        const across = documentsText.includes(tail);
        if (across) acrossParagraphs++;
        if (sentences - sentencesOk <= 60)
          problems.push(`sentence: "${tail}" is not whole${across ? ' (in the text, across a paragraph end)' : ''}`);
      }
    }
  }

  let falseBreaks = 0;
  const printed = stream.join('');
  for (const o of out) {
    // Table rows (cells joined by tabs) end where their row does: no paragraph break to judge.
    const rows = o.paragraphs.map((p) => p.includes('\t'));
    const ps = o.paragraphs.map(squash);
    for (let i = 0; i + 1 < ps.length; i++) {
      const [a, b] = [ps[i]!, ps[i + 1]!];
      if (a.length < 4 || b.length < 4 || rows[i] || rows[i + 1]) continue;
      const seam = a.slice(-8) + b.slice(0, 8);
      const at = printed.indexOf(seam);
      // Not contiguous in the source, or ambiguous: no evidence either way.
      if (at < 0 || printed.indexOf(seam, at + 1) >= 0) continue;
      if (!mayEnd[at + Math.min(8, a.length) - 1]) {
        falseBreaks++;
        problems.push(`false break: "${a.slice(-8)}" | "${b.slice(0, 8)}" in ${o.title ?? o.category}`);
      }
    }
  }

  let tableRows = 0;
  let tableRowsOk = 0;
  for (const [g, o] of pairs) {
    const want = gold.tables.filter((t) => squash(t.document) === squash(g.title)).reduce((n, t) => n + t.rows, 0);
    if (!want) continue;
    const got = o.paragraphs.filter((p) => p.includes('\t') && squash(p)).length;
    tableRows += want;
    tableRowsOk += Math.min(want, got);
    if (got < want) problems.push(`table rows: ${got} of ${want} in ${o.title ?? o.category}`);
  }

  const kept = new Set<number>();
  for (const g of gold.documents) for (let n = g.startLine; n <= g.endLine; n++) kept.add(n);
  const artifactLines = new Set(gold.artifacts.map(squash));
  const src = counts(sourceLines.flatMap((l, i) => (kept.has(i + 1) && !artifactLines.has(squash(l)) ? hanOf(l) : [])));
  const shown = counts(out.flatMap((o) => [...hanOf(o.paragraphs.join('')), ...hanOf(o.title), ...hanOf(o.docNumber), ...hanOf(o.issuer)]));
  const common = overlap(src, shown);

  return {
    f1: precision + recall ? (2 * precision * recall) / (precision + recall) : 0,
    meta: fields ? fieldsOk / fields : 1,
    bound: ends ? endsOk / ends : 1,
    reflow: gold.crossPageSentences.length ? xps / gold.crossPageSentences.length : 1,
    artifacts: artifacts.length,
    sentences: sentences ? sentencesOk / sentences : 1,
    sentencesAcrossParagraphs: acrossParagraphs,
    sentencesCount: sentences,
    falseBreaks,
    tables: tableRows ? tableRowsOk / tableRows : null,
    textRecall: total(src) ? common / total(src) : 1,
    textPrecision: total(shown) ? common / total(shown) : 1,
    problems,
  };
}
