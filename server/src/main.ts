/**
 * Entry point of `lexlens-language-server`: `--stdio` for any LSP client (Neovim, Emacs, Helix),
 * `--node-ipc` when VS Code starts it.
 */
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startServer } from './server.js';

if (process.argv.includes('--help') || process.argv.includes('-h')) {
  process.stdout.write('Usage: lexlens-language-server --stdio | --node-ipc | --socket=<port>\n');
  process.exit(0);
}
if (process.argv.includes('--version')) {
  process.stdout.write('0.1.0\n');
  process.exit(0);
}
startServer(createConnection(ProposedFeatures.all));
