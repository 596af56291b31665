// Bundles what ships: the extension (client), the language server and the CLI.
// CommonJS output because VS Code 1.100 loads extensions with require(); the ESM-only
// Markdown parser is converted by esbuild.
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as esbuild from 'esbuild';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

/**
 * A hash of the server's sources and the corpus schema: the language server and the CLI key their
 * cache of read corpus files by it, so a cache written by another build is never read back.
 */
function buildId() {
  const hash = crypto.createHash('sha256');
  const walk = (dir) => {
    for (const name of fs.readdirSync(dir).sort()) {
      const p = path.join(dir, name);
      if (fs.statSync(p).isDirectory()) walk(p);
      else if (/\.(ts|json)$/.test(name)) hash.update(p).update('\0').update(fs.readFileSync(p)).update('\0');
    }
  };
  walk('server/src');
  walk('data/schema');
  hash.update(fs.readFileSync('package.json'));
  return hash.digest('hex').slice(0, 16);
}
// In watch mode the sources change under one build: no id, so no cache is read by default.
// LEXLENS_CORPUS_WORKER names the bundle of the corpus-reading worker thread (pool.ts), which the
// server and the CLI start from the folder they run from.
const define = { ...(watch ? {} : { LEXLENS_BUILD_ID: JSON.stringify(buildId()) }), LEXLENS_CORPUS_WORKER: JSON.stringify('corpusWorker.cjs') };


// pool.ts finds the worker through import.meta.url only when run from tsc's ES module output; in
// these CommonJS bundles it takes LEXLENS_CORPUS_WORKER next to __dirname, so an empty import.meta is expected.
const logOverride = { 'empty-import-meta': 'silent' };

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: !production,
  minify: production,
  logLevel: 'warning',
  legalComments: 'none',
};

const builds = [
  { entryPoints: ['client/src/extension.ts'], outfile: 'dist/client.cjs', external: ['vscode'] },
  { entryPoints: ['server/src/main.ts'], outfile: 'dist/server.cjs', banner: { js: '#!/usr/bin/env node' }, define, logOverride },
  { entryPoints: ['server/src/cli.ts'], outfile: 'dist/cli.cjs', banner: { js: '#!/usr/bin/env node' }, define, logOverride },
  { entryPoints: ['server/src/engine/corpus/worker.ts'], outfile: 'dist/corpusWorker.cjs', define, logOverride },
];

for (const b of builds) {
  const options = { ...common, ...b };
  if (watch) {
    const ctx = await esbuild.context(options);
    await ctx.watch();
  } else {
    await esbuild.build(options);
  }
}
