/** Where the shipped files are, relative to the running bundle (dist/*.cjs → ../data). */
import * as fs from 'node:fs';
import * as path from 'node:path';

/** The bundled corpus folder (holding `schema/corpus.schema.json`). */
export function bundledDataDir(): string {
  const here = typeof __dirname === 'string' ? __dirname : process.cwd();
  for (const candidate of [path.resolve(here, '..', 'data'), path.resolve(here, '..', '..', 'data'), path.resolve(here, '..', '..', '..', 'data')]) {
    if (fs.existsSync(path.join(candidate, 'schema', 'corpus.schema.json'))) return candidate;
  }
  return path.resolve(here, '..', 'data');
}
