/**
 * The one MDX dialect the archive writes and reads: MDX (JSX, expressions, ESM) plus GFM tables.
 * The ingest serialises document trees with it and the data export parses them back with it, so
 * that a text survives the round trip exactly.
 */
import type { Root, Text } from 'mdast';
import { fromMarkdown } from 'mdast-util-from-markdown';
import { gfmFromMarkdown, gfmToMarkdown } from 'mdast-util-gfm';
import { mdxFromMarkdown, mdxToMarkdown } from 'mdast-util-mdx';
import { type Handle, type Options, type State, type Unsafe, defaultHandlers, toMarkdown } from 'mdast-util-to-markdown';
import { gfm } from 'micromark-extension-gfm';
import { mdxjs } from 'micromark-extension-mdxjs';

/**
 * `import` and `export` opening a line start an MDX ES module block; mdast-util-mdx does not
 * escape them, so their first letter is written as a character reference there.
 */
const ESM_AT_LINE_START = ['import', 'export'].map((word) => ({ character: word[0]!, atBreak: true, after: `${word.slice(1)}\\b` }));

/**
 * The characters that the escapes of a serialisation (its `unsafe` patterns) are about, and the
 * backslash, which `state.safe` escapes before punctuation; and the patterns for each set of those
 * characters a text holds.
 */
interface Escapes {
  characters: RegExp;
  patterns: Map<string, Unsafe[]>;
}
const escapesOf = new WeakMap<State, Escapes>();
function escapes(state: State): Escapes {
  let found = escapesOf.get(state);
  if (!found) {
    const characters = new Set(['\\', ...state.unsafe.map((p) => p.character)]);
    found = {
      characters: new RegExp(`[${[...characters].map((c) => `\\u{${c.codePointAt(0)!.toString(16)}}`).join('')}]`, 'gu'),
      patterns: new Map(),
    };
    escapesOf.set(state, found);
  }
  return found;
}

/**
 * Text is made safe against the patterns whose character it holds (with the characters before and
 * after it), which are all that can match: `state.safe` tries each of some sixty patterns on every
 * text otherwise, and most of a gazette is Han characters and full-width punctuation, which no
 * pattern is about. Text that holds none of them is written as it is.
 */
const text: Handle = (node: Text, parent, state, info) => {
  const { characters, patterns } = escapes(state);
  const held = [...new Set(`${info.before}${node.value}${info.after}`.match(characters))].join('');
  if (!held) return node.value;
  let unsafe = patterns.get(held);
  if (!unsafe) patterns.set(held, (unsafe = state.unsafe.filter((p) => held.includes(p.character))));
  const all = state.unsafe;
  state.unsafe = unsafe;
  try {
    return defaultHandlers.text(node, parent, state, info);
  } finally {
    state.unsafe = all;
  }
};

/** The same for every document, so that the patterns are compiled once. */
const TO_MDX: Options = {
  extensions: [mdxToMarkdown(), gfmToMarkdown(), { unsafe: ESM_AT_LINE_START }],
  handlers: { text },
  bullet: '-',
  rule: '-',
  fences: true,
};

export function toMdx(tree: Root): string {
  return toMarkdown(tree, TO_MDX);
}

export function fromMdx(text: string): Root {
  return fromMarkdown(text, {
    extensions: [mdxjs(), gfm()],
    mdastExtensions: [mdxFromMarkdown(), gfmFromMarkdown()],
  });
}
