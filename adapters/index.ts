import type { NetworkEntry } from './network.js';

export type { CreateAdapter, NetworkEntry, NetworkHost, NetworkModule, NetworkSetup, TargetSyntax } from './network.js';

/**
 * The networks rdobot speaks, one entry each: RDOBOT_ADAPTERS, target checks and start-up read this list and no
 * other. It imports no adapter code (each `load` is a dynamic import), so configuration may read it cheaply.
 */
export const NETWORKS: readonly NetworkEntry[] = [
  { name: 'shell', target: { room: /^\S+$/, example: 'shell:#rdo' }, load: () => import('./shell/start.js') },
  { name: 'irc', target: { room: /^\S+$/, example: 'irc:#rdo' }, load: () => import('./irc/start.js') },
  { name: 'matrix', target: { room: /^\S+$/, example: 'matrix:!room:server' }, load: () => import('./matrix/start.js') },
  { name: 'slack', target: { room: /^\S+$/, example: 'slack:C123' }, load: () => import('./slack/start.js') },
];
