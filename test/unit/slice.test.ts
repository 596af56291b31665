/**
 * Long work in steps gives what the same work done at once gives: sorting in steps sorts exactly
 * as Array.prototype.sort (stable, in code-unit order by default), for lists longer than a run.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import * as fc from 'fast-check';
import { orderInSteps, runSync, sortInSteps } from '../../server/src/engine/slice.js';
import { propertyRuns } from '../helpers/fastCheck.js';

const { params } = propertyRuns(20261128, 60);

describe('sorting in steps', () => {
  it('sorts strings as sort() does, including lists of many runs', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ unit: 'binary', maxLength: 6 }), { maxLength: 40_000 }), (list) => {
        assert.deepEqual(runSync(sortInSteps(list)), [...list].sort());
      }),
      params(0),
    );
  });

  it('keeps equal items in their order (stable) with a comparator', () => {
    fc.assert(
      fc.property(fc.array(fc.nat(50), { minLength: 9_000, maxLength: 30_000 }), (keys) => {
        const items = keys.map((key, at) => ({ key, at }));
        const byKey = (a: { key: number }, b: { key: number }) => a.key - b.key;
        assert.deepEqual(runSync(sortInSteps(items, byKey)), [...items].sort(byKey));
      }),
      params(1),
    );
  });

  it('orders positions by their strings as a sort of positions does, with and without repeated strings', () => {
    const byString = (list: readonly string[]) => [...list.keys()].sort((a, b) => (list[a]! < list[b]! ? -1 : list[a]! > list[b]! ? 1 : 0));
    // Strings that share their first code units (a bucket over a run long), and others of any code unit.
    const alike = fc.string({ unit: fc.constantFrom('k', 'z', '-', 'a', '\ud83d', '\ude00', 'é'), maxLength: 9 });
    fc.assert(
      fc.property(fc.array(fc.oneof(alike, fc.string({ unit: 'binary', maxLength: 6 })), { maxLength: 20_000, size: 'large' }), fc.boolean(), (strings, distinct) => {
        const list = distinct ? [...new Set(strings)] : strings;
        assert.deepEqual([...runSync(orderInSteps(list))], byString(list));
      }),
      params(2),
    );
    const ids = Array.from({ length: 30_000 }, (_, i) => `kz-law-${(i * 7919) % 30_011}`);
    assert.deepEqual([...runSync(orderInSteps(ids))], byString(ids));
  });

  it('yields while it sorts a long list', () => {
    const steps = sortInSteps(Array.from({ length: 100_000 }, (_, i) => String((i * 7919) % 100_003)));
    let yields = 0;
    for (let r = steps.next(); !r.done; r = steps.next()) yields++;
    assert.ok(yields > 20, `yielded ${yields} times`);
  });
});
