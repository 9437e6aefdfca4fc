#!/usr/bin/env node
// An older Node would fail below with a stack trace about node:sqlite: say plainly what is needed instead. This file
// imports nothing statically, so the check runs before any module that needs Node 22 is loaded.
const NODE_MAJOR = Number(process.versions.node.split('.')[0]);
if (NODE_MAJOR < 22) {
  process.stderr.write(
    `rdobot: needs Node.js 22 or newer, this is Node.js ${process.versions.node}. ` +
      'Run it through the project (npm start, or npx rdobot …): npm ci installs Node 22 there; or install Node.js 22.\n',
  );
  process.exit(2);
}

// V8's compiled code of rdobot's modules, kept between runs in a private directory (Node checks it against the
// sources): a one-shot answer would otherwise spend a good part of its time compiling.
const { enableCompileCache } = await import('node:module');
const { privateTempDir } = await import('../base/private-dir.js');
const compileCache = privateTempDir((await import('node:os')).tmpdir());
if (compileCache) enableCompileCache(`${compileCache}/compile-cache`);

// node:sqlite (the embedded store) is stable in use but still flagged experimental in Node 22; its warning at every
// start would only confuse operators. Other warnings are printed as usual. The filter must be in place before the
// modules that load node:sqlite are evaluated, hence the dynamic import.
const printWarning = process.listeners('warning');
process.removeAllListeners('warning');
process.on('warning', (warning) => {
  if (warning.name === 'ExperimentalWarning' && /SQLite/.test(warning.message)) return;
  for (const listener of printWarning) listener(warning);
});

// `rdobot ask --archive DIR`: the archive's files are listed and looked at in a thread of their own while modules load.
const listedEarly = process.argv[2] === 'ask' ? (await import('../archive/listing.js')).listEarlyFor(process.argv.slice(3), process.cwd()) : [];
// A first `rdobot ask` over a large archive (no post cache yet) reads every file: its reading thread starts now too.
if (listedEarly.length > 0) await (await import('./ask-early.js')).readEarlyFor(process.argv.slice(3), process.env, process.cwd(), listedEarly);

// Every time rdobot writes is in English (luxon's toFormat is, whatever the locale), and nothing it does reads the
// host's locale; but luxon looks it up for the first DateTime made, which sets up ICU's date formats (≈40 ms of a
// one-shot start). Naming the locale skips that: the same answers, on any host.
(await import('luxon')).Settings.defaultLocale = 'en-US';

await import('./cli-main.js');
