/**
 * A cache for incremental reading that keeps what is still in use. Every keystroke adds entries
 * (the new version of a chunk, a block, a sentence) and leaves the old ones unused; a map cleared
 * only when it is full grows for as long as the user types, and then forgets the open documents
 * too. This one, when it grows past its bound, forgets only the entries that none of the last
 * `keepReads` reads used.
 */
export class RecentMap<K, V> extends Map<K, V> {
  private readonly lastUse = new Map<K, number>();
  private reads = 0;
  private bound: number;

  /** `limit`: the size at which old entries are first dropped; it adapts to a larger working set. */
  constructor(
    private readonly limit: number,
    private readonly keepReads = 64,
  ) {
    super();
    this.bound = limit;
  }

  /** Marks the start of a read; what it and the `keepReads - 1` reads before it use is kept. */
  tick(): void {
    this.reads++;
  }

  override get(key: K): V | undefined {
    const value = super.get(key);
    if (value !== undefined) this.lastUse.set(key, this.reads);
    return value;
  }

  override set(key: K, value: V): this {
    super.set(key, value);
    // (Map's constructor calls set only with an iterable, so the fields exist here.)
    this.lastUse.set(key, this.reads);
    if (this.size > this.bound) this.sweep();
    return this;
  }

  override delete(key: K): boolean {
    this.lastUse.delete(key);
    return super.delete(key);
  }

  override clear(): void {
    super.clear();
    this.lastUse.clear();
  }

  private sweep(): void {
    const oldest = this.reads - this.keepReads + 1;
    for (const [key, read] of this.lastUse) if (read < oldest) this.delete(key);
    // When what recent reads use is itself large, let the map grow to twice that before the next
    // sweep, so sweeps stay rare (each is a pass over the map).
    this.bound = Math.max(this.limit, 2 * this.size);
  }
}
