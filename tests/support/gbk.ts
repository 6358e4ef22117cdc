/** Legacy Chinese bytes for test sources: Node ships decoders but no GBK encoder. */

/** GBK bytes for a string, from the decoder's own table (no encoder ships with Node). */
export function encodeGbk(text: string): Uint8Array {
  const table = new Map<string, number[]>();
  const decoder = new TextDecoder('gb18030');
  for (let hi = 0x81; hi <= 0xfe; hi++) {
    for (let lo = 0x40; lo <= 0xfe; lo++) {
      if (lo === 0x7f) continue;
      const c = decoder.decode(Uint8Array.from([hi, lo]));
      if (c.length === 1 && !table.has(c)) table.set(c, [hi, lo]);
    }
  }
  const out: number[] = [];
  for (const c of text) {
    const code = c.codePointAt(0)!;
    if (code < 0x80) out.push(code);
    else
      out.push(
        ...(table.get(c) ??
          (() => {
            throw new Error(`not in GBK: ${c}`);
          })()),
      );
  }
  return Uint8Array.from(out);
}
