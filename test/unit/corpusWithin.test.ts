/**
 * An untrusted workspace's corpus folder must not reach outside the workspace through a
 * symbolic link: roots with `within` skip files whose real path is elsewhere.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { findCorpusFiles } from '../../server/src/engine/corpus/source.js';

const ENTRY = '- id: x-1\n  kind: event\n  title: {en: X}\n  verification: {level: read}\n';

describe('corpus roots confined to a folder', () => {
  it('skip a linked file and a linked folder that lead outside, and keep the files inside', () => {
    const base = fs.mkdtempSync(path.join(os.tmpdir(), 'lexlens-within-'));
    try {
      const ws = path.join(base, 'ws');
      const outside = path.join(base, 'outside');
      fs.mkdirSync(path.join(ws, 'corpus'), { recursive: true });
      fs.mkdirSync(path.join(outside, 'more'), { recursive: true });
      fs.writeFileSync(path.join(ws, 'corpus', 'inside.yaml'), ENTRY);
      fs.writeFileSync(path.join(outside, 'secret.yaml'), ENTRY);
      fs.writeFileSync(path.join(outside, 'more', 'other.yaml'), ENTRY);
      fs.symlinkSync(path.join(outside, 'secret.yaml'), path.join(ws, 'corpus', 'link.yaml'));
      fs.symlinkSync(path.join(outside, 'more'), path.join(ws, 'corpus', 'linked-folder'));

      const confined = findCorpusFiles([{ path: path.join(ws, 'corpus'), bundled: false, within: ws }]);
      assert.deepEqual(confined.files.map((f) => path.basename(f.file)), ['inside.yaml']);

      const trusted = findCorpusFiles([{ path: path.join(ws, 'corpus'), bundled: false }]);
      assert.deepEqual(trusted.files.map((f) => path.basename(f.file)).sort(), ['inside.yaml', 'link.yaml', 'other.yaml']);
    } finally {
      fs.rmSync(base, { recursive: true, force: true });
    }
  });
});
