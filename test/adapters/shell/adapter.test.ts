import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import { createShellAdapter } from '../../../adapters/shell/index.js';
import { fixtureBot } from '../../helpers/bot.js';

describe('shell adapter', () => {
  it('answers prefixed commands in order, and a plain question too: everything typed there is for the bot', async () => {
    const { context } = await fixtureBot();
    const input = new PassThrough();
    const output = new PassThrough();
    let text = '';
    output.on('data', (d: Buffer) => (text += d.toString()));
    const closed = new Promise<void>((resolve) => {
      const adapter = createShellAdapter(context, { input, output, onClose: resolve });
      void adapter.start();
    });
    input.end('!interview latest\nwhen is the next test day?\nrdobot: version\n');
    await closed;
    const lines = text.split('\n');
    assert.match(lines[0], /^Interview with Priya Raman: keeping RDO CI green/);
    assert.doesNotMatch(text, /not a command/);
    assert.match(text, /Mongoose Milestone 1 Test Day/);
    assert.match(text, /rdobot \d+\.\d+\.\d+ on Node\.js/);
    assert.ok(text.indexOf('Priya Raman') < text.indexOf('Test Day'));
  });

  it('ends (and lets the service exit) only once a slow reader has taken every answer', async () => {
    const { context } = await fixtureBot();
    const input = new PassThrough();
    // A reader that takes nothing at first: what is written waits in the stream.
    const output = new PassThrough({ highWaterMark: 1024 });
    let ended = false;
    const closed = new Promise<void>((resolve) => {
      const adapter = createShellAdapter(context, { input, output, onClose: () => ((ended = true), resolve()) });
      void adapter.start();
    });
    input.end('!interview latest\n'.repeat(200));
    await new Promise((resolve) => setTimeout(resolve, 500));
    assert.equal(ended, false, 'not ended while answers wait for the reader');
    let text = '';
    output.on('data', (d: Buffer) => (text += d.toString()));
    await closed;
    assert.equal(text.match(/^Interview with Priya Raman/gm)?.length, 200);
  });

  it('prints proactive messages with their room', async () => {
    const { context } = await fixtureBot();
    const output = new PassThrough();
    let text = '';
    output.on('data', (d: Buffer) => (text += d.toString()));
    const adapter = createShellAdapter(context, { input: new PassThrough(), output });
    await adapter.send('#rdo', { kind: 'notice', text: 'Meeting in 15 minutes' });
    assert.equal(text, '[#rdo] Meeting in 15 minutes\n');
  });
});

describe('shell adapter at a terminal', () => {
  it('ends the prompt line on Ctrl-D, so nothing is left after "rdobot> "', async () => {
    const { context } = await fixtureBot();
    const input = new PassThrough();
    const output = new PassThrough();
    let text = '';
    output.on('data', (d: Buffer) => (text += d.toString()));
    const closed = new Promise<void>((resolve) => {
      const adapter = createShellAdapter(context, { input, output, terminal: true, onClose: resolve });
      void adapter.start();
    });
    input.end();
    await closed;
    assert.match(text, /rdobot> (?:\x1B\[\d+G)?\n$/);
  });
});
