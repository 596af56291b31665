/**
 * The loaded corpora, one per distinct set of corpus roots (usually one per workspace folder).
 * Each holds an immutable engine; a reload builds a new engine and swaps it in whole.
 */
import * as path from 'node:path';
import { createEngine, type Engine } from './engine/index.js';
import { loadCorpus, loadSchema, type CorpusRoot } from './engine/corpus/source.js';
import type { SchemaValidator } from './engine/corpus/schema.js';

export class Corpora {
  private readonly engines = new Map<string, { roots: readonly CorpusRoot[]; engine: Engine }>();
  private schema: SchemaValidator | undefined;

  constructor(private readonly dataDir: string) {}

  private validator(): SchemaValidator {
    this.schema ??= loadSchema(this.dataDir);
    return this.schema;
  }

  private static key(roots: readonly CorpusRoot[]): string {
    return JSON.stringify(roots.map((r) => [path.resolve(r.path), r.bundled]));
  }

  /** The engine for a set of roots, loading the corpus on first use. */
  get(roots: readonly CorpusRoot[]): Engine {
    const key = Corpora.key(roots);
    const found = this.engines.get(key);
    if (found) return found.engine;
    const engine = createEngine(loadCorpus(roots, this.validator()));
    this.engines.set(key, { roots, engine });
    return engine;
  }

  /** Re-reads the corpora that include `changedFile` (all of them when omitted). Returns true when any was reloaded. */
  reload(changedFile?: string): boolean {
    let any = false;
    for (const [key, value] of this.engines) {
      const affected =
        changedFile === undefined ||
        value.roots.some((r) => {
          const rel = path.relative(path.resolve(r.path), changedFile);
          return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
        });
      if (!affected) continue;
      const corpus = loadCorpus(value.roots, this.validator(), undefined, value.engine.corpus);
      this.engines.set(key, { roots: value.roots, engine: createEngine(corpus) });
      any = true;
    }
    return any;
  }

  /** Forgets every corpus (settings changed); they load again on next use. */
  clear(): void {
    this.engines.clear();
  }

  all(): Engine[] {
    return [...this.engines.values()].map((v) => v.engine);
  }
}
