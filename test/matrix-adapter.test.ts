import assert from 'node:assert/strict';
import { corpusBot } from './helpers/bot.js';
import { ALICE, MatrixFixture } from './helpers/matrix-fixture.js';

describe('Matrix adapter over the client-server API', function () {
  this.timeout(15000);
  let fx: MatrixFixture;

  beforeEach(async () => {
    fx = await new MatrixFixture().setUp((await corpusBot()).context);
  });
  afterEach(async function () {
    if (this.currentTest?.state === 'failed') {
      console.log(fx.logs.map((l) => JSON.stringify(l)).join('\n'));
      console.log(fx.hs.unknown, fx.hs.requests.join('\n'));
    }
    await fx?.tearDown();
  });

  it('answers !interview latest in a room with plain and HTML bodies', async () => {
    await fx.startBot();
    const asked = fx.hs.say(fx.roomId, ALICE, '!interview latest');
    const reply = await fx.replyTo(asked);
    console.log(JSON.stringify(reply, null, 1));
    console.log(fx.hs.unknown, fx.hs.requests.slice(0, 30));
    assert.equal(reply.content.msgtype, 'm.notice');
    assert.match(String(reply.content.body), /What did you do in Mitaka\? Adam Young/);
  });
});
