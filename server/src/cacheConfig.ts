/**
 * Which corpus cache an adapter uses: the language server and the CLI decide the same way.
 */
import { CorpusCache, defaultCacheDir } from './engine/corpus/cache.js';

/** The build of this bundle, set by esbuild (esbuild.mjs); cached corpus files from another build are not read. */
declare const LEXLENS_BUILD_ID: string | undefined;
const BUILD_ID = typeof LEXLENS_BUILD_ID === 'string' ? LEXLENS_BUILD_ID : undefined;

/**
 * The cache in `dir` (`null` turns it off); when `dir` is not given, `$LEXLENS_CACHE_DIR`
 * (`off` turns it off), else the user's cache folder. Without a build id (the unbundled sources,
 * as unit tests run them) nothing tells one build's cached states from another's: then there is
 * no cache unless a folder is given.
 */
export function corpusCache(dir?: string | null, env: NodeJS.ProcessEnv = process.env): CorpusCache | undefined {
  if (dir === null) return undefined;
  const fromEnv = env['LEXLENS_CACHE_DIR'];
  if (dir === undefined && fromEnv === 'off') return undefined;
  const chosen = dir ?? (fromEnv || undefined) ?? (BUILD_ID ? defaultCacheDir(env) : undefined);
  return chosen ? new CorpusCache(chosen, BUILD_ID ?? 'unbundled') : undefined;
}
