import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { FIXTURE_POSTS } from '../../helpers/bot.js';
import { MatrixHomeserver } from '../../helpers/matrix-homeserver.js';

const ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
const BOT = '@rdobot:hs.test';

describe('rdobot run with RDOBOT_ADAPTERS=matrix', function () {
  this.timeout(15000);
  const hs = new MatrixHomeserver('hs.test');
  let child: ChildProcess | undefined;

  after(async () => {
    if (child && child.exitCode === null) {
      const exited = new Promise((r) => child!.once('exit', r));
      child.kill('SIGTERM');
      // matrix-js-sdk leaves per-request timeout timers behind after stopClient(), so a process that waits
      // for its event loop to drain lingers after a clean shutdown; do not let that hold the test run.
      const late = setTimeout(() => child!.kill('SIGKILL'), 3000);
      await exited;
      clearTimeout(late);
    }
    await hs.stop();
  });

  it('logs in from the env, joins the room and answers', async () => {
    await hs.start();
    hs.addUser(BOT, { password: 'pw', displayname: 'rdobot' });
    hs.addUser('@alice:hs.test', { displayname: 'Alice' });
    const room = hs.createRoom({ name: 'rdo', alias: '#rdo:hs.test', creator: '@alice:hs.test' });
    child = spawn(process.execPath, [join(ROOT, 'dist/src/main/cli.js'), 'run'], {
      cwd: ROOT,
      env: {
        ...process.env,
        RDOBOT_ADAPTERS: 'matrix',
        RDOBOT_DATA_DIR: mkdtempSync(join(tmpdir(), 'rdobot-matrix-cli-')),
        RDOBOT_ARCHIVE: FIXTURE_POSTS,
        LOG_LEVEL: 'warn',
        MATRIX_HOMESERVER_URL: hs.url,
        MATRIX_USER: 'rdobot',
        MATRIX_PASSWORD: 'pw',
        MATRIX_ROOMS: '#rdo:hs.test',
      },
      stdio: ['ignore', 'ignore', 'ignore'],
    });
    await hs.waitFor(() => hs.membership(room, BOT) === 'join', 10000, 'the bot to join');
    // Joined is not yet listening: ask until the first answer comes (each question is answered at most once).
    let reply;
    for (let i = 0; i < 20 && !reply; i += 1) {
      hs.say(room, '@alice:hs.test', '!interview latest');
      reply = await hs.waitFor(() => hs.sentBy(BOT, room)[0], 400, 'a reply').catch(() => undefined);
    }
    assert.ok(reply, 'the bot answered');
    assert.match(String(reply.content.body), /^Interview with Priya Raman: keeping RDO CI green/);
  });
});
