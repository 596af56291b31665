/**
 * Growable lists of integers in typed arrays (not JS arrays of numbers), for building flat indexes:
 * 32-bit (`IntList`) and bytes (`ByteList`). Each is a class of its own, made by `listOf`, so the
 * hot `push` of each sees one kind of array.
 */
function listOf<T extends Int32Array | Uint8Array>(make: (capacity: number) => T) {
  return class {
    data: T;
    length = 0;
    constructor(capacity = 1024) {
      this.data = make(capacity);
    }
    push(v: number): void {
      if (this.length === this.data.length) this.grow(this.length + 1);
      this.data[this.length++] = v;
    }
    grow(min: number): void {
      const next = make(Math.max(min, this.data.length * 2));
      next.set(this.data);
      this.data = next;
    }
    /**
     * The items: in an array of their own when `exact` (a view would carry the whole spare
     * capacity into a snapshot or to another thread), else a view (a large copy is a long step).
     */
    done(exact = true): T {
      return (exact ? this.data.slice(0, this.length) : this.data.subarray(0, this.length)) as T;
    }
  };
}

export const IntList = listOf((n) => new Int32Array(n));
export type IntList = InstanceType<typeof IntList>;
export const ByteList = listOf((n) => new Uint8Array(n));
export type ByteList = InstanceType<typeof ByteList>;
