/**
 * npm run snapshot:verify -- BAG
 *
 * Checks a snapshot (any BagIt bag, as a folder or as a tar of one): that it is complete and that
 * every file is unchanged. Lists
 * missing, changed and extra files. The exit code says what was found, added together:
 *
 *   0  valid: complete and unchanged
 *   1  missing files (listed in a manifest, not in the bag)
 *   2  changed files (checksum differs from the manifest)
 *   4  extra files (in the bag's payload but in no manifest)
 *   8  not a bag, or one that cannot be checked (no bagit.txt, no manifest, unreadable lines)
 *  64  wrong arguments
 *
 * e.g. 3 means missing and changed files.
 */
import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import { EXIT, exitCode, report, unpackTar, verifyBag } from './snapshot/verify.ts';

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  if (args.length !== 1 || args[0]!.startsWith('-')) {
    console.error('usage: npm run snapshot:verify -- BAG');
    return EXIT.usage;
  }
  const path = resolve(args[0]!);
  const tar = statSync(path, { throwIfNoEntry: false })?.isFile() ? await unpackTar(path) : null;
  try {
    const v = await verifyBag(tar?.dir ?? path);
    console.log(report(args[0]!, v));
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
