// One lint setup for everything; zero warnings allowed (npm run lint).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const ENGINE_BANNED = [
  { name: 'vscode', message: 'The engine is editor-independent: adapters (server/src, client/src) talk to VS Code.' },
  { name: 'vscode-languageserver', message: 'The engine must not depend on LSP: convert at the edge (server/src/convert.ts).' },
  { name: 'vscode-languageserver/node', message: 'The engine must not depend on LSP: convert at the edge (server/src/convert.ts).' },
  { name: 'vscode-languageserver-textdocument', message: 'The engine works on plain text snapshots.' },
  { name: 'vscode-languageclient', message: 'The engine must not depend on the client.' },
  { name: 'vscode-languageclient/node', message: 'The engine must not depend on the client.' },
];
const DISK = [
  { name: 'node:fs', message: 'Only engine/corpus/source.ts and cache.ts read the disk.' },
  { name: 'fs', message: 'Only engine/corpus/source.ts reads the disk.' },
  { name: 'node:fs/promises', message: 'Only engine/corpus/source.ts reads the disk.' },
];

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'test-results/**', '**/*.d.ts', '.vscode-test/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      // node:test's test() and describe() return promises the runner itself awaits.
      '@typescript-eslint/no-floating-promises': ['error', { allowForKnownSafeCalls: [{ from: 'package', package: 'node:test', name: ['test', 'describe', 'it', 'suite', 'before', 'after', 'beforeEach', 'afterEach'] }] }],
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: false }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      eqeqeq: ['error', 'smart'],
      'no-console': 'off',
    },
  },
  {
    files: ['server/src/engine/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: [...ENGINE_BANNED, ...DISK] }] },
  },
  {
    // The corpus worker reads /proc for its own thread id, to lower its priority (worker.ts).
    files: ['server/src/engine/corpus/source.ts', 'server/src/engine/corpus/cache.ts', 'server/src/engine/corpus/worker.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: ENGINE_BANNED }] },
  },
  {
    files: ['**/*.mjs', '**/*.js'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly' } },
  },
);
