import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * What a CPU profile (`node --cpu-prof`) of a start spent its time on, in a few named parts: each sample goes to the
 * first part its stack names, from the innermost frame out. Used to say what dominates at each archive size.
 */
const PARTS: { name: string; test: (fn: string, url: string) => boolean }[] = [
  { name: 'garbage collection', test: (fn) => fn === '(garbage collector)' },
  { name: 'stat of post files', test: (fn) => fn === 'statSync' },
  { name: 'reading the post cache', test: (_fn, url) => /archive\/(post-cache|loader)\.js$/.test(url) },
  { name: 'parsing posts', test: (_fn, url) => /archive\/(parse-post|front-matter|read-worker|post-file|summary|media|dates)\.js$|node_modules\/(marked|yaml|js-yaml|entities)\//.test(url) },
  { name: 'indexing the archive', test: (_fn, url) => /archive\/(archive|search|live-archive)\.js$|minisearch/.test(url) },
  { name: 'dates in posts (chrono-node)', test: (_fn, url) => /schedule\/announced\/|chrono-node/.test(url) },
  { name: 'schedule', test: (_fn, url) => /src\/schedule\//.test(url) },
  { name: 'loading modules', test: (_fn, url) => /node:internal\/modules|node:internal\/bootstrap/.test(url) },
];

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string };
  children?: number[];
}

/** The parts of the (first) profile in `dir`, in ms, largest first; `total` is every sample's time. */
export function profileParts(dir: string): { total: number; parts: [string, number][] } {
  const file = readdirSync(dir).find((f) => f.endsWith('.cpuprofile'));
  if (!file) return { total: 0, parts: [] };
  const profile = JSON.parse(readFileSync(join(dir, file), 'utf8')) as { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] };
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const partOf = new Map<number, string>();
  const classify = (id: number): string => {
    const known = partOf.get(id);
    if (known) return known;
    let part = 'other';
    for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
      const { functionName, url } = byId.get(cur)!.callFrame;
      const hit = PARTS.find((p) => p.test(functionName, url));
      if (hit) {
        part = hit.name;
        break;
      }
    }
    partOf.set(id, part);
    return part;
  };
  const sums = new Map<string, number>();
  let total = 0;
  profile.samples.forEach((id, i) => {
    const name = byId.get(id)!.callFrame.functionName;
    if (name === '(idle)' || name === '(program)') return;
    const ms = (profile.timeDeltas[i] ?? 0) / 1000;
    total += ms;
    const part = classify(id);
    sums.set(part, (sums.get(part) ?? 0) + ms);
  });
  return { total, parts: [...sums].sort((a, b) => b[1] - a[1]) };
}

/** "loading modules 38%, reading the post cache 22%, …": the first `count` parts. */
export function dominating(dir: string, count = 3): string {
  const { total, parts } = profileParts(dir);
  if (total === 0) return '?';
  return parts
    .slice(0, count)
    .map(([name, ms]) => `${name} ${Math.round((100 * ms) / total)}%`)
    .join(', ');
}
