/**
 * npm run bench:read [-- --mb 50]
 *
 * Times the read stage on large files it must refuse: random bytes, and real gazette text with one
 * byte at its end that no encoding reads. Encodings are recognised on a sample, so the time grows
 * with decoding the file once or twice, not with detection.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { VFileMessage } from 'vfile-message';
import { readSource } from './ingest/read.ts';

const { values } = parseArgs({ options: { mb: { type: 'string', default: '50' } } });
const size = Number(values.mb) * 1024 * 1024;

const random = new Uint8Array(size);
for (let i = 0; i < size; i++) random[i] = 0x80 + ((i * 7919) % 127);
const text = readFileSync('content/sources/2023-10.txt');
const repeated = Buffer.concat([...Array.from({ length: Math.ceil(size / text.length) }, () => text), Buffer.from([0xff])]);

for (const [name, bytes] of [
  ['random bytes', random],
  ['text, one bad byte at the end', repeated],
] as const) {
  const started = performance.now();
  let outcome = 'read';
  try {
    readSource('2030-01.txt', bytes);
  } catch (error) {
    if (!(error instanceof VFileMessage)) throw error;
    outcome = `refused (${error.ruleId})`;
  }
  console.log(`${name}, ${Math.round(bytes.length / 1024 / 1024)} MB: ${outcome} in ${Math.round(performance.now() - started)} ms`);
}
