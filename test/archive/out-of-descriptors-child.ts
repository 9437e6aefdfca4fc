/**
 * The child of out-of-descriptors.test.ts: follows a post directory with every file descriptor taken (run under a low
 * `ulimit -n`), and gives them back when told on stdin. Each update is one JSON line on stdout.
 */
import { closeSync, openSync } from 'node:fs';
import { Classifier } from '../../src/archive/classify/classify.js';
import { DEFAULT_PERMALINK } from '../../src/archive/permalink.js';
import { DirectorySource } from '../../src/archive/sources/directory-source.js';

const say = (o: object) => process.stdout.write(`${JSON.stringify(o)}\n`);
const source = new DirectorySource(process.argv[2], { permalink: DEFAULT_PERMALINK, classifier: new Classifier() });
await source.load();
// The parser is loaded now, while there are descriptors to load it with.
await import('../../src/archive/parse-post.js');
source.start((u) => say({ upserted: u.upserted.map((p) => p.source), warnings: u.warnings.map((w) => w.reason) }));
const held: number[] = [];
try {
  for (;;) held.push(openSync('/dev/null', 'r'));
} catch (err) {
  say({ ready: (err as NodeJS.ErrnoException).code, held: held.length });
}
process.stdin.on('data', () => {
  for (const fd of held.splice(0)) closeSync(fd);
  say({ released: true });
});
