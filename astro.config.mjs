// @ts-check
import { defineConfig } from 'astro/config';
import mdx from '@astrojs/mdx';
import { satteri } from '@astrojs/markdown-satteri';
import { documentBodyPlugin } from './src/lib/body.ts';
import { siteConfig } from './src/site.config.ts';
import { basePath } from './src/lib/base-path.ts';

const env = process.env;

const base = basePath(env.BASE_PATH);

export default defineConfig({
  site: env.SITE_URL || siteConfig.defaultSiteUrl,
  base,
  outDir: env.GAZETTE_DIST || 'dist',
  // The content data store lives here; separate builds (tests) each need their own.
  cacheDir: env.GAZETTE_CACHE || './node_modules/.astro',
  output: 'static',
  trailingSlash: 'always',
  build: { format: 'directory' },
  integrations: [
    mdx({
      // A document's static markup compiles to one HTML string rather than a call per element:
      // smaller modules to bundle and less to render, for thousands of documents.
      optimize: true,
      processor: satteri({
        // The archive reproduces the printed text; typographic substitutions would alter it.
        features: { smartPunctuation: false },
        hastPlugins: [
          documentBodyPlugin({
            contentDir: env.GAZETTE_CONTENT || 'content/generated',
            documentHref: (id) => `${base}documents/${id}/`,
          }),
        ],
      }),
    }),
  ],
  vite: {
    ...(env.GAZETTE_CACHE ? { cacheDir: `${env.GAZETTE_CACHE}/vite` } : {}),
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
