/**
 * How the reflow decides whether two pieces of text are one paragraph: an ordered list of small
 * named rules (after mdast-util-to-markdown's `join` list). Each rule looks at the pair and says
 * `join`, `break`, or nothing (undefined) when it has no opinion; the first opinion decides. A rule
 * is a named function, so that a decision can be traced to the rule that made it.
 */
export type Verdict = 'join' | 'break' | undefined;

export type Rule<T> = (pair: T) => Verdict;

export interface Decision {
  verdict: 'join' | 'break';
  /** The name of the rule that decided. */
  rule: string;
}

/** Where no rule has an opinion, the pieces stay apart. */
export const NO_RULE = 'no rule';

export function decide<T>(rules: readonly Rule<T>[], pair: T): Decision {
  for (const rule of rules) {
    const verdict = rule(pair);
    if (verdict) return { verdict, rule: rule.name };
  }
  return { verdict: 'break', rule: NO_RULE };
}

/** A test as a verdict: `join` where it holds, `break` where it does not. */
export const joinIf = (holds: boolean): 'join' | 'break' => (holds ? 'join' : 'break');
