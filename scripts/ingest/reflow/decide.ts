/**
 * How a decision that weighs many signals is made: an ordered list of small named rules (after
 * mdast-util-to-markdown's `join` list). Each rule looks at the case and gives its verdict, or
 * nothing (undefined) when it has no opinion; the first opinion decides. A rule is a named
 * function, so that a decision can be traced to the rule that made it. The reflow decides with
 * it whether two pieces of text are one paragraph (`join` or `break`); the document splitter
 * whether a block opens a document (documents.ts).
 */
export type Rule<T, V = 'join' | 'break'> = (pair: T) => V | undefined;

export interface Ruling<V> {
  verdict: V;
  /** The name of the rule that decided. */
  rule: string;
}

export type Decision = Ruling<'join' | 'break'>;

/** Where no rule has an opinion, the pieces stay apart. */
export const NO_RULE = 'no rule';

/** The verdict of the first rule with an opinion, or null where none has one. */
export function firstOpinion<T, V>(rules: readonly Rule<T, V>[], input: T): Ruling<V> | null {
  for (const rule of rules) {
    const verdict = rule(input);
    if (verdict !== undefined) return { verdict, rule: rule.name };
  }
  return null;
}

export function decide<T>(rules: readonly Rule<T>[], pair: T): Decision {
  return firstOpinion(rules, pair) ?? { verdict: 'break', rule: NO_RULE };
}

/** A test as a verdict: `join` where it holds, `break` where it does not. */
export const joinIf = (holds: boolean): 'join' | 'break' => (holds ? 'join' : 'break');
