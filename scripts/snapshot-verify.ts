/**
 * npm run snapshot:verify -- BAG
 *
 * Checks a snapshot (any BagIt bag, as a folder or as a tar of one): that it is complete and that
 * every file is unchanged. Lists missing, changed and extra files, and entries that are not
 * regular files. No link in the bag is followed and nothing but its regular files is read. The
 * exit code says what was found, added together:
 *
 *   0  valid: complete and unchanged
 *   1  missing files (listed in a manifest, not in the bag)
 *   2  changed files (checksum differs from the manifest)
 *   4  extra files (in the bag's payload but in no manifest)
 *   8  not a bag, or one that cannot be checked (no bagit.txt, no manifest, unreadable or repeated lines)
 *  16  links, FIFOs, sockets or devices in the bag (reported, never followed or read)
 *  64  wrong arguments
 *
 * e.g. 3 means missing and changed files.
 */
import { statSync } from 'node:fs';
import { once } from 'node:events';
import { resolve } from 'node:path';
import { EXIT, exitCode, report, unpackTar, verifyBag } from './snapshot/verify.ts';

/** Writes the report in blocks, waiting when the reader is slower: it may have millions of lines. */
async function print(lines: Iterable<string>): Promise<void> {
  let block = '';
  const flush = async () => {
    if (!process.stdout.write(block)) await once(process.stdout, 'drain');
    block = '';
  };
  for (const line of lines) {
    block += `${line}\n`;
    if (block.length > 64 * 1024) await flush();
  }
  await flush();
}

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  if (args.length !== 1 || args[0]!.startsWith('-')) {
    console.error('usage: npm run snapshot:verify -- BAG');
    return EXIT.usage;
  }
  const path = resolve(args[0]!);
  const tar = statSync(path, { throwIfNoEntry: false })?.isFile() ? await unpackTar(path) : null;
  try {
    const v = await verifyBag(tar?.dir ?? path, tar?.others);
    await print(report(args[0]!, v));
    return exitCode(v);
  } finally {
    tar?.remove();
  }
}

main().then(
  (code) => (process.exitCode = code),
  (error: unknown) => {
    console.error(`snapshot:verify: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = EXIT.invalid;
  },
);
