/**
 * Indexes the built site with Pagefind once Astro has written it. Only pages carrying
 * `data-pagefind-body` (the document pages) end up in the index.
 */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import * as pagefind from 'pagefind';

// Pagefind reports most failures in `errors` rather than by rejecting, so a build could
// otherwise ship a missing or partial index without noticing.
function check<T extends { errors: string[] }>(step: string, response: T): T {
  if (response.errors.length > 0) {
    throw new Error(`pagefind ${step} failed:\n  ${response.errors.join('\n  ')}`);
  }
  return response;
}

export default function pagefindIntegration(): AstroIntegration {
  return {
    name: 'gazette-pagefind',
    hooks: {
      'astro:build:done': async ({ dir, logger }) => {
        const outDir = fileURLToPath(dir);
        try {
          const { index } = check('createIndex', await pagefind.createIndex({ forceLanguage: 'zh-cn' }));
          if (!index) throw new Error('pagefind createIndex returned no index');
          const { page_count } = check('addDirectory', await index.addDirectory({ path: outDir }));
          if (page_count === 0) throw new Error('pagefind indexed no pages');
          const { outputPath } = check('writeFiles', await index.writeFiles({ outputPath: join(outDir, 'pagefind') }));
          logger.info(`scanned ${page_count} HTML pages, wrote the index to ${outputPath}`);
        } finally {
          await pagefind.close();
        }
      },
    },
  };
}
