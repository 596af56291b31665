// Bundles the extension-host suite (test/vscode/suite) into one CommonJS file,
// out/test-vscode/suite.cjs: VS Code loads the tests module with require().
import * as esbuild from 'esbuild';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

await esbuild.build({
  absWorkingDir: root,
  entryPoints: ['test/vscode/suite/index.ts'],
  outfile: 'out/test-vscode/suite.cjs',
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  external: ['vscode'],
  sourcemap: true,
  logLevel: 'warning',
  legalComments: 'none',
});
