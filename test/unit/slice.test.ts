/**
 * Long work in steps gives what the same work done at once gives: sorting in steps sorts exactly
 * as Array.prototype.sort (stable, in code-unit order by default), for lists longer than a run.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import * as fc from 'fast-check';
import { runSync, sortInSteps } from '../../server/src/engine/slice.js';
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

  it('yields while it sorts a long list', () => {
    const steps = sortInSteps(Array.from({ length: 100_000 }, (_, i) => String((i * 7919) % 100_003)));
    let yields = 0;
    for (let r = steps.next(); !r.done; r = steps.next()) yields++;
    assert.ok(yields > 20, `yielded ${yields} times`);
  });
});
