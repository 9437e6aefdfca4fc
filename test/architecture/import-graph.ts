import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';
import { LAYERS, LAZY_LOADERS, SEPARATE_FOLDERS } from './layers.js';

/** The project's own TypeScript files and, for each, the project files it imports (type-only imports included). */
export type ImportGraph = Map<string, string[]>;

const CODE_DIRS = ['src', 'adapters', 'commands'];

function sources(root: string, dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(join(root, dir))) {
    const path = join(dir, name);
    if (statSync(join(root, path)).isDirectory()) out.push(...sources(root, path));
    else if (/\.ts$/.test(name) && !/\.d\.ts$/.test(name)) out.push(path);
  }
  return out;
}

export function importGraph(root: string): ImportGraph {
  const graph: ImportGraph = new Map();
  const files = CODE_DIRS.flatMap((d) => sources(root, d));
  for (const file of files) {
    const text = readFileSync(join(root, file), 'utf8');
    const info = ts.preProcessFile(text, true, true);
    // A lazy loader's `import('…')` loads a higher layer only when asked: not an edge of the graph.
    const lazy = LAZY_LOADERS.includes(file) ? new Set([...text.matchAll(/import\(\s*['"]([^'"]+)['"]\s*\)/g)].map((m) => m[1])) : new Set<string>();
    const targets = info.importedFiles
      .map((i) => i.fileName)
      .filter((spec) => spec.startsWith('.') && !lazy.has(spec))
      .map((spec) => relative(root, resolve(root, dirname(file), spec)).replace(/\.js$/, '.ts'));
    graph.set(file, [...new Set(targets)]);
  }
  return graph;
}

/** The layer a file belongs to (index in LAYERS), by the longest path that contains it. */
export function layerOf(file: string): number {
  let best = -1;
  let bestLength = -1;
  LAYERS.forEach((layer, i) => {
    for (const p of layer.paths) {
      if ((file === p || file.startsWith(`${p}/`)) && p.length > bestLength) {
        best = i;
        bestLength = p.length;
      }
    }
  });
  return best;
}

export interface Violation {
  from: string;
  to: string;
  why: string;
}

/** Imports that run from a lower layer up to a higher one, or across separate folders (one network into another). */
export function upwardImports(graph: ImportGraph): Violation[] {
  const out: Violation[] = [];
  for (const [from, targets] of graph) {
    const a = layerOf(from);
    for (const to of targets) {
      const b = layerOf(to);
      if (a < 0) out.push({ from, to, why: `${from} is in no layer (add it to test/architecture/layers.ts)` });
      else if (b > a) out.push({ from, to, why: `${LAYERS[a].name} imports ${LAYERS[b].name}` });
      for (const top of SEPARATE_FOLDERS) {
        const folder = (f: string) => (f.startsWith(`${top}/`) && f.split('/').length > 2 ? f.split('/')[1] : null);
        if (folder(from) && folder(to) && folder(from) !== folder(to)) out.push({ from, to, why: `${top}/${folder(from)} imports ${top}/${folder(to)}` });
      }
    }
  }
  return out;
}

/** Every import cycle, as the files around it (each cycle once). */
export function cycles(graph: ImportGraph): string[][] {
  const found: string[][] = [];
  const seen = new Set<string>();
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  let counter = 0;
  // Tarjan's strongly connected components: a component of more than one file is a cycle.
  const visit = (v: string) => {
    index.set(v, counter);
    low.set(v, counter++);
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!graph.has(w)) continue;
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      if (component.length > 1 || (graph.get(v) ?? []).includes(v)) found.push(component.sort());
    }
    seen.add(v);
  };
  for (const v of graph.keys()) if (!index.has(v)) visit(v);
  return found;
}
