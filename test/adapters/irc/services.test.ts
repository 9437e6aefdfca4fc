import assert from 'node:assert/strict';
import { FIXTURE_POSTS } from '../../helpers/bot.js';
import { ircBot, type IrcBot } from '../../helpers/irc-fixture.js';
import { ATHEME, hasBinary, INSPIRCD, startInspircd, TRUSTED_PASS, type IrcServer } from '../../helpers/irc-server.js';
import { IrcUser } from '../../helpers/irc-user.js';
import { until } from '../../helpers/wait.js';

/** Register `nick` as a services account with NickServ, as a person would. */
async function registerAccount(server: IrcServer, nick: string, password: string): Promise<void> {
  const user = new IrcUser(nick);
  try {
    await user.connect(server.host, server.port, { password: TRUSTED_PASS });
    user.say('NickServ', `REGISTER ${password} ${nick}@test.local`);
    await user.waitFor((h) => h.from === 'NickServ' && /registered/i.test(h.text), 5000, `NickServ to register ${nick}`);
  } finally {
    user.close();
  }
}

/** What the server says about `nick`'s account (WHOIS 330), as seen by `asker`. */
async function whoisAccount(asker: IrcUser, nick: string): Promise<string | null> {
  const since = asker.raw.length;
  asker.client.raw(`WHOIS ${nick}`);
  await until(() => asker.raw.slice(since).some((l) => / 318 /.test(l)), 3000, 'end of WHOIS');
  const line = asker.raw.slice(since).find((l) => / 330 /.test(l));
  return line ? line.split(' ')[4]! : null;
}

describe('IRC adapter against InspIRCd with Atheme services', function () {
  this.timeout(15_000);
  let server: IrcServer;
  let alice: IrcUser;
  const bots: IrcBot[] = [];
  const users: IrcUser[] = [];

  before(async function () {
    if (!hasBinary(INSPIRCD) || !hasBinary(ATHEME)) this.skip();
    server = await startInspircd(true);
    await registerAccount(server, 'rdobot', 'bot-secret');
    await registerAccount(server, 'alice', 'alice-secret');
    alice = new IrcUser('alice2');
    users.push(alice);
    // Alice logs in with SASL under another nick: her account, not her nick, is who she is.
    await alice.connect(server.host, server.port, { password: TRUSTED_PASS, account: { account: 'alice', password: 'alice-secret' } });
    await alice.join('#ops');
  });

  afterEach(async () => {
    for (const b of bots.splice(0)) await b.adapter.stop();
    await alice.settle();
  });

  after(async () => {
    for (const u of users) u.close();
    await server?.close();
  });

  it('logs in with SASL PLAIN and is known by its services account', async () => {
    const bot = await ircBot(server, { IRC_SASL_USER: 'rdobot', IRC_SASL_PASS: 'bot-secret' });
    bots.push(bot);
    assert.equal(await whoisAccount(alice, 'rdobot'), 'rdobot');
  });

  it('identifies to NickServ when configured instead of SASL', async () => {
    const bot = await ircBot(server, { IRC_NICKSERV_PASS: 'bot-secret' });
    bots.push(bot);
    await until(async () => (await whoisAccount(alice, 'rdobot')) === 'rdobot', 5000, 'NickServ login');
  });

  it('gives a logged-in user their account as identity, a channel operator the operator role', async () => {
    const bot = await ircBot(server, { IRC_CHANNELS: '#rdo,#ops' });
    bots.push(bot);
    const since = alice.heard.length;
    alice.say('#ops', '!whoami');
    const answer = await alice.waitFor((h) => h.from === 'rdobot', 5000, 'whoami in #ops', since);
    assert.equal(answer.text, 'id=alice name=alice2 verified roles=operator');
    alice.say('rdobot', 'whoami');
    const query = await alice.waitFor((h) => h.from === 'rdobot' && h.target === 'alice2', 5000, 'whoami in private', since);
    assert.equal(query.text, 'id=alice name=alice2 verified roles=none');
  });

  it('gives a user without an account their nick, unverified', async () => {
    const bot = await ircBot(server, { IRC_CHANNELS: '#rdo,#ops' });
    bots.push(bot);
    const eve = new IrcUser('eve');
    users.push(eve);
    await eve.connect(server.host, server.port, { password: TRUSTED_PASS });
    await eve.join('#ops');
    eve.say('#ops', '!whoami');
    const answer = await eve.waitFor((h) => h.from === 'rdobot', 5000, 'whoami');
    assert.equal(answer.text, 'id=eve name=eve unverified roles=none');
    eve.close();
  });

  it('refuses !reload to someone who only took an admin\'s nick, and runs it for the admin\'s account', async () => {
    const bot = await ircBot(server, { IRC_CHANNELS: '#rdo,#ops' }, [FIXTURE_POSTS], { admins: ['irc:alice'] });
    bots.push(bot);
    const impostor = new IrcUser('alice');
    users.push(impostor);
    await impostor.connect(server.host, server.port, { password: TRUSTED_PASS });
    await impostor.join('#ops');
    impostor.say('#ops', '!reload');
    const refused = await impostor.waitFor((h) => h.from === 'rdobot', 5000, 'the refusal');
    assert.equal(refused.text, 'Sorry, !reload is for admins only.');
    const since = alice.heard.length;
    alice.say('#ops', '!reload');
    const done = await alice.waitFor((h) => h.from === 'rdobot' && /^Reloaded/.test(h.text), 5000, 'the reload', since);
    assert.match(done.text, /^Reloaded in \d+ ms: 16 posts, 1 warnings?\.$/);
    impostor.close();
  });

  it('keeps a meeting’s chair with the services account: a new nick is still the chair, the old nick taken by another is not', async function () {
    this.timeout(30_000);
    const bot = await ircBot(server, { IRC_CHANNELS: '#meet' });
    bots.push(bot);
    await alice.join('#meet');
    const mallory = new IrcUser('mallory');
    users.push(mallory);
    await mallory.connect(server.host, server.port, { password: TRUSTED_PASS });
    await mallory.join('#meet');
    let since = alice.heard.length;
    alice.say('#meet', '#startmeeting Account check');
    await alice.waitFor((h) => h.from === 'rdobot' && /^Meeting started .*Chairs: alice2\./.test(h.text), 5000, 'the start', since);
    // alice (account alice) moves to another nick; mallory, without an account, takes alice's old nick.
    alice.client.changeNick('alice3');
    await until(() => alice.client.user.nick === 'alice3', 5000, 'alice to rename');
    mallory.client.changeNick('alice2');
    await until(() => mallory.client.user.nick === 'alice2', 5000, 'mallory to take the old nick');
    since = mallory.heard.length;
    mallory.say('#meet', '#endmeeting');
    await mallory.waitFor((h) => h.from === 'rdobot' && /^Only a chair/.test(h.text), 5000, 'the impostor refused', since);
    since = alice.heard.length;
    alice.say('#meet', '#endmeeting');
    await alice.waitFor((h) => h.from === 'rdobot' && /^Meeting ended/.test(h.text), 5000, 'the chair ending it under the new nick', since);
    mallory.close();
  });

  it('answers 30 commands in a burst on a server that kills flooders, without being killed', async () => {
    await alice.join('#rdo');
    const bot = await ircBot(server);
    bots.push(bot);
    const since = alice.heard.length;
    const rawSince = alice.raw.length;
    for (let i = 0; i < 30; i++) alice.say('#rdo', `!whoami`);
    await until(() => alice.from('rdobot', since).length >= 30, 12_000, '30 answers');
    assert.equal(bot.adapter.status!().connected, true, bot.adapter.status!().detail);
    assert.equal(bot.adapter.status!().reconnects, 0);
    assert.ok(!alice.raw.slice(rawSince).some((l) => /:rdobot!\S+ QUIT /.test(l)), 'the bot quit');
  });

  it('(control) the same burst without flood control gets a bot killed for excess flood', async () => {
    const bot = await ircBot(server, { IRC_NICK: 'floodbot', IRC_FLOOD_BURST: '50', IRC_FLOOD_INTERVAL_MS: '50' });
    bots.push(bot);
    const since = alice.raw.length;
    for (let i = 0; i < 30; i++) alice.say('#rdo', `!whoami`);
    await until(() => alice.raw.slice(since).some((l) => /:floodbot!\S+ QUIT :Excess Flood/i.test(l)), 8000, 'the excess flood kill');
  });
});
