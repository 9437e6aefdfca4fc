import assert from 'node:assert/strict';
import { DateTime } from 'luxon';
import type { AdapterContext } from '../../../src/core/adapter-context.js';
import { silentLogger } from '../../../src/base/log.js';
import { fixedClock, Router } from '../../../src/core/router.js';
import type { Reply } from '../../../src/core/types.js';
import { throughShell } from '../../helpers/shell.js';

const piped = (context: AdapterContext, lines: string[]) => throughShell(context, lines.map((l) => `${l}\n`).join(''));

describe('shell: lines answered at once or after a wait', () => {
  it('answers lines in order when one of them waits: the lines after it wait too', async () => {
    const router = new Router({ clock: fixedClock(DateTime.fromISO('2026-11-25T12:00:00Z', { zone: 'utc' })), defaultZone: 'UTC' });
    router.register([
      { family: 'slow', name: '', summary: 'answers after a while', handler: () => new Promise<Reply>((resolve) => setTimeout(() => resolve({ kind: 'answer', text: 'slow' }), 20)) },
      { family: 'fast', name: '', summary: 'answers at once', handler: () => ({ kind: 'answer', text: 'fast' }) },
    ]);
    const context: AdapterContext = { handle: (m) => router.handle(m), answer: (m) => router.answer(m), nick: 'rdobot', prefix: '!', env: {}, logger: silentLogger(), dataDir: '/nonexistent' };
    const text = await piped(context, ['!fast', '!slow', '!fast', '!fast', '!slow', '!fast']);
    assert.equal(text, 'fast\nslow\nfast\nfast\nslow\nfast\n');
    const withoutAnswer: AdapterContext = { ...context, answer: undefined };
    assert.equal(await piped(withoutAnswer, ['!slow', '!fast']), 'slow\nfast\n', 'an adapter context without answer() is asked through handle()');
  });
});
