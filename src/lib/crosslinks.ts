/**
 * The links between documents, worked out once at build time from the archive's own text:
 * which document a 政策解读 interprets, and which documents mention which 文号. The document
 * body links (see body.ts) and the 被引用 lists on document pages both come from here, so a
 * document lists exactly the pages that link to it.
 */
import type { CitedDocument, Document } from './schema.ts';
import { docNumberFinder, heldNumbers, normalizeDocNumber } from './docnumber.ts';

export interface ArchiveDocument {
  id: string;
  data: Document;
  /** The document's text as plain paragraphs (see paragraphs.ts). */
  text: readonly string[];
}

export interface CrossLinks {
  /** Normal-form 文号 → document id. */
  byNumber: ReadonlyMap<string, string>;
  /** 政策解读 id → id of the document it interprets. */
  interprets: ReadonlyMap<string, string>;
  /** Document id → ids of the 政策解读 of it. */
  interpretedBy: ReadonlyMap<string, readonly string[]>;
  /** Document id → ids of the documents whose text cites its 文号, in archive order. */
  citedBy: ReadonlyMap<string, readonly string[]>;
  /** Document id → ids of the documents its text cites, in order of first mention. */
  cites: ReadonlyMap<string, readonly string[]>;
  /** Document id → ids of the archive's documents it 修改 / 废止, and the reverse (被修改 / 被废止). */
  amends: ReadonlyMap<string, readonly string[]>;
  amendedBy: ReadonlyMap<string, readonly string[]>;
  repeals: ReadonlyMap<string, readonly string[]>;
  repealedBy: ReadonlyMap<string, readonly string[]>;
  /** The id of the archive's document a 修改 or 废止 names, if the archive holds it. */
  changed(named: CitedDocument): string | undefined;
}

/** Forms that print differently but name the same thing: spacing, full/half-width brackets, quotes. */
export function comparable(s: string): string {
  return s
    .normalize('NFKC')
    .replace(/[\s\u3000]+/gu, '')
    .replace(/[〔［【]/gu, '[')
    .replace(/[〕］】]/gu, ']')
    .replace(/[“”„‟"'‘’「」『』]/gu, '')
    .replace(/[‐‑‒–—―－~～]/gu, '-');
}

/** The title a 政策解读 names, e.g. 关于《温州市区公共租赁住房保障管理办法》的政策解读 → the 办法. */
export function interpretedTitle(title: string): string | null {
  const open = title.indexOf('《');
  const close = title.lastIndexOf('》');
  if (open !== -1 && close > open + 1) return title.slice(open + 1, close);
  const bare = title
    .replace(/^关于/u, '')
    .replace(/的?(?:政策)?解读$/u, '')
    .trim();
  return bare && bare !== title ? bare : null;
}

/** How well a document title matches the title a 政策解读 names, both `comparable`; 0 for no match. */
function titleMatch(c: string, n: string): number {
  if (!n) return 0;
  if (c === n) return 4;
  // A 通知 that issues the named text: 关于印发X的通知, 印发《X》的通知.
  if (c.includes(`印发${n}`) || c.includes(`《${n}》`)) return 3;
  // The issuer's name before the title: 温州市人民政府办公室关于…的实施意见.
  if (c.endsWith(n)) return 3;
  if (n.length >= 8 && c.includes(n)) return 2;
  return 0;
}

const position = (d: Document) => d.issue.year * 10_000 + d.issue.number * 100;

export function crossLinks(docs: readonly ArchiveDocument[]): CrossLinks {
  const byNumber = heldNumbers(docs.map(({ id, data }) => ({ ...data, id })));

  const interprets = new Map<string, string>();
  const interpretedBy = new Map<string, string[]>();
  // What an interpretation can name, with its title in comparable form, worked out once.
  const candidates = docs
    .filter((c) => c.data.category !== '政策解读' && c.data.title)
    .map((c) => ({ c, title: comparable(c.data.title!) }));
  for (const d of docs) {
    if (d.data.category !== '政策解读' || !d.data.title) continue;
    const named = interpretedTitle(d.data.title);
    if (!named) continue;
    const n = comparable(named);
    const best = candidates
      .filter(({ c }) => c.id !== d.id)
      .map(({ c, title }) => ({
        c,
        score: titleMatch(title, n),
        sameIssue: position(c.data) === position(d.data) ? 1 : 0,
        // An interpretation follows the text it explains; prefer the nearest one before it.
        distance: position(d.data) - position(c.data),
      }))
      .filter((x) => x.score > 0)
      .sort((a, b) => b.score - a.score || b.sameIssue - a.sameIssue || rank(a.distance) - rank(b.distance))[0];
    if (!best) continue;
    interprets.set(d.id, best.c.id);
    append(interpretedBy, best.c.id, d.id);
  }

  const find = docNumberFinder(byNumber.keys());
  const cites = new Map<string, string[]>();
  const citedBy = new Map<string, string[]>();
  for (const d of docs) {
    const targets: string[] = [];
    for (const paragraph of d.text) {
      for (const m of find(paragraph)) {
        const target = byNumber.get(m.text);
        if (target && target !== d.id && !targets.includes(target)) targets.push(target);
      }
    }
    if (targets.length === 0) continue;
    cites.set(d.id, targets);
    for (const t of targets) append(citedBy, t, d.id);
  }

  const changed = (named: CitedDocument) => changedDocument(named, byNumber, candidates);
  const changes = (change: 'amends' | 'repeals') => {
    const forward = new Map<string, string[]>();
    const back = new Map<string, string[]>();
    for (const d of docs) {
      for (const named of d.data.status[change]) {
        const target = changed(named);
        if (!target || target === d.id || forward.get(d.id)?.includes(target)) continue;
        append(forward, d.id, target);
        append(back, target, d.id);
      }
    }
    return [forward, back] as const;
  };
  const [amends, amendedBy] = changes('amends');
  const [repeals, repealedBy] = changes('repeals');

  return { byNumber, interprets, interpretedBy, citedBy, cites, amends, amendedBy, repeals, repealedBy, changed };
}

/**
 * The archive's document a 修改 or 废止 names: by its 文号, else by its title (a 通知 that issues
 * the named text counts, as for 政策解读).
 */
function changedDocument(
  named: CitedDocument,
  byNumber: ReadonlyMap<string, string>,
  candidates: readonly { c: ArchiveDocument; title: string }[],
): string | undefined {
  if (named.docNumber) {
    const id = byNumber.get(normalizeDocNumber(named.docNumber));
    if (id) return id;
  }
  if (!named.title) return undefined;
  const n = comparable(named.title);
  // A document numbered otherwise than the named one is another document of the same title.
  const matches = candidates.filter(({ c, title }) => (!named.docNumber || !c.data.docNumber) && titleMatch(title, n) >= 3);
  // A title shared by several documents (two years' 通知 of one name) names none of them for sure.
  return matches.length === 1 ? matches[0]!.c.id : undefined;
}

function append(map: Map<string, string[]>, key: string, value: string): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** Earlier documents first by nearness, later ones after all earlier ones. */
const rank = (distance: number) => (distance >= 0 ? distance : 1e9 - distance);
