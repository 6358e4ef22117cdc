// @ts-check
import { defineConfig } from 'astro/config';
import mdx from '@astrojs/mdx';
import pagefind from './src/integrations/pagefind.ts';

const env = process.env;

export default defineConfig({
  site: env.SITE_URL || 'https://gazette.example.org',
  base: env.BASE_PATH || '/',
  outDir: env.GAZETTE_DIST || 'dist',
  output: 'static',
  trailingSlash: 'always',
  build: { format: 'directory' },
  integrations: [mdx(), pagefind()],
  // The archive reproduces the printed text; typographic substitutions would alter it.
  markdown: { smartypants: false },
  vite: {
    build: {
      rolldownOptions: {
        // Astro marks every MDX module with this directive and rolldown warns about each one
        // (withastro/astro#18087); harmless, but it would print one warning per document.
        onwarn(warning, warn) {
          if (warning.code === 'MODULE_LEVEL_DIRECTIVE' && warning.message.includes('astro:head-inject')) return;
          warn(warning);
        },
      },
    },
  },
});
