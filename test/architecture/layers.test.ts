import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { cycles, importGraph, layerOf, upwardImports } from './import-graph.js';

const root = fileURLToPath(new URL('../../../', import.meta.url));

describe('layers', () => {
  const graph = importGraph(root);

  it('puts every file of src/, adapters/ and commands/ in a layer', () => {
    assert.deepEqual([...graph.keys()].filter((f) => layerOf(f) < 0), []);
  });

  it('has no import from a lower layer to a higher one, and no network importing another', () => {
    assert.deepEqual(upwardImports(graph).map((v) => `${v.from} -> ${v.to}: ${v.why}`), []);
  });

  it('has no import cycle', () => {
    assert.deepEqual(cycles(graph), []);
  });

  it('finds a cycle and an upward import when there is one', () => {
    const toy = new Map([
      ['src/core/a.ts', ['src/main/b.ts']],
      ['src/main/b.ts', ['src/core/a.ts']],
    ]);
    assert.deepEqual(cycles(toy), [['src/core/a.ts', 'src/main/b.ts']]);
    assert.deepEqual(upwardImports(toy).map((v) => v.why), ['core imports main']);
  });
});
