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

/** The ids of the bundled corpus that SPEC §6 names as relied on by other documents. */
export const SPEC_IDS: readonly string[] = [
  'kz-online-platforms-2023',
  'kz-communications-2004',
  'kz-personal-data-2013',
  'kz-mass-media-2024',
  'kz-informatization-2015',
  'kz-advertising-2003',
  'kz-child-info-protection-2018',
  'kz-constitution-1995',
  'uz-personal-data-2019',
  'ru-foreign-persons-internet-2021',
  'eu-dsa-2022',
  'tr-internet-5651-2007',
  'balaeva-2024-04-22',
  'tiktok-kazinform-2024-04',
  'dayyrbekov-kursiv-2024-04',
  'sairov-inquiry-2024-04-22',
  'iskakov-senate-2024-06-06',
  'khalykbergen-2024-04-17',
  'uz-social-media-restrictions-2021',
];
