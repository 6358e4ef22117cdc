/**
 * Stage 1 — read: bytes of one source file → normalised text, its issue key and its flavour.
 *
 * Sources are named `YYYY-NN.txt` (year, issue number). Text may arrive as UTF-8 (with or
 * without BOM) or in a legacy Chinese encoding; it is decoded exactly or refused, never guessed
 * into mojibake.
 */
import { createHash } from 'node:crypto';
import { analyse } from 'chardet';
import { VFile } from 'vfile';
import { RULES, fail, warn } from './messages.ts';

export type Flavour = 'markdown' | 'raw';

export interface Source {
  file: VFile;
  /** `YYYY-NN` from the file name. */
  key: string;
  year: number;
  number: number;
  sha256: string;
  flavour: Flavour;
  /** The text split into lines, LF-normalised; `lines[0]` is line 1. */
  lines: string[];
}

export const SOURCE_NAME = /^(\d{4})-(\d{2})\.txt$/;

/** Encodings a Chinese government text plausibly arrives in besides UTF-8, as the decoder names them. */
const LEGACY_CHINESE: Record<string, string> = {
  GB18030: 'gb18030',
  GBK: 'gb18030',
  GB2312: 'gb18030',
  Big5: 'big5',
  'UTF-16LE': 'utf-16le',
  'UTF-16BE': 'utf-16be',
};

function decode(file: VFile, bytes: Uint8Array): string {
  if (bytes.length === 0) fail(file, 'the file is empty', RULES.empty);
  const probe = bytes.subarray(0, 65536);
  const utf16 = (probe[0] === 0xff && probe[1] === 0xfe) || (probe[0] === 0xfe && probe[1] === 0xff);
  if (!utf16 && probe.includes(0)) {
    fail(file, 'the file is binary (it contains NUL bytes), not gazette text', RULES.binary);
  }
  try {
    // `ignoreBOM: false` strips a UTF-8 byte order mark.
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    for (const { name } of analyse(bytes)) {
      const label = LEGACY_CHINESE[name];
      if (!label) continue;
      try {
        const text = new TextDecoder(label, { fatal: true }).decode(bytes);
        warn(file, `the file is not UTF-8; decoded as ${name}`, RULES.encoding);
        return text;
      } catch {
        // the next candidate
      }
    }
    return fail(file, 'the file is neither UTF-8 nor a Chinese legacy encoding that decodes cleanly; convert it to UTF-8', RULES.encoding);
  }
}

/** Markdown-flavoured sources carry ATX headings; raw PDF extractions never do. */
export function detectFlavour(lines: readonly string[]): Flavour {
  const headings = lines.filter((l) => /^#{1,6} \S/.test(l)).length;
  return headings >= 3 ? 'markdown' : 'raw';
}

const HAN = /\p{Script=Han}/gu;

/** A gazette issue is Chinese text that speaks of a government. */
function looksLikeGazette(text: string): boolean {
  const han = text.match(HAN)?.length ?? 0;
  if (han < 200) return false;
  return /人民政府|公报|〔\d{4}〕\d+号/.test(text);
}

export function readSource(path: string, bytes: Uint8Array): Source {
  const file = new VFile({ path });
  const name = file.basename ?? path;
  const m = SOURCE_NAME.exec(name);
  if (!m) {
    fail(
      file,
      `source file name \`${name}\` is not of the form \`YYYY-NN.txt\` (year and two-digit issue number, e.g. \`2023-05.txt\`)`,
      RULES.fileName,
    );
  }
  const [, y, n] = m as RegExpExecArray;
  const text = decode(file, bytes).replace(/\r\n?/g, '\n');
  if (!looksLikeGazette(text)) {
    fail(file, 'the file does not look like a gazette issue (too little Chinese text, no government, gazette or 文号)', RULES.notGazette);
  }
  file.value = text;
  const lines = text.split('\n');
  return {
    file,
    key: `${y}-${n}`,
    year: Number(y),
    number: Number(n),
    sha256: createHash('sha256').update(bytes).digest('hex'),
    flavour: detectFlavour(lines),
    lines,
  };
}
