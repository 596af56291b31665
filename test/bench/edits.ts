/** One-character edits typed into a memo, each giving a text the engine has not seen before. */
import { Rng } from './rng.js';

export interface Edit {
  /** Offset in the text before the edit. */
  readonly offset: number;
  readonly char: string;
  /** The text after the edit. */
  readonly text: string;
}

const LETTERS = 'abcdefghijklmnoprstuvyабвгдежзиклмнопрстуәғқңөұүі';

export class EditSequence {
  private text: string;
  private readonly inserted: number[] = [];
  private readonly rng: Rng;

  constructor(
    base: string,
    private readonly at: readonly number[],
    seed: number,
  ) {
    this.text = base;
    this.rng = new Rng(seed);
    if (at.length === 0) throw new Error('no edit positions in the memo');
  }

  get current(): string {
    return this.text;
  }

  /** Inserts one letter at the start of a random prose word. */
  next(): Edit {
    const original = this.rng.pick(this.at);
    let shift = 0;
    for (const o of this.inserted) if (o <= original) shift++;
    const offset = Math.min(this.text.length, original + shift);
    const char = LETTERS[this.rng.int(0, LETTERS.length - 1)]!;
    this.inserted.push(original);
    this.text = this.text.slice(0, offset) + char + this.text.slice(offset);
    return { offset, char, text: this.text };
  }
}

/** LSP position (0-based line, UTF-16 character) of an offset. */
export function positionAt(text: string, offset: number): { line: number; character: number } {
  let line = 0;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, character: offset - lineStart };
}
