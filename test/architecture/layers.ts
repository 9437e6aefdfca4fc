/**
 * The layers of rdobot, lowest first: a file may import from its own layer and the layers before it, never from a
 * later one. This list is the one place they are written down; docs/architecture.md draws it, `npm run check:layers`
 * and test/architecture/layers.test.ts hold the code to it.
 */
export interface Layer {
  name: string;
  /** Folders (or files) of the layer, relative to the project root; the longest match wins. */
  paths: string[];
  why: string;
}

export const LAYERS: Layer[] = [
  { name: 'base', paths: ['src/base'], why: 'logging, paths, sqlite, settings helpers: know nothing of the bot' },
  { name: 'core', paths: ['src/core'], why: 'router and its middleware (ignore, mute, rate, permission), registry, types, clock: no network, no syntax' },
  { name: 'manifest', paths: ['adapters/index.ts', 'adapters/network.ts', 'adapters/targets.ts'], why: 'the list of networks, with nothing loaded until asked, and the one target check' },
  { name: 'config', paths: ['src/config'], why: 'reading the settings (environment, YAML) and their checks, with the defaults: each part reads its own section' },
  { name: 'language', paths: ['src/language'], why: 'the plain-language reader, handed to the router as its fallback' },
  { name: 'present', paths: ['src/present'], why: 'how replies and times are shown: plain text, JSON, time spans (the wordings are each family\'s own)' },
  { name: 'state', paths: ['src/state'], why: 'the instance lock and per-person state (zones, addresses)' },
  { name: 'delivery', paths: ['src/delivery'], why: 'hand-over and claims: nothing promised lost or sent twice' },
  { name: 'archive', paths: ['src/archive'], why: 'posts, sources, classification, search, cache' },
  { name: 'schedule', paths: ['src/schedule'], why: 'meetings, test days, recurrence, reminders' },
  { name: 'meetings', paths: ['src/meetings'], why: 'meetings run in channels (MeetBot) and their minutes' },
  { name: 'views', paths: ['src/views'], why: 'items and replies that chat and the web both show (a post, a meeting, minutes)' },
  { name: 'plugin', paths: ['src/plugin'], why: 'the plugin API every family is written against, and the host that runs plugins' },
  { name: 'commands', paths: ['commands'], why: 'one folder per built-in family, each a plugin, listed in commands/index.ts' },
  { name: 'web', paths: ['src/web', 'src/http'], why: 'the community page and the HTTP endpoint, over a read-only view' },
  { name: 'networks', paths: ['adapters'], why: 'one folder per network: translate only' },
  { name: 'main', paths: ['src/main'], why: 'the composition root and the command line' },
];

/** Folders under adapters/ may use adapters/*.ts (shared helpers) but not each other. */
export const SEPARATE_FOLDERS = ['adapters'];

/**
 * Files that load higher layers on demand, by `import()` only: the manifest loads a network's code when it is
 * configured. Their lazy imports are the one way up; a static import from them is held to the layers like any other.
 */
export const LAZY_LOADERS = ['adapters/index.ts'];
