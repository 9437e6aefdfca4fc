import type { NetworkModule } from '../network.js';
import { createShellAdapter } from './index.js';

/**
 * Node writes to a pipe on stdout synchronously: each write waits until the pipe has room for all of it, so a piped
 * burst of answers takes turns with whoever reads them. Without the wait, the next answers are worked out while the
 * reader reads; what waits in memory stays bounded by the shell's own backpressure (CoalescedOutput pauses the input).
 */
function writeAhead(stream: NodeJS.WriteStream): void {
  if (stream.isTTY) return;
  (stream as unknown as { _handle?: { setBlocking?(blocking: boolean): unknown } })._handle?.setBlocking?.(false);
}

/** The shell reads the bot's own terminal (or a pipe); its end (Ctrl-D) ends the service. */
export const prepare: NetworkModule['prepare'] = () => (host) => {
  const terminal = process.stdin.isTTY === true;
  if (!terminal) writeAhead(process.stdout);
  return createShellAdapter(host.context, { input: process.stdin, output: process.stdout, terminal, onClose: () => host.onClose() });
};
