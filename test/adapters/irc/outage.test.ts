import assert from 'node:assert/strict';
import { ircBot, type IrcBot } from '../../helpers/irc-fixture.js';
import { hasBinary, NGIRCD, startNgircd, type IrcServer } from '../../helpers/irc-server.js';
import { IrcUser } from '../../helpers/irc-user.js';
import { until } from '../../helpers/wait.js';

const LATEST = 'Interview with Priya Raman: keeping RDO CI green';

/** Each test breaks its own server: a fresh ngircd, bot and user, all stopped even on failure. */
describe('IRC adapter when the server goes away', function () {
  this.timeout(15_000);
  let server: IrcServer | undefined;
  let rdobot: IrcBot | undefined;
  let users: IrcUser[] = [];

  beforeEach(async function () {
    if (!hasBinary(NGIRCD)) this.skip();
    server = await startNgircd();
    rdobot = await ircBot(server);
  });

  afterEach(async () => {
    for (const u of users) u.close();
    users = [];
    await rdobot?.adapter.stop();
    server?.thaw();
    await server?.close();
  });

  async function user(nick: string): Promise<IrcUser> {
    const u = new IrcUser(nick);
    users.push(u);
    await u.connect(server!.host, server!.port);
    await u.join('#rdo');
    return u;
  }

  async function answers(u: IrcUser): Promise<void> {
    // Its ghost from before the outage may hold the nick for a moment; the bot takes it back.
    await until(() => rdobot!.adapter.nick === 'rdobot', 5000, 'the bot to have its nick back');
    await until(() => /as rdobot in #rdo/.test(rdobot!.adapter.status!().detail ?? ''), 5000, 'the bot to be back in #rdo');
    const since = u.heard.length;
    u.say('#rdo', '!interview latest');
    await u.waitFor((h) => h.from === 'rdobot' && h.text.includes(LATEST), 4000, 'an answer', since);
  }

  it('is back in the channel and answering within 10 s after the server restarts', async () => {
    await server!.stop();
    await until(() => !rdobot!.adapter.status!().connected, 3000, 'the bot to notice');
    const restarted = Date.now();
    await server!.start();
    const bob = await user('bob');
    await until(() => rdobot!.adapter.status!().connected, 10_000, 'the bot to reconnect');
    await answers(bob);
    const took = Date.now() - restarted;
    assert.ok(took < 10_000, `took ${took} ms`);
    assert.equal(rdobot!.adapter.status!().reconnects, 1);
  });

  it('notices a frozen server within its PING timeout and comes back after SIGCONT', async () => {
    const bob = await user('bob');
    await answers(bob);
    const frozen = Date.now();
    server!.freeze();
    // Socket open, nothing answered: only the PING timeout (3 s in these tests) can tell.
    await until(() => !rdobot!.adapter.status!().connected, 6000, 'the bot to notice the freeze');
    const noticed = Date.now() - frozen;
    assert.ok(noticed <= 3000 + 1500, `noticed after ${noticed} ms`);
    assert.match(rdobot!.adapter.status!().detail ?? '', /ping timeout/);
    server!.thaw();
    await until(() => rdobot!.adapter.status!().connected, 8000, 'the bot to reconnect');
    await answers(bob);
  });

  it('comes back when the frozen server is killed and started again', async () => {
    server!.freeze();
    await until(() => !rdobot!.adapter.status!().connected, 6000, 'the bot to notice the freeze');
    await server!.restart();
    const bob = await user('bob');
    await until(() => rdobot!.adapter.status!().connected, 8000, 'the bot to reconnect');
    await answers(bob);
  });

  it('delivers a message sent during the outage exactly once, after reconnecting, in order', async () => {
    const bob = await user('bob');
    server!.freeze();
    await until(() => !rdobot!.adapter.status!().connected, 6000, 'the bot to notice the freeze');
    let delivered = false;
    const sent = Promise.all([
      rdobot!.adapter.send('#rdo', { kind: 'notice', text: 'Reminder: RDO meeting in 15 minutes' }),
      rdobot!.adapter.send('#rdo', { kind: 'notice', text: 'Reminder: test day tomorrow' }),
    ]).then(() => (delivered = true));
    await new Promise((r) => setTimeout(r, 300));
    assert.equal(delivered, false, 'send() resolved while the server was frozen');
    server!.thaw();
    await sent;
    const fromBot = () => bob.heard.filter((h) => h.from.startsWith('rdobot') && h.text.startsWith('Reminder'));
    await until(() => fromBot().length >= 2, 8000, 'the reminders');
    await new Promise((r) => setTimeout(r, 1000));
    assert.deepEqual(
      fromBot().map((h) => h.text),
      ['Reminder: RDO meeting in 15 minutes', 'Reminder: test day tomorrow'],
    );
  });

  it('refuses a room that is not a channel or nick, and reports undelivered messages on stop', async () => {
    await assert.rejects(rdobot!.adapter.send('#rdo\r\nQUIT', { kind: 'notice', text: 'x' }), /not an IRC channel or nick/);
    await server!.stop();
    await until(() => !rdobot!.adapter.status!().connected, 3000, 'the bot to notice');
    const pending = rdobot!.adapter.send('#rdo', { kind: 'notice', text: 'never sent' });
    await rdobot!.adapter.stop();
    await assert.rejects(pending, /stopped before the message could be sent/);
  });
});
