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
import { Corrections } from '../../src/lib/schema.ts';
import { VFile } from 'vfile';
import { RULES, warn } from './messages.ts';

export const EMPTY: Corrections = { documents: {}, split: [], merge: [] };

export function correctionsPath(sourcePath: string): string {
  return sourcePath.replace(/\.txt$/u, '.corrections.json');
}

/** The corrections for a source, or none; a file that does not parse is reported and ignored. */
export function readCorrections(sourcePath: string): { corrections: Corrections; file: VFile | null } {
  const path = correctionsPath(sourcePath);
  if (!existsSync(path)) return { corrections: EMPTY, file: null };
  const file = new VFile({ path, value: readFileSync(path, 'utf8') });
  let data: unknown;
  try {
    data = JSON.parse(String(file.value));
  } catch (error) {
    warn(file, `not valid JSON (${(error as Error).message}); the issue is ingested without its corrections`, RULES.correction);
    return { corrections: EMPTY, file };
  }
  const parsed = Corrections.safeParse(data);
  if (!parsed.success) {
    const where = parsed.error.issues.map((i) => `${i.path.join('.') || '(top)'}: ${i.message}`).join('; ');
    warn(file, `does not fit the corrections schema (${where}); the issue is ingested without its corrections`, RULES.correction);
    return { corrections: EMPTY, file };
  }
  return { corrections: parsed.data, file };
}

/** The line of the corrections file that names `key`, for positioned messages. */
export function lineOf(file: VFile, key: string): number {
  const index = String(file.value)
    .split('\n')
    .findIndex((l) => l.includes(key));
  return index + 1 || 1;
}
