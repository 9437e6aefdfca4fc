import type { NetworkModule } from '../network.js';
import { createShellAdapter } from './index.js';

/** The shell reads the bot's own terminal (or a pipe); its end (Ctrl-D) ends the service. */
export const prepare: NetworkModule['prepare'] = () => (host) =>
  createShellAdapter(host.context, {
    input: process.stdin,
    output: process.stdout,
    terminal: process.stdin.isTTY === true,
    onClose: () => host.onClose(),
  });
