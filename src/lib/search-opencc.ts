/**
 * Traditional→Simplified conversion for queries, with OpenCC's Hong Kong and Taiwan standards
 * (衞 and 衛 are both 卫). Imported on demand: its dictionaries are the largest part of search.
 */
import type { Converter } from './search-text.ts';

export async function openccConverters(): Promise<Converter[]> {
  const { default: OpenCC } = await import('opencc-js/t2cn');
  return [OpenCC.Converter({ from: 'hk', to: 'cn' }), OpenCC.Converter({ from: 'tw', to: 'cn' })];
}
