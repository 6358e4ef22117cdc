/**
 * Everything that names this particular gazette. Another gazette reuses the project by editing
 * this file (and its sources); the code reads these values and nothing else about the publisher.
 *
 * The canonical origin and the deployment path are set per build, not here: SITE_URL and
 * BASE_PATH in the environment (see astro.config.mjs), because the same archive is served by
 * its publisher and by mirrors.
 *
 * GAZETTE_SITE_CONFIG may name a JSON file whose fields replace these for one build, so that one
 * checkout can build archives of several gazettes (as the portal's tests do).
 */
import { readFileSync } from 'node:fs';

const defaults = {
  /** The gazette's printed name, used as the site name. */
  name: '温州市人民政府公报',
  /** The body that publishes the gazette (主办). */
  publisher: '温州市人民政府',
  /** Who compiles it (承编), shown in the footer. */
  editor: '温州市政府公报中心',
  /** How often the gazette appears, for the Atom feed and structured data. */
  frequency: '月刊',
  /** One sentence for search engines and link previews. */
  description:
    '温州市人民政府公报历年各期全文档案：市政府文件、市府办文件、部门文件、政策解读及政务信息，可按期、栏目、发文机关、文号浏览和检索。',
  /** Where the gazette's documents apply (schema.org legislationJurisdiction). */
  jurisdiction: '浙江省温州市',
  /** BCP 47 language of the texts. */
  language: 'zh-CN',
  /** OpenGraph locale. */
  locale: 'zh_CN',
  /** Used when SITE_URL is not set, so canonical URLs are always absolute. */
  defaultSiteUrl: 'https://gazette.example.org',
  /** The publisher's own site, linked from the footer; null for none. */
  publisherUrl: 'https://www.wenzhou.gov.cn/' as string | null,
  /** The disclaimer printed in every footer. */
  notice: '本站文本据公报印刷版整理，如有出入，以印刷版为准。',
};

export type SiteConfig = Readonly<typeof defaults>;

const file = process.env.GAZETTE_SITE_CONFIG;
export const siteConfig: SiteConfig = { ...defaults, ...(file ? (JSON.parse(readFileSync(file, 'utf8')) as Partial<SiteConfig>) : {}) };
