import { createRequire } from 'node:module';
import { Jieba } from '@node-rs/jieba';

// Search text is cut by jieba into a `simple` tsvector (see docs/ARCHITECTURE.md, Search).
let jieba: Jieba | undefined;

/** The words of a text for the search index and for queries over it. */
export function searchTokens(text: string): string[] {
  // The dictionary module reads a 5 MB file when imported: required on first use, not at start.
  if (!jieba)
    jieba = Jieba.withDict(createRequire(import.meta.url)('@node-rs/jieba/dict').dict as Uint8Array);
  return jieba.cutForSearch(text, true).filter((w) => w.trim().length > 0);
}
