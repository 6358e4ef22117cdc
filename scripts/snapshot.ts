/**
 * npm run snapshot [-- DIR] [--tar] [--force] [--site DIST] [--sources DIR]
 *
 * Writes the built archive as a BagIt bag in DIR (default `snapshot/`) for libraries and offline
 * mirrors: the website working from a disk, the sources and the data export, with checksums.
 * `--tar` also writes DIR.tar. DIR may be empty or an earlier bag made by this command; anything
 * else there, and an existing DIR.tar, is replaced only with `--force`. Run `npm run build` first. Dates come from SOURCE_DATE_EPOCH when
 * it is set, so a snapshot can be reproduced byte for byte. See README, "Snapshots for libraries".
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { humanSize } from './snapshot/bag.ts';
import { makeSnapshot, snapshotTime } from './snapshot/make.ts';
import { checkTarFile, writeTar } from './snapshot/tar.ts';

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      tar: { type: 'boolean', default: false },
      force: { type: 'boolean', default: false },
      site: { type: 'string', default: process.env.GAZETTE_DIST ?? 'dist' },
      sources: { type: 'string', default: process.env.GAZETTE_SOURCES ?? 'content/sources' },
    },
  });
  if (positionals.length > 1) throw new Error('usage: npm run snapshot -- [DIR] [--tar] [--force] [--site DIST] [--sources DIR]');
  const out = resolve(positionals[0] ?? 'snapshot');
  const force = values.force;
  const time = snapshotTime();
  const started = performance.now();
  // Before the bag is made, so a refused tar does not leave a new bag and an old tar.
  if (values.tar) checkTarFile(`${out}.tar`, force);
  const result = makeSnapshot({ site: values.site, sources: values.sources, out, base: process.env.BASE_PATH, time, force });
  console.log(
    `snapshot: ${result.issues} issues, ${result.documents} documents; ${result.payloadFiles} files, ` +
      `${humanSize(result.payloadBytes)} → ${out}`,
  );
  if (values.tar) {
    await writeTar(out, `${out}.tar`, time, { force });
    console.log(`snapshot: → ${out}.tar`);
  }
  console.log(`snapshot: done in ${Math.round(performance.now() - started)} ms`);
}

main().catch((error: unknown) => {
  console.error(`snapshot: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
