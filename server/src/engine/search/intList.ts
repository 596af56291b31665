/** A growable list of 32-bit integers (a typed array, not a JS array of numbers), for building flat indexes. */
export class IntList {
  data: Int32Array;
  length = 0;
  constructor(capacity = 1024) {
    this.data = new Int32Array(capacity);
  }
  push(v: number): void {
    if (this.length === this.data.length) this.grow(this.length + 1);
    this.data[this.length++] = v;
  }
  grow(min: number): void {
    const next = new Int32Array(Math.max(min, this.data.length * 2));
    next.set(this.data);
    this.data = next;
  }
  /**
   * The items: in an array of their own when `exact` (a view would carry the whole spare
   * capacity into a snapshot or to another thread), else a view (a large copy is a long step).
   */
  done(exact = true): Int32Array {
    return exact ? this.data.slice(0, this.length) : this.data.subarray(0, this.length);
  }
}
