// Entry of the extension-host suite, bundled to out/test-vscode/suite.cjs by
// test/vscode/build.mjs. VS Code require()s it and calls run(); the run fails when it rejects.
import { runTests } from './runner.js';
import { cleanup, tests } from './tests.js';

export async function run(): Promise<void> {
  await runTests(tests, cleanup);
}
