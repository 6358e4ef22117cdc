/**
 * Corrections: a maintainer who finds a conversion error fixes it in `YYYY-NN.corrections.json`
 * next to the source — never in generated MDX — so that the fix survives every re-ingest:
 *
 *   {
 *     "documents": { "wzb-2023-51": { "title": "…", "date": "2023-05-16" } },
 *     "split": [{ "line": 1234, "category": "政策解读" }],
 *     "merge": [{ "line": 2345 }]
 *   }
 *
 * A correction that no longer matches anything is reported, so corrections do not rot silently.
 */
import { existsSync, readFileSync } from 'node:fs';
import { type JSONPath, type Node, findNodeAtLocation, getNodeValue, parseTree, printParseErrorCode, type ParseError } from 'jsonc-parser';
import { Corrections } from '../../src/lib/schema.ts';
import { VFile } from 'vfile';
import { type Position, RULES, warn } from './messages.ts';
import { positionAfter, readText } from './read.ts';

export const EMPTY: Corrections = { documents: {}, split: [], merge: [] };

export function correctionsPath(sourcePath: string): string {
  return sourcePath.replace(/\.txt$/u, '.corrections.json');
}

function positionOf(file: VFile, offset: number): Position {
  return positionAfter(String(file.value).slice(0, offset));
}

/**
 * The corrections for a source, or none. The file is decoded like a source; one that does not
 * decode, parse or fit the schema is reported where it goes wrong and ignored.
 */
export function readCorrections(sourcePath: string): { corrections: Corrections; file: VFile | null } {
  const path = correctionsPath(sourcePath);
  if (!existsSync(path)) return { corrections: EMPTY, file: null };
  const file = new VFile({ path });
  const text = readText(file, readFileSync(path));
  if (text === null) return { corrections: EMPTY, file };
  file.value = text;
  const errors: ParseError[] = [];
  const tree = parseTree(text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
  if (errors.length || !tree) {
    const error = errors[0];
    const at = error ? positionOf(file, error.offset) : { line: 1 };
    const what = error ? printParseErrorCode(error.error) : 'no JSON value';
    warn(file, `not valid JSON (${what}); the issue is ingested without its corrections`, RULES.correction, at);
    return { corrections: EMPTY, file };
  }
  const parsed = Corrections.safeParse(getNodeValue(tree));
  if (!parsed.success) {
    const where = parsed.error.issues.map((i) => `${i.path.join('.') || '(top)'}: ${i.message}`).join('; ');
    const first = parsed.error.issues[0]!.path.filter((k): k is string | number => typeof k !== 'symbol');
    warn(
      file,
      `does not fit the corrections schema (${where}); the issue is ingested without its corrections`,
      RULES.correction,
      at(file, first),
    );
    return { corrections: EMPTY, file };
  }
  return { corrections: parsed.data, file };
}

/** The deepest node of the corrections file on `path`. */
function nodeOn(tree: Node, path: JSONPath): Node {
  for (let k = path.length; k > 0; k--) {
    const node = findNodeAtLocation(tree, path.slice(0, k));
    // A property is found by its value; its key is where a reader looks.
    if (node) return node.parent?.type === 'property' ? node.parent : node;
  }
  return tree;
}

/** Where the corrections file writes the value on `path` (`['documents', 'wzb-2023-51']`, `['split', 0]`). */
export function at(file: VFile, path: JSONPath): Position {
  const tree = parseTree(String(file.value));
  return tree ? positionOf(file, nodeOn(tree, path).offset) : { line: 1 };
}
