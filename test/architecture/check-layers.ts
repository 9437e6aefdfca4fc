/**
 * `npm run check:layers`: draws the layers with the imports between them, and fails on an import that runs back up
 * or an import cycle. Run by .ci/run before the tests.
 */
import { fileURLToPath } from 'node:url';
import { cycles, importGraph, layerOf, upwardImports } from './import-graph.js';
import { LAYERS } from './layers.js';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const graph = importGraph(root);

const edges = new Map<string, number>();
for (const [from, targets] of graph) {
  for (const to of targets) {
    const a = layerOf(from);
    const b = layerOf(to);
    if (a >= 0 && b >= 0 && a !== b) edges.set(`${a}>${b}`, (edges.get(`${a}>${b}`) ?? 0) + 1);
  }
}
console.log(`rdobot layers, lowest first (${graph.size} files):`);
LAYERS.forEach((layer, i) => {
  const files = [...graph.keys()].filter((f) => layerOf(f) === i).length;
  const uses = LAYERS.map((l, j) => (edges.has(`${i}>${j}`) ? l.name : null)).filter(Boolean);
  console.log(`${String(i + 1).padStart(2)}. ${layer.name.padEnd(9)} ${String(files).padStart(3)} files  uses: ${uses.join(', ') || '—'}`);
});
const problems = upwardImports(graph);
const loops = cycles(graph);
for (const p of problems) console.log(`upward import: ${p.from} -> ${p.to} (${p.why})`);
for (const c of loops) console.log(`import cycle: ${c.join(' <-> ')}`);
console.log(`${problems.length} upward imports, ${loops.length} cycles`);
process.exit(problems.length + loops.length === 0 ? 0 : 1);
