import { PassThrough } from 'node:stream';
import { createShellAdapter } from '../../adapters/shell/index.js';
import type { AdapterContext } from '../../src/core/adapter-context.js';

/** Everything the shell adapter prints for `input`, piped in at once, once the input has ended. */
export async function throughShell(context: AdapterContext, input: string): Promise<string> {
  const stdin = new PassThrough();
  const stdout = new PassThrough();
  let text = '';
  stdout.on('data', (d: Buffer) => (text += d.toString()));
  await new Promise<void>((resolve) => {
    void createShellAdapter(context, { input: stdin, output: stdout, onClose: resolve }).start();
    stdin.end(input);
  });
  return text;
}
