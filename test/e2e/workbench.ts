// Drives the VS Code workbench that code-server serves, in Debian's headless Chromium,
// through playwright-core. Every wait names what it waited for; there are no fixed sleeps.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { ensureDir, log, onCleanup, resultsDir, waitFor } from './util.js';

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
  '--disable-dev-shm-usage',
  '--disable-default-apps',
  '--disable-extensions',
  '--no-default-browser-check',
];

// Minimal types for the functions that run inside the page (page.evaluate): the
// test project compiles without the DOM library, and these stay local to this module.
interface PageRect { x: number; y: number; width: number; height: number; top: number; bottom: number }
interface PageNode { textContent: string | null }
interface PageElement extends PageNode {
  id: string;
  innerText: string;
  classList: { contains(name: string): boolean };
  getAttribute(name: string): string | null;
  getBoundingClientRect(): PageRect;
  querySelector(selector: string): PageElement | null;
  querySelectorAll(selector: string): ArrayLike<PageElement>;
}
interface PageRange {
  setStart(node: PageNode, offset: number): void;
  setEnd(node: PageNode, offset: number): void;
  getClientRects(): ArrayLike<PageRect>;
  getBoundingClientRect(): PageRect;
}
declare const document: {
  querySelector(selector: string): PageElement | null;
  querySelectorAll(selector: string): ArrayLike<PageElement>;
  createRange(): PageRange;
  elementFromPoint(x: number, y: number): (PageElement & { tagName: string; className: string }) | null;
  createTreeWalker(root: PageElement, whatToShow: number): { nextNode(): PageNode | null };
};
declare const NodeFilter: { SHOW_TEXT: number };
declare function requestAnimationFrame(callback: () => void): number;
declare function getComputedStyle(element: PageElement): { opacity: string };

const ACTIVE_EDITOR = '.editor-group-container.active .editor-container .monaco-editor';
const STATUS_BAR = '#workbench\\.parts\\.statusbar';

export interface StatusItem {
  id: string;
  text: string;
  ariaLabel: string;
  /** Shows a spinning icon ($(sync~spin), $(loading~spin)): work in progress. */
  spinning: boolean;
}

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export class Workbench {
  private browser: Browser | undefined;
  private context: BrowserContext | undefined;
  private page_: Page | undefined;
  private profileDir: string | undefined;
  private removeCleanup: (() => void) | undefined;
  readonly consoleErrors: string[] = [];

  constructor(private readonly chromiumPath: string) {}

  get page(): Page {
    if (!this.page_) throw new Error('the browser is not open');
    return this.page_;
  }

  async launch(): Promise<void> {
    this.profileDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lexlens-e2e-chromium-'));
    log(`launching ${this.chromiumPath}`);
    // A persistent context gives Chromium a fresh --user-data-dir of ours.
    this.context = await chromium.launchPersistentContext(this.profileDir, {
      executablePath: this.chromiumPath,
      headless: true,
      args: CHROMIUM_ARGS,
      viewport: { width: 1400, height: 900 },
      deviceScaleFactor: 1,
      timeout: 60_000,
      handleSIGINT: false, // our own handler closes the browser after the scenarios stop
      handleSIGTERM: false,
      handleSIGHUP: false,
    });
    this.browser = this.context.browser() ?? undefined;
    this.removeCleanup = onCleanup('chromium', () => this.close());
    this.page_ = this.context.pages()[0] ?? (await this.context.newPage());
    this.page_.setDefaultTimeout(30_000);
    this.page_.on('console', (message) => {
      if (message.type() === 'error') this.consoleErrors.push(message.text().slice(0, 300));
    });
    this.page_.on('pageerror', (error) => this.consoleErrors.push(`pageerror: ${error.message.slice(0, 300)}`));
  }

  async close(): Promise<void> {
    this.removeCleanup?.();
    this.removeCleanup = undefined;
    const context = this.context;
    this.context = undefined;
    this.page_ = undefined;
    if (context) {
      log('closing chromium');
      await context.close().catch(() => undefined);
    }
    await this.browser?.close().catch(() => undefined);
    this.browser = undefined;
    if (this.profileDir) fs.rmSync(this.profileDir, { recursive: true, force: true, maxRetries: 3 });
    this.profileDir = undefined;
  }

  /** Opens the workbench at `url` and waits until it has rendered with the folder open. */
  async open(url: string): Promise<void> {
    log(`opening ${url}`);
    await this.page.goto(url, { waitUntil: 'domcontentloaded', timeout: 60_000 });
    await this.waitVisible('.monaco-workbench', 'the workbench (.monaco-workbench)', 90_000);
    await this.waitVisible(STATUS_BAR, 'the status bar', 60_000);
    await this.waitVisible('.part.sidebar, .part.editor', 'the editor part', 60_000);
    // The explorer shows the folder once the remote file system is connected.
    await this.waitVisible('.explorer-folders-view .monaco-list-row, .explorer-viewlet .monaco-list-row',
      'the Explorer to list the workspace folder', 60_000).catch(() => undefined);
    log('workbench rendered');
  }

  // ---------------------------------------------------------------- waiting

  async waitVisible(selector: string, what: string, timeoutMs = 20_000): Promise<Locator> {
    const locator = this.page.locator(selector).first();
    try {
      await locator.waitFor({ state: 'visible', timeout: timeoutMs });
    } catch {
      throw new Error(`timed out after ${Math.round(timeoutMs / 1000)}s waiting for ${what} (${selector})`);
    }
    return locator;
  }

  async waitHidden(selector: string, what: string, timeoutMs = 10_000): Promise<void> {
    try {
      await this.page.locator(selector).first().waitFor({ state: 'hidden', timeout: timeoutMs });
    } catch {
      throw new Error(`timed out after ${Math.round(timeoutMs / 1000)}s waiting for ${what} to close (${selector})`);
    }
  }

  async screenshot(step: string): Promise<string> {
    const file = path.join(ensureDir(resultsDir), `${step}.png`);
    await this.page.screenshot({ path: file, timeout: 30_000 });
    log(`screenshot ${path.relative(process.cwd(), file)}`);
    return file;
  }

  // ---------------------------------------------------------------- editor

  /** Quick Open (Ctrl+P): types the file name, picks the matching row, waits for its tab. */
  async openFile(name: string): Promise<void> {
    await this.dismissWidgets();
    await this.page.keyboard.press('Control+P');
    const input = await this.waitVisible('.quick-input-widget .quick-input-box input', 'the Quick Open input');
    await input.fill(name);
    const row = this.page.locator('.quick-input-widget .quick-input-list .monaco-list-row', {
      has: this.page.locator('.label-name', { hasText: new RegExp(`^${escapeRegExp(name)}$`) }),
    }).first();
    try {
      await row.waitFor({ state: 'visible', timeout: 30_000 });
    } catch {
      const rows = await this.texts('.quick-input-widget .quick-input-list .monaco-list-row');
      throw new Error(`timed out waiting for Quick Open to list ${name} (rows: ${JSON.stringify(rows.slice(0, 5))})`);
    }
    await row.click();
    await this.waitVisible(`.editor-group-container.active .tab.active[data-resource-name="${name}"], .editor-group-container.active .tab.active[aria-label^="${name}"]`,
      `the active tab to be ${name}`);
    await this.waitVisible(`${ACTIVE_EDITOR}.focused`, `the editor of ${name} to have focus`);
    log(`opened ${name}`);
  }

  /** Closes the suggest/hover/find/quick input widgets that may be open. */
  async dismissWidgets(): Promise<void> {
    for (let i = 0; i < 2; i++) await this.page.keyboard.press('Escape');
  }

  async focusEditor(): Promise<void> {
    await this.waitVisible(ACTIVE_EDITOR, 'an open editor');
    if (!(await this.page.locator(`${ACTIVE_EDITOR}.focused`).count())) {
      await this.runCommand('View: Focus Active Editor Group');
      await this.waitVisible(`${ACTIVE_EDITOR}.focused`, 'the editor to have focus');
    }
  }

  /** Go to Line/Column (Ctrl+G). Lines and columns are 1-based. */
  async goToLine(line: number, column = 1): Promise<void> {
    await this.focusEditor();
    await this.page.keyboard.press('Control+G');
    const input = await this.waitVisible('.quick-input-widget .quick-input-box input', 'the Go to Line input');
    await input.fill(`:${line}:${column}`);
    await input.press('Enter');
    await this.waitHidden('.quick-input-widget', 'the Go to Line input');
    await this.waitCursorAt(line, column);
  }

  /** Scrolls the active editor so that the cursor is in view (Go to Line on its own position). */
  async revealCursor(): Promise<void> {
    await this.focusEditor();
    const position = await waitFor('the cursor position in the status bar', () => this.cursorPosition(), { timeoutMs: 5_000 });
    await this.goToLine(position.line, position.column);
  }

  /** Reads "Ln 3, Col 7" from the status bar. */
  async cursorPosition(): Promise<{ line: number; column: number } | undefined> {
    const text = await this.page.locator(`${STATUS_BAR} #status\\.editor\\.selection`).first().innerText({ timeout: 5_000 }).catch(() => '');
    const match = /Ln (\d+), Col (\d+)/.exec(text);
    return match ? { line: Number(match[1]), column: Number(match[2]) } : undefined;
  }

  async waitCursorAt(line: number, column: number): Promise<void> {
    await waitFor(`the cursor at Ln ${line}, Col ${column}`, async () => {
      const pos = await this.cursorPosition();
      return pos?.line === line && pos.column === column;
    }, { timeoutMs: 10_000, detail: async () => `status bar says ${JSON.stringify(await this.cursorPosition())}` });
  }

  /**
   * Selects the first match of `text` after the cursor with the Find widget
   * (Ctrl+F, Enter, Escape), which also scrolls it into view.
   */
  async findText(text: string): Promise<void> {
    await this.focusEditor();
    await this.page.keyboard.press('Control+F');
    const input = await this.waitVisible(`${ACTIVE_EDITOR} .find-widget.visible textarea, ${ACTIVE_EDITOR} .find-widget.visible input`, 'the Find widget');
    await input.fill(text);
    await waitFor(`the Find widget to find "${text}"`, async () => {
      const count = await this.page.locator(`${ACTIVE_EDITOR} .find-widget .matchesCount`).first().innerText().catch(() => '');
      return /^(\d+|\?) of \d+/.test(count.trim()) && !/^No results/.test(count);
    }, { timeoutMs: 10_000, detail: async () => this.page.locator(`${ACTIVE_EDITOR} .find-widget .matchesCount`).first().innerText().catch(() => '') });
    await input.press('Escape');
    await this.waitHidden(`${ACTIVE_EDITOR} .find-widget.visible`, 'the Find widget');
    await this.waitVisible(`${ACTIVE_EDITOR}.focused`, 'the editor to have focus after Find');
  }

  /** The screen rectangle of `text` as rendered in the active editor (the line must be visible). */
  async textRect(text: string): Promise<Rect | undefined> {
    return this.page.evaluate(({ selector, needle }) => {
      const editor = document.querySelector(selector);
      if (!editor) return undefined;
      const norm = (s: string): string => s.replace(/\u00a0/g, ' ');
      for (const line of Array.from(editor.querySelectorAll('.view-lines .view-line'))) {
        const walker = document.createTreeWalker(line, NodeFilter.SHOW_TEXT);
        const nodes: PageNode[] = [];
        let all = '';
        for (let n = walker.nextNode(); n; n = walker.nextNode()) {
          nodes.push(n);
          all += norm(n.textContent ?? '');
        }
        const index = all.indexOf(needle);
        if (index < 0) continue;
        const locate = (offset: number): [PageNode, number] => {
          let rest = offset;
          for (const node of nodes) {
            const length = node.textContent?.length ?? 0;
            if (rest <= length) return [node, rest];
            rest -= length;
          }
          const last = nodes[nodes.length - 1]!;
          return [last, last.textContent?.length ?? 0];
        };
        const range = document.createRange();
        const [startNode, startOffset] = locate(index);
        const [endNode, endOffset] = locate(index + needle.length);
        range.setStart(startNode, startOffset);
        range.setEnd(endNode, endOffset);
        const rect = range.getClientRects()[0] ?? range.getBoundingClientRect();
        return { x: rect.x, y: rect.y, width: rect.width, height: rect.height };
      }
      return undefined;
    }, { selector: ACTIVE_EDITOR, needle: text });
  }

  /** Screen rectangle of the (primary) cursor in the active editor. */
  async cursorRect(): Promise<Rect | undefined> {
    return this.page.evaluate((selector) => {
      const cursor = document.querySelector(`${selector} .cursors-layer .cursor`);
      if (!cursor) return undefined;
      const r = cursor.getBoundingClientRect();
      return r.height > 0 ? { x: r.x, y: r.y, width: r.width, height: r.height } : undefined;
    }, ACTIVE_EDITOR);
  }

  /**
   * The cursor's rectangle once the selection has collapsed and the view has caught
   * up (the DOM cursor moves a frame or more after the key press).
   */
  async settledCursorRect(what: string): Promise<Rect> {
    return waitFor(what, async () => {
      const status = await this.page.locator(`${STATUS_BAR} #status\\.editor\\.selection`).first().innerText({ timeout: 2_000 }).catch(() => '');
      if (/selected/.test(status)) return undefined;
      const first = await this.cursorRect();
      await this.nextFrames();
      const second = await this.cursorRect();
      return first && second && first.x === second.x && first.y === second.y ? second : undefined;
    }, { timeoutMs: 5_000, intervalMs: 50 });
  }

  /** Moves the mouse over `text` (revealed with Find first) and returns the hover widget's text. */
  async hover(text: string, expect: RegExp | string, timeoutMs = 20_000): Promise<string> {
    await this.findText(text);
    await this.page.keyboard.press('ArrowLeft'); // collapse the selection so it does not highlight the words
    // The cursor now sits at the start of the text, wherever the line wraps.
    let target = await this.settledCursorRect(`the cursor at "${text}"`);
    const point = (r: Rect): { x: number; y: number } => ({ x: r.x + 20, y: r.y + r.height / 2 });
    let attempt = 0;
    return waitFor(`a hover over "${text}" showing ${String(expect)}`, async () => {
      // The text can move after we measured it (code lenses and inlay hints arrive
      // late and push lines down): follow the cursor, which stays on the text.
      const now = await this.cursorRect();
      const moved = now !== undefined && (Math.abs(now.x - target.x) > 1 || Math.abs(now.y - target.y) > 1);
      if (now) target = now;
      // Move away and back now and then: a hover is requested on mouse movement.
      // "Away" is an empty spot of the activity bar, where nothing shows a hover
      // (passing over other text could leave that text's hover sticking).
      if (moved || attempt++ % 15 === 0) {
        await this.moveMouseAway();
        const { x, y } = point(target);
        await this.page.mouse.move(x, y, { steps: 5 });
        return undefined;
      }
      const shown = await this.hoverText();
      if (shown && (typeof expect === 'string' ? shown.includes(expect) : expect.test(shown))) return shown;
      return undefined;
    }, {
      timeoutMs,
      intervalMs: 200,
      detail: async () => {
        const { x, y } = point(target);
        return `mouse at ${Math.round(x)},${Math.round(y)} over ${await this.elementAt(x, y)}; hover text: ${JSON.stringify((await this.hoverText()).slice(0, 300))}`;
      },
    });
  }

  /** Waits until the visible hover has finished fading in (for a clean screenshot). */
  async waitHoverSettled(): Promise<void> {
    await waitFor('the hover to finish fading in', () => this.page.evaluate(() => {
      const hovers = Array.from(document.querySelectorAll('.monaco-hover:not(.hidden)'));
      const visible = hovers.filter((h) => h.getBoundingClientRect().width > 0);
      return visible.length > 0 && visible.every((h) => getComputedStyle(h).opacity === '1');
    }), { timeoutMs: 5_000, intervalMs: 50 });
    await this.nextFrames();
  }

  /** Waits for the page to render two more frames (after scrolling, for example). */
  async nextFrames(): Promise<void> {
    await this.page.evaluate(() => new Promise<void>((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve()))));
  }

  /** Describes the element at a point of the page (tag, classes, start of its text), for failure messages. */
  async elementAt(x: number, y: number): Promise<string> {
    return this.page.evaluate(({ x, y }) => {
      const el = document.elementFromPoint(x, y);
      return el ? `<${el.tagName.toLowerCase()} class="${el.className}">${(el.textContent ?? '').slice(0, 40)}` : 'nothing';
    }, { x, y });
  }

  /** Parks the mouse where it shows no hover: low in the activity bar, or the top-left corner. */
  async moveMouseAway(): Promise<void> {
    const bar = await this.page.locator('.part.activitybar').first().boundingBox().catch(() => null);
    if (bar) await this.page.mouse.move(bar.x + bar.width / 2, bar.y + bar.height * 0.6);
    else await this.page.mouse.move(1, 1);
  }

  /** Text of the visible editor hover widget ('' when none). */
  async hoverText(): Promise<string> {
    const hovers = this.page.locator('.monaco-hover:not(.hidden)');
    const texts: string[] = [];
    for (const hover of await hovers.all()) {
      if (await hover.isVisible()) texts.push((await hover.innerText().catch(() => '')).trim());
    }
    return texts.filter(Boolean).join('\n---\n');
  }

  async type(text: string): Promise<void> {
    await this.page.keyboard.type(text, { delay: 15 });
  }

  async press(key: string): Promise<void> {
    await this.page.keyboard.press(key);
  }

  /** Runs a command through the Command Palette (F1). */
  async runCommand(label: string): Promise<void> {
    await this.page.keyboard.press('F1');
    const input = await this.waitVisible('.quick-input-widget .quick-input-box input', 'the Command Palette');
    await input.fill(`>${label}`);
    const row = this.page.locator('.quick-input-widget .quick-input-list .monaco-list-row', {
      has: this.page.locator('.label-name', { hasText: label }),
    }).first();
    try {
      await row.waitFor({ state: 'visible', timeout: 10_000 });
    } catch {
      const rows = await this.texts('.quick-input-widget .quick-input-list .monaco-list-row');
      await this.page.keyboard.press('Escape');
      throw new Error(`the Command Palette has no command "${label}" (rows: ${JSON.stringify(rows.slice(0, 5))})`);
    }
    await row.click();
    await this.waitHidden('.quick-input-widget', `the Command Palette after running "${label}"`);
  }

  // ---------------------------------------------------------------- widgets

  /** Rows of the visible suggest widget, as their labels. */
  async suggestions(): Promise<{ label: string; focused: boolean }[]> {
    return this.page.evaluate(() => {
      const widget = document.querySelector('.suggest-widget.visible');
      if (!widget) return [];
      return Array.from(widget.querySelectorAll('.monaco-list-row')).map((row) => ({
        label: ((row.querySelector('.label-name'))?.innerText ?? row.innerText).trim(),
        focused: row.classList.contains('focused'),
      }));
    });
  }

  /** Text of the lines rendered in the active editor. */
  async visibleLines(): Promise<string[]> {
    return this.page.evaluate((selector) => {
      const editor = document.querySelector(selector);
      if (!editor) return [];
      const lines = Array.from(editor.querySelectorAll('.view-lines .view-line'));
      lines.sort((a, b) => a.getBoundingClientRect().top - b.getBoundingClientRect().top);
      return lines.map((l) => (l.textContent ?? '').replace(/\u00a0/g, ' '));
    }, ACTIVE_EDITOR);
  }

  /** Squiggles of a severity whose box overlaps the given screen rows (y range). */
  async squiggles(kind: 'warning' | 'error' | 'info' | 'hint', yRange?: { top: number; bottom: number }): Promise<Rect[]> {
    return this.page.evaluate(({ selector, kind, yRange }) => {
      const editor = document.querySelector(selector);
      if (!editor) return [];
      const rects: { x: number; y: number; width: number; height: number }[] = [];
      for (const el of Array.from(editor.querySelectorAll(`.squiggly-${kind}`))) {
        const r = el.getBoundingClientRect();
        if (r.width === 0) continue;
        if (yRange && (r.bottom <= yRange.top + 1 || r.top >= yRange.bottom - 1)) continue;
        rects.push({ x: r.x, y: r.y, width: r.width, height: r.height });
      }
      return rects;
    }, { selector: ACTIVE_EDITOR, kind, yRange });
  }

  /** The vertical extent of every rendered view line that contains `text` (wrapped lines included). */
  async lineBand(text: string): Promise<{ top: number; bottom: number } | undefined> {
    const rect = await this.textRect(text);
    if (!rect) return undefined;
    // A wrapped logical line continues on the following view lines: take the band
    // from this view line to the next line that starts a new logical line.
    return this.page.evaluate(({ selector, top }) => {
      const editor = document.querySelector(selector);
      if (!editor) return undefined;
      const numbers = Array.from(editor.querySelectorAll('.margin-view-overlays .line-numbers'));
      const tops = numbers.map((n) => n.getBoundingClientRect()).filter((r) => r.height > 0).map((r) => r.top).sort((a, b) => a - b);
      const lineHeight = (editor.querySelector('.view-line'))?.getBoundingClientRect().height ?? 19;
      let start = top;
      for (const t of tops) if (t <= top + 1) start = t;
      const next = tops.find((t) => t > start + 1);
      return { top: start, bottom: next ?? start + lineHeight };
    }, { selector: ACTIVE_EDITOR, top: rect.y });
  }

  /** Opens the Problems panel (Ctrl+Shift+M) if it is not showing. */
  async openProblems(): Promise<void> {
    if (!(await this.page.locator('.markers-panel').first().isVisible().catch(() => false))) {
      await this.page.keyboard.press('Control+Shift+M');
    }
    await this.waitVisible('.markers-panel', 'the Problems panel', 10_000);
  }

  /** Text of every rendered row of the Problems panel (file rows and marker rows). */
  async problemRows(): Promise<string[]> {
    return this.page.evaluate(() => {
      const rows = Array.from(document.querySelectorAll('.markers-panel .monaco-list-row'));
      rows.sort((a, b) => a.getBoundingClientRect().top - b.getBoundingClientRect().top);
      return rows.map((row) => `${row.innerText.replace(/\s+/g, ' ').trim()}${row.getAttribute('aria-label') ? ` | ${row.getAttribute('aria-label')}` : ''}`);
    });
  }

  /** Sets the Problems panel filter box (matches message, source and code). */
  async filterProblems(text: string): Promise<void> {
    await this.openProblems();
    const input = await this.waitVisible('.markers-panel-action-filter input, .viewpane-filter input, .panel .viewpane-filter-container input',
      'the Problems filter box', 10_000);
    await input.fill(text);
    await input.press('Enter');
  }

  /** Opens the quick fix menu (Ctrl+.) and returns the titles it offers. */
  async openQuickFixes(): Promise<string[]> {
    await this.page.keyboard.press('Control+.');
    await this.waitVisible('.action-widget .monaco-list-row', 'the quick fix menu (.action-widget)', 15_000);
    return this.page.evaluate(() =>
      (Array.from(document.querySelectorAll('.action-widget .monaco-list-row')))
        .map((row) => (row.getAttribute('aria-label') || row.innerText).replace(/\s+/g, ' ').trim()));
  }

  /**
   * Picks the first quick fix whose title starts with `prefix` with the keyboard
   * (the menu re-renders under the mouse as it previews each fix); returns its title.
   */
  async applyQuickFix(prefix: string): Promise<string> {
    const rows = async (): Promise<{ title: string; focused: boolean; action: boolean }[]> => this.page.evaluate(() =>
      Array.from(document.querySelectorAll('.action-widget .monaco-list-row')).map((row) => ({
        title: (row.getAttribute('aria-label') || row.innerText).replace(/\s+/g, ' ').trim(),
        focused: row.classList.contains('focused'),
        action: row.classList.contains('action'),
      })));
    const all = await rows();
    const count = all.filter((r) => r.action).length;
    if (!all.some((r) => r.action && r.title.startsWith(prefix))) {
      throw new Error(`no quick fix starting with "${prefix}" (offered: ${JSON.stringify(all.map((r) => r.title))})`);
    }
    for (let i = 0; i <= count; i++) {
      const focused = (await rows()).find((r) => r.focused);
      if (focused?.title.startsWith(prefix)) {
        await this.page.keyboard.press('Enter');
        await this.waitHidden('.action-widget', 'the quick fix menu');
        return focused.title;
      }
      const before = focused?.title;
      await this.page.keyboard.press('ArrowDown');
      await waitFor('the quick fix menu to move its focus', async () =>
        (await rows()).find((r) => r.focused)?.title !== before || count === 1, { timeoutMs: 3_000 }).catch(() => undefined);
    }
    throw new Error(`could not focus the quick fix starting with "${prefix}" with the arrow keys`);
  }

  /** Status bar items with their ids, texts and accessible labels. */
  async statusItems(): Promise<StatusItem[]> {
    return this.page.evaluate((selector) => {
      const bar = document.querySelector(selector);
      if (!bar) return [];
      return (Array.from(bar.querySelectorAll('.statusbar-item'))).map((el) => ({
        id: el.id,
        text: el.innerText.replace(/\s+/g, ' ').trim(),
        ariaLabel: el.getAttribute('aria-label') ?? el.querySelector('[aria-label]')?.getAttribute('aria-label') ?? '',
        spinning: el.querySelector('.codicon-modifier-spin') !== null,
      }));
    }, STATUS_BAR);
  }

  /** Text of visible notification toasts. */
  async notifications(): Promise<string[]> {
    return this.texts('.notifications-toasts .notification-toast .notification-list-item-message');
  }

  async texts(selector: string): Promise<string[]> {
    return this.page.evaluate((s) =>
      (Array.from(document.querySelectorAll(s))).map((e) => e.innerText.replace(/\s+/g, ' ').trim()), selector);
  }
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
