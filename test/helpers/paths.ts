/**
 * Where things are, from the repository root. Tests run from the root (`npm test`), but the
 * root is found from this file's own location so that a test also runs from any folder.
 */
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root (this file is compiled to out/test/helpers/paths.js). */
export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

/** A path under test/fixtures. */
export function fixture(...parts: string[]): string {
  return path.join(repoRoot, 'test', 'fixtures', ...parts);
}

/** The bundled corpus folder (it holds schema/corpus.schema.json). */
export const dataDir = path.join(repoRoot, 'data');

/** The CLI bundle that `npm run build` writes. */
export const cliBundle = path.join(repoRoot, 'dist', 'cli.cjs');
