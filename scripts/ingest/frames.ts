/**
 * Stage 3c (raw PDF text) — frames: a page whose text the extraction emitted in the wrong order.
 *
 * A printed page may hold its text in more than one frame, and an extraction can emit the frames
 * out of order: the page then opens in the middle of a sentence, its numbered items run backwards
 * (3. before 1.), and its text ends in the middle of a sentence. Numbered items run in order, so
 * the frame that opens with the lower number was printed first: it goes before the page's opening
 * lines, which go on with the sentence it ends. A short spaced heading (附  则) the extraction put
 * after that text — large type comes out last, as order.ts says of titles — goes back to the top.
 */
import { numberingOf } from './blocks.ts';
import { SENTENCE_END, SPACED_HEADING, UNIT_END, cnNumber, compact } from './conventions.ts';
import type { Line } from './lines.ts';

/**
 * The index of the first numbered line whose number is lower than the one before it in the same
 * form (一、 after 四、; not 第一章 after 四、, which numbers another list), or -1.
 */
function backwardsAt(page: readonly Line[]): number {
  const last = new Map<string, { level: number; n: number }>();
  for (const [k, l] of page.entries()) {
    const numbering = numberingOf(l.text);
    if (!numbering) continue;
    const n = cnNumber(numbering.label.replace(/[^\d〇零一二三四五六七八九十]/gu, ''));
    if (Number.isNaN(n)) continue;
    const form = numbering.label.replace(/[\d〇零一二三四五六七八九十百]+/gu, 'N');
    if ((last.get(form)?.n ?? 0) > n) return k;
    // Numbering at a higher level opens a new list under it.
    for (const [f, { level }] of last) if (level > numbering.level) last.delete(f);
    last.set(form, { level: numbering.level, n });
  }
  return -1;
}

function reorderPage(page: readonly Line[], full: number): Line[] {
  let end = page.length;
  while (end > 0 && SPACED_HEADING.test(page[end - 1]!.text)) end--;
  const body = page.slice(0, end);
  if (body.length < 3 || body.some((l) => l.group !== undefined || l.hanging)) return [...page];
  const at = backwardsAt(body);
  const lastLine = body.at(-1)!;
  // The frames are out of order only where the text ends mid-sentence, the lower-numbered frame
  // opens after a finished sentence, and the page's opening lines are not a numbered item.
  if (
    at <= 0 ||
    numberingOf(body[0]!.text) ||
    !SENTENCE_END.test(compact(body[at - 1]!.text)) ||
    lastLine.width < full ||
    UNIT_END.test(compact(lastLine.text))
  )
    return [...page];
  return [...page.slice(end), ...body.slice(at), ...body.slice(0, at)];
}

export function restoreFrames(lines: readonly Line[], pageFull: ReadonlyMap<number, number>, full: number): Line[] {
  const out: Line[] = [];
  let start = 0;
  for (let i = 1; i <= lines.length; i++) {
    if (i < lines.length && lines[i]!.sheet === lines[start]!.sheet) continue;
    out.push(...reorderPage(lines.slice(start, i), pageFull.get(lines[start]!.sheet) ?? full));
    start = i;
  }
  return out;
}
