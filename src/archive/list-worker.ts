import { readdirSync, statSync } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import { isPostFile } from './permalink.js';

/**
 * The listing thread (see listing.ts: listAhead): a directory's post files, the links among them, and each file's
 * stamp, sent back at once. Names are joined by '/', which no file name holds.
 */
const { dir } = workerData as { dir: string };
try {
  const entries = readdirSync(dir, { withFileTypes: true });
  const links: string[] = [];
  const names: string[] = [];
  for (const e of entries) {
    if (!isPostFile(e.name)) continue;
    names.push(e.name);
    if (e.isSymbolicLink()) links.push(e.name);
  }
  names.sort();
  const prefix = dir.endsWith('/') ? dir : `${dir}/`;
  const stamps = new Float64Array(names.length * 3).fill(Number.NaN);
  names.forEach((name, i) => {
    try {
      const s = statSync(prefix + name, { throwIfNoEntry: false });
      // Only a regular file's: a reader takes a stamp as the file's look before reading it (see readPostTextSync).
      if (s?.isFile()) stamps.set([s.size, s.mtimeMs, s.ctimeMs], i * 3);
    } catch {
      // Not a stamp (NaN matches none): the file is read, and its own error said.
    }
  });
  parentPort!.postMessage({ names: names.join('/'), links: links.join('/'), stamps }, [stamps.buffer]);
} catch (err) {
  parentPort!.postMessage({ error: (err as NodeJS.ErrnoException).code ?? (err as Error).message });
}
