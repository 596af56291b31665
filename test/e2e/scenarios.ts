// What the packaged extension must do inside a real VS Code (code-server 4.100.3),
// and a smoke test of the harness itself on a plain workspace.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { findProcesses, readCmdline, type CodeServer } from './codeServer.js';
import type { Scenario } from './runner.js';
import { log, waitFor, walkFiles } from './util.js';
import type { Workbench } from './workbench.js';

export interface E2EContext {
  workbench: Workbench;
  codeServer: CodeServer;
  workspace: string;
}

const MEMO = 'briefing.md';
const LAW_IN_PROSE = 'Online Platforms and Online Advertising';
const LAW_NUMBER = '18-VIII';
const LAW_KEY = 'kz-online-platforms-2023';
const CLAIM = 'In 2023 TikTok removed more than 4 million videos in Kazakhstan.';
const CLAIM_PROBE = 'TikTok removed more than 4 million';
const CLAIM_AFTER_RESTART = 'In 2024 the ministry blocked more than 3,000 websites in Kazakhstan.';
const CLAIM_AFTER_RESTART_PROBE = 'blocked more than 3,000 websites';
const UNSOURCED = /unsourced-claim|no citation/i;

// ------------------------------------------------------------------ helpers

function findFile(root: string, name: string): string | undefined {
  return walkFiles(root).find((file) => path.basename(file) === name);
}

async function openMemo(context: E2EContext): Promise<void> {
  const { workbench } = context;
  const active = await workbench.page.locator(`.editor-group-container.active .tab.active[data-resource-name="${MEMO}"]`).count();
  if (!active) await workbench.openFile(MEMO);
  await workbench.focusEditor();
}

/** Saves the active editor (Ctrl+S) when it has unsaved changes, and returns the file's text from disk. */
async function saveAndRead(context: E2EContext, name: string): Promise<string> {
  const { workbench, workspace } = context;
  await workbench.focusEditor();
  const dirtyTab = workbench.page.locator('.editor-group-container.active .tab.active.dirty');
  // Only a dirty editor is saved: saving a clean one rewrites the file anyway, and a
  // read during that write can see it empty.
  if ((await dirtyTab.count()) > 0) {
    await workbench.press('Control+S');
    await waitFor(`${name} to be saved (no dirty tab)`, async () => (await dirtyTab.count()) === 0, { timeoutMs: 10_000 });
  }
  const file = findFile(workspace, name);
  if (!file) throw new Error(`${name} is not in the workspace copy`);
  return fs.readFileSync(file, 'utf8');
}

/** Puts the cursor at the start of a new empty paragraph at the end of the document; returns its line. */
async function newParagraphAtEnd(context: E2EContext): Promise<number> {
  const { workbench } = context;
  // The status bar updates a moment after each key, so each step waits for the
  // position it expects, computed from the saved text.
  const lines = (await saveAndRead(context, MEMO)).split(/\r?\n/);
  let line = lines.length;
  const lastLength = lines[line - 1]!.length;
  await workbench.dismissWidgets();
  await workbench.press('Control+End');
  await workbench.waitCursorAt(line, lastLength + 1);
  const enter = async (): Promise<void> => {
    await workbench.press('Enter');
    line += 1;
    const position = await waitFor(`the cursor on line ${line}`, async () => {
      const p = await workbench.cursorPosition();
      return p?.line === line ? p : undefined;
    }, { timeoutMs: 5_000 });
    if (position.column !== 1) {
      // Auto-indentation put something on the line: clear it.
      await workbench.press('Shift+Home');
      await workbench.press('Delete');
      await workbench.waitCursorAt(line, 1);
    }
  };
  if (lastLength > 0) await enter();
  await enter(); // a blank line before, so that the new text is a paragraph of its own
  return line;
}

/** Problems panel rows about `line` that match `pattern`. Scrolls the (virtualised) list if needed. */
async function problemsAt(workbench: Workbench, line: number, pattern: RegExp): Promise<string[]> {
  await workbench.openProblems();
  const lineTag = new RegExp(`\\[Ln ${line}, Col \\d+\\]|line ${line}\\b|Ln ${line}\\b`, 'i');
  const seen = new Set<string>();
  const matches = (): string[] => [...seen].filter((row) => lineTag.test(row) && pattern.test(row));
  const panel = workbench.page.locator('.markers-panel .monaco-list').first();
  const box = await panel.boundingBox();
  if (box) {
    // From the top down; the list stays where the row was found, so screenshots show it.
    await workbench.page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await workbench.page.mouse.wheel(0, -100_000);
    await workbench.nextFrames();
  }
  for (let step = 0; step < 12; step++) {
    for (const row of await workbench.problemRows()) seen.add(row);
    if (matches().length > 0 || !box) break;
    await workbench.page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await workbench.page.mouse.wheel(0, Math.max(100, box.height - 40));
    await workbench.nextFrames();
  }
  await workbench.moveMouseAway();
  return matches();
}

async function lexlensStatus(workbench: Workbench): Promise<{ id: string; text: string; entries: number } | undefined> {
  const items = await workbench.statusItems();
  const item = items.find((i) => /lexlens\.status$/i.test(i.id)) ?? items.find((i) => /lexlens/i.test(`${i.text} ${i.ariaLabel}`) && /\d/.test(i.text));
  if (!item) return undefined;
  const match = /(\d[\d,. ]*)\s*(entries|entry|записей|записи|жазба)/i.exec(item.text) ?? /(\d+)/.exec(item.text);
  const entries = match ? Number(match[1]!.replace(/[^\d]/g, '')) : NaN;
  return { id: item.id, text: item.text, entries };
}

function serverPids(context: E2EContext): number[] {
  return findProcesses('server.cjs', context.codeServer.extensionsDir).filter((pid) => /lexlens/i.test(readCmdline(pid)));
}

// ------------------------------------------------------------------ scenarios

export const scenarios: Scenario<E2EContext>[] = [
  {
    name: 'status bar shows the number of corpus entries',
    timeoutMs: 150_000,
    async run(context) {
      const { workbench } = context;
      await openMemo(context);
      const status = await waitFor('the LexLens status bar item (id lexlens.status) with a number of entries', async () => {
        const s = await lexlensStatus(workbench);
        return s && s.entries > 0 ? s : undefined;
      }, {
        timeoutMs: 90_000,
        detail: async () => `status bar: ${JSON.stringify((await workbench.statusItems()).map((i) => `${i.id}=${i.text}`))}`,
      });
      log(`status bar item ${status.id}: "${status.text}"`);
      if (!/lexlens\.status$/i.test(status.id)) log(`note: the item's DOM id is "${status.id}", not ending in lexlens.status`);
      // For the screenshot: let activation and indexing finish (spinners gone), as far as they do.
      const settled = await waitFor('the status bar to settle (no spinning icon, no "Activating Extensions")', async () => {
        const items = await workbench.statusItems();
        return !items.some((i) => i.spinning || /Activating Extensions/i.test(i.text));
      }, { timeoutMs: 30_000 }).catch((error: unknown) => {
        log(`note: ${(error as Error).message}`);
        return false;
      });
      if (settled) {
        const final = await lexlensStatus(workbench);
        log(`status bar item after indexing: "${final?.text}"`);
        if (!final || !(final.entries > 0)) throw new Error(`after indexing the status bar item reads ${JSON.stringify(final?.text)}`);
      }
      await workbench.screenshot('status');
    },
  },
  {
    name: `hover over a law named in prose shows its number (${LAW_NUMBER})`,
    async run(context) {
      const { workbench } = context;
      await openMemo(context);
      await workbench.goToLine(1, 1);
      const text = await workbench.hover(LAW_IN_PROSE, LAW_NUMBER, 30_000);
      log(`hover: ${JSON.stringify(text.slice(0, 200))}`);
      await workbench.waitHoverSettled();
      await workbench.screenshot('hover');
      await workbench.moveMouseAway();
      await workbench.dismissWidgets();
    },
  },
  {
    name: `typing [@onl offers ${LAW_KEY} and accepting inserts it`,
    async run(context) {
      const { workbench } = context;
      await openMemo(context);
      const line = await newParagraphAtEnd(context);
      await workbench.type('[@onl');
      const offered = await waitFor(`the suggest widget to offer ${LAW_KEY}`, async () => {
        const rows = await workbench.suggestions();
        return rows.some((r) => r.label.includes(LAW_KEY)) ? rows : undefined;
      }, { timeoutMs: 20_000, detail: async () => `suggestions: ${JSON.stringify(await workbench.suggestions())}` });
      log(`suggestions: ${offered.map((r) => r.label).join(', ')}`);
      await workbench.screenshot('completion');
      for (let i = 0; i < 20; i++) {
        const focused = (await workbench.suggestions()).find((r) => r.focused);
        if (focused?.label.includes(LAW_KEY)) break;
        await workbench.press('ArrowDown');
      }
      await workbench.press('Enter');
      await workbench.waitHidden('.suggest-widget.visible', 'the suggest widget');
      const text = await saveAndRead(context, MEMO);
      const inserted = text.split(/\r?\n/)[line - 1] ?? '';
      log(`line ${line} after accepting: ${JSON.stringify(inserted)}`);
      if (!inserted.includes(`@${LAW_KEY}`)) throw new Error(`line ${line} is ${JSON.stringify(inserted)}, without @${LAW_KEY}`);
      // VS Code auto-closed the bracket when "[" was typed; a completion should keep it.
      if (!inserted.includes(`@${LAW_KEY}]`)) log(`note: accepting the completion left ${JSON.stringify(inserted)}: the auto-closed "]" is gone`);
      // Leave an empty line behind for the next scenario.
      await workbench.press('Home');
      await workbench.press('Shift+End');
      await workbench.press('Delete');
      await saveAndRead(context, MEMO);
    },
  },
  {
    name: 'an unsourced claim gets a warning squiggle and a Problems entry',
    async run(context) {
      const { workbench } = context;
      await openMemo(context);
      const line = await newParagraphAtEnd(context);
      await workbench.type(CLAIM);
      await saveAndRead(context, MEMO);
      await waitFor(`a warning squiggle under "${CLAIM_PROBE}"`, async () => {
        const band = await workbench.lineBand(CLAIM_PROBE);
        return band ? (await workbench.squiggles('warning', band)).length > 0 : undefined;
      }, { timeoutMs: 30_000 });
      const rows = await waitFor(`a Problems entry for line ${line} mentioning unsourced-claim or "no citation"`, async () => {
        const found = await problemsAt(workbench, line, UNSOURCED);
        return found.length ? found : undefined;
      }, { timeoutMs: 30_000, detail: async () => `rows: ${JSON.stringify((await workbench.problemRows()).slice(0, 8))}` });
      log(`problem: ${rows[0]}`);
      await workbench.revealCursor();
      await workbench.screenshot('diagnostics');
    },
  },
  {
    name: 'the "Cite …" quick fix inserts a citation and the warning goes away',
    async run(context) {
      const { workbench } = context;
      await openMemo(context);
      let text = await saveAndRead(context, MEMO);
      let lines = text.split(/\r?\n/);
      let line = lines.findIndex((l) => l.includes(CLAIM_PROBE)) + 1;
      if (line === 0) {
        // The previous scenario did not leave its claim behind: type it now.
        line = await newParagraphAtEnd(context);
        await workbench.type(CLAIM);
        await saveAndRead(context, MEMO);
      }
      await workbench.goToLine(line, 4); // inside the sentence
      await waitFor(`a warning squiggle under "${CLAIM_PROBE}"`, async () => {
        const band = await workbench.lineBand(CLAIM_PROBE);
        return band ? (await workbench.squiggles('warning', band)).length > 0 : undefined;
      }, { timeoutMs: 30_000 });
      const titles = await workbench.openQuickFixes();
      log(`quick fixes: ${JSON.stringify(titles)}`);
      await workbench.screenshot('quickfix');
      if (!titles.some((t) => t.startsWith('Cite '))) {
        await workbench.dismissWidgets();
        throw new Error(`no quick fix title starts with "Cite " (offered: ${JSON.stringify(titles)})`);
      }
      const applied = await workbench.applyQuickFix('Cite ');
      log(`applied "${applied}"`);
      // The fix is a workspace edit applied asynchronously: the file was saved before,
      // so the tab turns dirty when the edit lands.
      await waitFor('the quick fix to change the document (dirty tab)', async () =>
        (await workbench.page.locator('.editor-group-container.active .tab.active.dirty').count()) > 0, { timeoutMs: 15_000 });
      text = await saveAndRead(context, MEMO);
      lines = text.split(/\r?\n/);
      const after = lines.find((l) => l.includes(CLAIM_PROBE)) ?? '';
      log(`line after the fix: ${JSON.stringify(after)}`);
      if (!/\[[^\]]*@[\w.:-]+/.test(after)) throw new Error(`the claim line has no [@…] citation after the fix: ${JSON.stringify(after)}`);
      line = lines.findIndex((l) => l.includes(CLAIM_PROBE)) + 1;
      await waitFor(`the unsourced-claim warning on line ${line} to go away`, async () =>
        (await problemsAt(workbench, line, UNSOURCED)).length === 0, {
        timeoutMs: 30_000,
        detail: async () => `still listed: ${JSON.stringify(await problemsAt(workbench, line, UNSOURCED))}`,
      });
      const remaining = await problemsAt(workbench, line, /./);
      await workbench.goToLine(line, 1); // in view, for the squiggle check and the screenshot
      const band = await waitFor(`the claim on line ${line} to be rendered`, () => workbench.lineBand(CLAIM_PROBE), { timeoutMs: 5_000 });
      const squiggles = await workbench.squiggles('warning', band);
      if (remaining.length || squiggles.length) {
        await workbench.screenshot('quickfix-applied');
        throw new Error(`after the fix line ${line} still has ${squiggles.length} warning squiggle(s); Problems: ${JSON.stringify(remaining)}`);
      }
      await workbench.screenshot('quickfix-applied');
    },
  },
  {
    name: 'after the language server is killed, diagnostics come back on their own',
    timeoutMs: 180_000,
    async run(context) {
      const { workbench } = context;
      await openMemo(context);
      const before = serverPids(context);
      if (before.length === 0) {
        const candidates = findProcesses('server.cjs').map((pid) => `${pid}: ${readCmdline(pid).slice(0, 160)}`);
        throw new Error(`no LexLens language server process (command line with server.cjs under ${context.codeServer.extensionsDir}); server.cjs processes: ${JSON.stringify(candidates)}`);
      }
      log(`killing language server pid(s) ${before.join(', ')}`);
      for (const pid of before) process.kill(pid, 'SIGKILL');
      const after = await waitFor('a new language server process', () => {
        const pids = serverPids(context).filter((p) => !before.includes(p));
        return pids.length ? pids : undefined;
      }, { timeoutMs: 60_000 });
      log(`language server restarted as pid(s) ${after.join(', ')}`);
      const notes = await workbench.notifications();
      if (notes.length) log(`notifications: ${JSON.stringify(notes)}`);
      const line = await newParagraphAtEnd(context);
      await workbench.type(CLAIM_AFTER_RESTART);
      await saveAndRead(context, MEMO);
      await waitFor(`a Problems entry for the new claim on line ${line}`, async () =>
        (await problemsAt(workbench, line, UNSOURCED)).length > 0, {
        timeoutMs: 60_000,
        detail: async () => `rows: ${JSON.stringify((await workbench.problemRows()).slice(0, 8))}`,
      });
      await workbench.goToLine(line, 1);
      await waitFor(`a warning squiggle under "${CLAIM_AFTER_RESTART_PROBE}"`, async () => {
        const band = await workbench.lineBand(CLAIM_AFTER_RESTART_PROBE);
        return band ? (await workbench.squiggles('warning', band)).length > 0 : undefined;
      }, { timeoutMs: 30_000 });
      await workbench.screenshot('restart');
    },
  },
  {
    name: 'a server that keeps crashing is left stopped, with an error whose Restart button brings it back',
    timeoutMs: 240_000,
    async run(context) {
      const { workbench } = context;
      await openMemo(context);
      const GAVE_UP = /crashed \d+ times in 3 minutes and will not be restarted/;
      const gaveUp = async () => (await workbench.notifications()).find((n) => GAVE_UP.test(n));
      // Kill each server the client starts until it stops restarting (4 restarts in 3 minutes; the
      // previous scenario's kill may be one of them), and no more than that.
      let kills = 0;
      let message: string | undefined;
      while (!message) {
        if (kills === 6) throw new Error(`the client still restarts the server after ${kills} kills`);
        const pids = await waitFor('a language server process to kill', () => {
          const p = serverPids(context);
          return p.length ? p : undefined;
        }, { timeoutMs: 60_000 });
        for (const pid of pids) process.kill(pid, 'SIGKILL');
        kills++;
        log(`kill ${kills}: language server pid(s) ${pids.join(', ')}`);
        const next = await waitFor('a new language server, or the message that it will not be restarted', async () => {
          const note = await gaveUp();
          if (note) return { note };
          const fresh = serverPids(context).filter((p) => !pids.includes(p));
          return fresh.length ? { fresh } : undefined;
        }, { timeoutMs: 60_000 });
        message = next.note;
      }
      log(`after ${kills} kill(s): ${message}`);
      // Four restarts are allowed, so the crash it gives up on is the fifth, and the message says so.
      if (!/crashed 5 times/.test(message)) throw new Error(`the message does not count five crashes: ${message}`);
      // Stopped means stopped: no server comes back on its own.
      await new Promise((r) => setTimeout(r, 5_000));
      const stray = serverPids(context);
      if (stray.length) throw new Error(`the client said it gave up, yet server pid(s) ${stray.join(', ')} run`);
      const told = (await workbench.notifications()).filter((n) => GAVE_UP.test(n));
      if (told.length !== 1) throw new Error(`expected the message once, it is shown ${told.length} times: ${JSON.stringify(told)}`);
      // The client library's own notifications of an interrupted start are in the output only:
      // one a crash had filled VS Code's toast limit, leaving this message in the notification center.
      const noise = (await workbench.notifications()).filter((n) => /LexLens/.test(n) && !GAVE_UP.test(n));
      if (noise.length) throw new Error(`the crash loop showed other LexLens notifications: ${JSON.stringify(noise)}`);
      const status = await lexlensStatus(workbench);
      await workbench.screenshot('crash-loop');
      if (status && status.entries > 0) throw new Error(`the status bar still shows a running server: ${JSON.stringify(status)}`);

      // The message's Restart button starts a server again, and the memo is checked again.
      await workbench.page.locator('.notifications-toasts .notification-toast .monaco-button', { hasText: 'Restart' }).first().click();
      await waitFor('a language server after Restart', () => {
        const p = serverPids(context);
        return p.length ? p : undefined;
      }, { timeoutMs: 60_000 });
      await waitFor('the status bar to show the corpus entries again', async () => {
        const s = await lexlensStatus(workbench);
        return s && s.entries > 0 ? s : undefined;
      }, { timeoutMs: 60_000, detail: async () => JSON.stringify(await workbench.statusItems()) });
    },
  },
];

// ------------------------------------------------------------------ smoke test of the harness

export const smokeScenarios: Scenario<E2EContext>[] = [
  {
    name: 'the workbench renders and a Markdown file opens',
    async run(context) {
      const { workbench } = context;
      await workbench.openFile('notes.md');
      const lines = await workbench.visibleLines();
      if (!lines.some((l) => l.includes('# Smoke test'))) throw new Error(`notes.md shows ${JSON.stringify(lines.slice(0, 5))}`);
      await workbench.goToLine(3, 3);
      await workbench.findText('Markdown file');
      await workbench.press('End');
      await workbench.type(' Typed by the harness.');
      await waitFor('the typed text in the editor', async () =>
        (await workbench.visibleLines()).some((l) => l.includes('Typed by the harness.')), { timeoutMs: 5_000 });
      await workbench.runCommand('View: Toggle Word Wrap');
      await workbench.openProblems();
      const items = await workbench.statusItems();
      log(`status bar: ${JSON.stringify(items.map((i) => `${i.id}=${i.text}`))}`);
      await workbench.focusEditor();
      await workbench.screenshot('smoke');
    },
  },
];
