/** The status bar item and language status item: entries loaded and corpus problems. */
import * as vscode from 'vscode';
import type { StatusParams } from '../../server/src/protocol.js';

export class StatusItem implements vscode.Disposable {
  private readonly bar: vscode.StatusBarItem;
  private readonly language: vscode.LanguageStatusItem;

  constructor() {
    this.bar = vscode.window.createStatusBarItem('lexlens.status', vscode.StatusBarAlignment.Right, 100);
    this.bar.name = 'LexLens';
    this.bar.command = 'lexlens.showOutput';
    this.language = vscode.languages.createLanguageStatusItem('lexlens.corpus', [{ language: 'markdown' }, { language: 'plaintext' }]);
    this.language.name = 'LexLens corpus';
    this.language.command = { title: vscode.l10n.t('Show output'), command: 'lexlens.showOutput' };
    this.starting();
  }

  starting(): void {
    this.bar.text = '$(sync~spin) LexLens';
    this.bar.tooltip = vscode.l10n.t('LexLens is starting');
    this.bar.show();
    this.language.text = vscode.l10n.t('LexLens: starting');
    this.language.busy = true;
  }

  update(s: StatusParams): void {
    const entries = vscode.l10n.t('{0} entries', s.entries);
    const problems = s.problems === 1 ? vscode.l10n.t('1 corpus problem') : vscode.l10n.t('{0} corpus problems', s.problems);
    this.bar.text = `${s.loading ? '$(sync~spin)' : s.problems ? '$(warning)' : '$(law)'} LexLens: ${entries}`;
    this.bar.tooltip = `${entries} · ${problems} · ${vscode.l10n.t('{0} corpus files', s.files)}`;
    this.bar.show();
    this.language.text = `LexLens: ${entries}`;
    this.language.detail = problems;
    this.language.busy = s.loading;
    this.language.severity = s.problems ? vscode.LanguageStatusSeverity.Warning : vscode.LanguageStatusSeverity.Information;
  }

  failed(message: string): void {
    this.bar.text = '$(error) LexLens';
    this.bar.tooltip = message;
    this.bar.command = 'lexlens.restartServer';
    this.language.text = vscode.l10n.t('LexLens: stopped');
    this.language.detail = message;
    this.language.busy = false;
    this.language.severity = vscode.LanguageStatusSeverity.Error;
  }

  dispose(): void {
    this.bar.dispose();
    this.language.dispose();
  }
}
