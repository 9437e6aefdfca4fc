#!/usr/bin/env node
import { enableCompileCache } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { privateTempDir } from './private-dir.js';

// V8's compiled code of rdobot's modules, kept between runs in a private directory (Node checks it against the
// sources): a one-shot answer spends a good part of its time compiling otherwise.
const compileCache = privateTempDir(tmpdir());
if (compileCache) enableCompileCache(join(compileCache, 'compile-cache'));

// node:sqlite (the embedded store) is stable in use but still flagged experimental in Node 22; its warning at every
// start would only confuse operators. Other warnings are printed as usual. The filter must be in place before the
// modules that load node:sqlite are evaluated, hence the dynamic import.
const printWarning = process.listeners('warning');
process.removeAllListeners('warning');
process.on('warning', (warning) => {
  if (warning.name === 'ExperimentalWarning' && /SQLite/.test(warning.message)) return;
  for (const listener of printWarning) listener(warning);
});

await import('./cli-main.js');
