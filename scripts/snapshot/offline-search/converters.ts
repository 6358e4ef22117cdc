/**
 * opencc.js of a snapshot's search page: the served search's Traditional→Simplified converters as
 * a classic script, loaded only when a query needs them, as on the website.
 */
import { openccConverters } from '../../../src/lib/search-opencc.ts';

(globalThis as typeof globalThis & { gazetteConverters?: typeof openccConverters }).gazetteConverters = openccConverters;
