/**
 * Stage 1 — read: bytes of one source file → normalised text, its issue key and its flavour.
 *
 * Sources are named `YYYY-NN.txt` (year, issue number). Text may arrive as UTF-8 (with or
 * without BOM), UTF-16 (with or without BOM) or in a legacy Chinese encoding; it is decoded
 * exactly or refused, never guessed into mojibake. The encoding is recognised on a sample, so a
 * huge file is refused as fast as a small one; the whole file is then decoded strictly.
 */
import { createHash } from 'node:crypto';
import { analyse } from 'chardet';
import { VFile } from 'vfile';
import { VFileMessage } from 'vfile-message';
import { type Position, RULES, fail, warn } from './messages.ts';

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
};

/**
 * The most frequent characters of written Chinese. Bytes of one double-byte encoding often decode
 * cleanly in another, into rare characters; the right reading is the one made of common ones.
 */
const COMMON =
  '的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处府州市省县镇乡';

/** A reading with fewer common characters than this is not Chinese text: random bytes decode into rare ones. */
const MIN_COMMON = 0.1;

function commonShare(text: string): number {
  let han = 0;
  let common = 0;
  for (const c of text) {
    if (!/\p{Script=Han}/u.test(c)) continue;
    han++;
    if (COMMON.includes(c)) common++;
  }
  return han ? common / han : 0;
}

/** How much of a file the encoding is recognised on. */
const SAMPLE = 64 * 1024;

/** The line and column (1-based, in characters) where `prefix`, the text before a point, ends. */
export function positionAfter(prefix: string): Position {
  const text = prefix.replace(/\r\n?/gu, '\n');
  let line = 1;
  for (let k = text.indexOf('\n'); k >= 0; k = text.indexOf('\n', k + 1)) line++;
  return { line, column: [...text.slice(text.lastIndexOf('\n') + 1)].length + 1 };
}

/** Bytes of a character a UTF-8 lead byte announces (0 for a byte no character starts with). */
function utf8Length(byte: number): number {
  if (byte < 0x80) return 1;
  if (byte >= 0xc2 && byte <= 0xdf) return 2;
  if (byte >= 0xe0 && byte <= 0xef) return 3;
  if (byte >= 0xf0 && byte <= 0xf4) return 4;
  return 0;
}

/** The text before the first byte sequence that is not UTF-8 (a U+FFFD the file itself holds is text). */
function utf8Prefix(bytes: Uint8Array): string {
  // Only the chunk where decoding fails is searched, so a file bad from its start is placed at once.
  const strict = new TextDecoder('utf-8', { fatal: true });
  let start = 0;
  for (; start < bytes.length; start += SAMPLE) {
    try {
      strict.decode(bytes.subarray(start, start + SAMPLE), { stream: true });
    } catch {
      break;
    }
  }
  // The chunk may begin inside a character the previous one started: back up to its lead byte.
  let from = start;
  while (from > 0 && start - from < 3 && (bytes[from]! & 0xc0) === 0x80) from--;
  const kept = new TextDecoder('utf-8').decode(bytes.subarray(0, from));
  const lossy = new TextDecoder('utf-8').decode(bytes.subarray(from, Math.min(bytes.length, start + SAMPLE)));
  let k = -1;
  for (let at = 0; ; at = k + 1) {
    k = lossy.indexOf('\uFFFD', at);
    if (k < 0) return kept + lossy;
    const offset = from + Buffer.byteLength(lossy.slice(0, k));
    if (!(bytes[offset] === 0xef && bytes[offset + 1] === 0xbf && bytes[offset + 2] === 0xbd)) return kept + lossy.slice(0, k);
  }
}

/** Do the last bytes of a file begin a character of `label` that the file does not finish? */
function startsCharacter(label: string, tail: Uint8Array): boolean {
  if (label === 'utf-8') return utf8Length(tail[0]!) > tail.length && tail.subarray(1).every((b) => b >= 0x80 && b <= 0xbf);
  if (label.startsWith('utf-16')) {
    if (tail.length === 1) return true;
    const high = label === 'utf-16le' ? tail[1]! : tail[0]!;
    return high >= 0xd8 && high <= 0xdb;
  }
  return tail[0]! >= 0x81;
}

/**
 * UTF-16 without a byte order mark: gazette text always has ASCII (line ends, digits, spaces),
 * whose high byte is zero, so one side of the code units is often zero and the other almost never.
 */
function utf16Order(sample: Uint8Array): 'utf-16le' | 'utf-16be' | null {
  let even = 0;
  let odd = 0;
  for (let i = 0; i + 1 < sample.length; i += 2) {
    if (sample[i] === 0) even++;
    if (sample[i + 1] === 0) odd++;
  }
  const units = Math.floor(sample.length / 2);
  if (units === 0) return null;
  // (A Han character whose low byte is zero puts a few zeros on the other side.)
  if (odd >= units * 0.02 && even <= odd * 0.1) return 'utf-16le';
  if (even >= units * 0.02 && odd <= even * 0.1) return 'utf-16be';
  return null;
}

/** A text file holds a stray NUL at most; many mean the bytes are not text at all. */
function isBinary(sample: Uint8Array): boolean {
  let nul = 0;
  for (const b of sample) if (b === 0) nul++;
  return nul > Math.max(2, sample.length * 0.01);
}

interface Decoded {
  text: string;
  /** Bytes left at the end that begin a character but do not finish it: the file was cut there. */
  cut: number;
}

/** `bytes` decoded strictly as `label`, allowing only for a last character cut short; null if that fails. */
function decodeStrict(label: string, bytes: Uint8Array): Decoded | null {
  for (let cut = 0; cut <= Math.min(3, bytes.length - 1); cut++) {
    if (cut && !startsCharacter(label, bytes.subarray(bytes.length - cut))) continue;
    try {
      return { text: new TextDecoder(label, { fatal: true }).decode(bytes.subarray(0, bytes.length - cut)), cut };
    } catch {
      // A longer cut, or another encoding.
    }
  }
  return null;
}

function decode(file: VFile, bytes: Uint8Array): Decoded {
  if (bytes.length === 0) fail(file, 'the file is empty', RULES.empty);
  const sample = bytes.subarray(0, SAMPLE);
  const bom16 = sample[0] === 0xff && sample[1] === 0xfe ? 'utf-16le' : sample[0] === 0xfe && sample[1] === 0xff ? 'utf-16be' : null;
  const order = bom16 ?? utf16Order(sample);
  if (order) {
    const decoded = decodeStrict(order, bytes);
    if (decoded) {
      if (!bom16) warn(file, `the file is not UTF-8; decoded as ${order.toUpperCase()} (it has no byte order mark)`, RULES.encoding);
      return decoded;
    }
  }
  if (isBinary(sample)) fail(file, 'the file is binary (it contains NUL bytes), not gazette text', RULES.binary);
  // `ignoreBOM: false` (the default) strips a UTF-8 byte order mark.
  const utf8 = decodeStrict('utf-8', bytes);
  if (utf8) return utf8;
  const at = positionAfter(utf8Prefix(bytes));
  // Candidates for the sample, read as the most common Chinese first; the first to decode the whole file is it.
  const labels = new Map<string, string>();
  for (const { name } of analyse(sample))
    if (LEGACY_CHINESE[name] && !labels.has(LEGACY_CHINESE[name])) labels.set(LEGACY_CHINESE[name], name);
  const candidates = [...labels].flatMap(([label, name]) => {
    const read = decodeStrict(label, sample);
    return read ? [{ label, name, share: commonShare(read.text) }] : [];
  });
  for (const { label, name } of candidates.filter((c) => c.share >= MIN_COMMON).sort((a, b) => b.share - a.share)) {
    const decoded = decodeStrict(label, bytes);
    if (!decoded) continue;
    warn(file, `the file is not UTF-8 (from line ${at.line}, column ${at.column}); decoded as ${name}`, RULES.encoding, at);
    return decoded;
  }
  return fail(
    file,
    'the file is neither UTF-8 nor a Chinese legacy encoding that decodes cleanly into Chinese text; convert it to UTF-8 ' +
      `(the first byte that is not UTF-8 is at line ${at.line}, column ${at.column})`,
    RULES.encoding,
    at,
  );
}

/** C0 control characters other than tab and line ends (and DEL): no printed text has them. */
const CONTROL = /[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]/u;
/** Lines with control characters that each get a message of their own; the rest are counted. */
const CONTROL_MESSAGES = 20;

function hex(c: string): string {
  return `U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
}

/** Control characters are dropped, each line that had them reported with their columns. */
function dropControls(file: VFile, lines: string[]): void {
  const more: { line: number; column: number }[] = [];
  lines.forEach((line, i) => {
    if (!CONTROL.test(line)) return;
    const every = new RegExp(CONTROL.source, 'gu');
    const found = [...line.matchAll(every)].map((m) => ({ char: m[0], column: [...line.slice(0, m.index)].length + 1 }));
    lines[i] = line.replace(every, '');
    const at = { line: i + 1, column: found[0]!.column };
    if (file.messages.filter((m) => m.ruleId === RULES.control).length >= CONTROL_MESSAGES) {
      more.push(at);
      return;
    }
    const list = found.map((f) => `${hex(f.char)} at column ${f.column}`).join(', ');
    warn(file, `control character${found.length > 1 ? 's' : ''} dropped: ${list}`, RULES.control, at);
  });
  // The lines past the first few are summed up, at the first of them.
  if (more.length) warn(file, `control characters dropped from ${more.length} more lines, from here on`, RULES.control, more[0]);
}

/** Markdown-flavoured sources carry ATX headings; raw PDF extractions never do. */
export function detectFlavour(lines: readonly string[]): Flavour {
  const headings = lines.filter((l) => /^#{1,6} \S/.test(l)).length;
  return headings >= 3 ? 'markdown' : 'raw';
}

/** A gazette issue is Chinese text that speaks of a government: 200 Han characters are enough to tell. */
function looksLikeGazette(text: string): boolean {
  const han = /\p{Script=Han}/gu;
  let count = 0;
  while (count < 200 && han.exec(text)) count++;
  if (count < 200) return false;
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
  const { text: decoded, cut } = decode(file, bytes);
  const text = decoded.replace(/\r\n?/g, '\n');
  if (!looksLikeGazette(text)) {
    fail(file, 'the file does not look like a gazette issue (too little Chinese text, no government, gazette or 文号)', RULES.notGazette);
  }
  const lines = text.split('\n');
  if (cut) {
    const at = positionAfter(text);
    warn(
      file,
      `the file is truncated: it ends inside a character (${cut} byte${cut > 1 ? 's' : ''} of it at line ${at.line}, column ${at.column}); the text before is read`,
      RULES.truncated,
      at,
    );
  }
  dropControls(file, lines);
  file.value = lines.join('\n');
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

/**
 * A side file (corrections) read like a source: the same decoding, control characters and
 * messages. Returns its text, or null when it cannot be decoded (the message is on `file`).
 */
export function readText(file: VFile, bytes: Uint8Array): string | null {
  try {
    const { text, cut } = decode(file, bytes);
    const lines = text.replace(/\r\n?/g, '\n').split('\n');
    if (cut) warn(file, 'the file is truncated: it ends inside a character', RULES.truncated, positionAfter(text));
    dropControls(file, lines);
    return lines.join('\n');
  } catch (error) {
    if (error instanceof VFileMessage) return null;
    throw error;
  }
}
