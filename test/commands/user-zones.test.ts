import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Message, Reply } from '../../src/core/types.js';
import { fixtureBot } from '../helpers/bot.js';
import { ircBot } from '../helpers/irc-fixture.js';
import { hasBinary, NGIRCD, startNgircd } from '../helpers/irc-server.js';
import { IrcUser } from '../helpers/irc-user.js';
import { ALICE, BOT, MatrixFixture } from '../helpers/matrix-fixture.js';
import { blockText, SlackFixture } from '../helpers/slack-fixture.js';

const on = (network: string, id: string, verified = true): Partial<Message> => ({ network, user: { id, name: id, verified } });
const REMINDER: Reply = { kind: 'notice', text: 'Reminder: Gantry Team Meeting starts in 15 min' };

describe('per-user time zones', () => {
  it('stores a zone per verified identity (network and id), uses it for every time shown, and keeps it across a restart', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rdobot-tz-'));
    const { ask, bot } = await fixtureBot({ dataDir: dir });
    const alice = on('irc', 'alice');
    assert.equal((await ask('!tz', alice))?.text, 'You have not set a time zone, so I show times in UTC. Set yours with !tz set Europe/Paris (or a city: !tz set Bangalore).');
    assert.equal((await ask('!tz set Europe/Paris', alice))?.text, 'Your time zone is now Europe/Paris (it is 13:00 on Wed 25 Nov there). Every time I show you is in it; --tz still overrides it for one command.');
    assert.match((await ask('!meeting next gantry', alice))!.text, /Wed 2026-11-25 15:00 Europe\/Paris \(14:00 UTC\)/);
    assert.match((await ask('!meeting next gantry --tz Asia/Tokyo', alice))!.text, /Wed 2026-11-25 23:00 Asia\/Tokyo \(14:00 UTC\)/);
    // The same id on another network is another person.
    assert.match((await ask('!meeting next gantry', on('matrix', 'alice')))!.text, /Wed 2026-11-25 14:00 UTC, in 2 h/);
    bot.close();
    const again = await fixtureBot({ dataDir: dir });
    assert.equal((await again.ask('!tz', alice))?.text, 'Your time zone is Europe/Paris (it is 13:00 on Wed 25 Nov there). Change it with !tz set <zone>, forget it with !tz clear.');
    assert.equal((await again.ask('!tz clear', alice))?.text, 'Forgotten: times are shown in UTC again.');
    assert.match((await again.ask('!meeting next gantry', alice))!.text, /14:00 UTC, in 2 h/);
  });

  it('takes cities and community abbreviations, and refuses what is no zone', async () => {
    const { ask } = await fixtureBot();
    assert.match((await ask('!tz set Bangalore'))!.text, /^Your time zone is now Asia\/Kolkata/);
    assert.match((await ask('!tz set new york'))!.text, /^Your time zone is now America\/New_York/);
    assert.match((await ask('!tz set IST'))!.text, /^Your time zone is now Asia\/Kolkata/);
    const bad = await ask('!tz set Atlantis');
    assert.equal(bad?.code, 'BAD_ARGUMENTS');
    assert.match(bad!.text, /^Unknown time zone 'Atlantis'/);
  });

  it('keeps an unverified IRC nick’s zone for the session only, and says so', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rdobot-tz-'));
    const { ask, bot } = await fixtureBot({ dataDir: dir });
    const nick = on('irc', 'guest42', false);
    assert.match((await ask('!tz set America/New_York', nick))!.text, /until I restart: your nick is not identified with services/);
    assert.match((await ask('!meeting next gantry', nick))!.text, /09:00 America\/New_York \(14:00 UTC\)/);
    assert.match((await ask('!tz', nick))!.text, /for this session only/);
    bot.close();
    const again = await fixtureBot({ dataDir: dir });
    assert.match((await again.ask('!tz', nick))!.text, /^You have not set a time zone/);
  });
});

describe('Slack: the profile zone and date tokens (real Bolt receiver, Web API stand-in)', function () {
  this.timeout(15_000);
  let fx: SlackFixture;
  before(async () => {
    fx = new SlackFixture();
    fx.api.people.set('U0ALICE', { name: 'Alice', tz: 'Asia/Tokyo' });
    await fx.setUp();
  });
  after(async () => fx?.tearDown());

  it('shows times in the zone of the asker’s Slack profile, as date tokens each reader sees in their own zone', async () => {
    await fx.event(fx.chat('!meeting next gantry'));
    const post = await fx.post(1);
    assert.equal(fx.handled.at(-1)?.userZone, 'Asia/Tokyo');
    const epoch = Date.parse('2026-11-25T14:00:00Z') / 1000;
    const blocks = blockText(post.args.blocks);
    assert.ok(blocks.includes(`<!date^${epoch}^{date_short_pretty} {time}|Wed 2026-11-25 23:00 Asia/Tokyo (14:00 UTC)>`), blocks);
    // The notification text stays plain.
    assert.match(String(post.args.text), /Wed 2026-11-25 23:00 Asia\/Tokyo \(14:00 UTC\)/);
    assert.doesNotMatch(String(post.args.text), /<!date/);
  });

  it('lets !tz set win over the profile, and says where the zone comes from', async () => {
    await fx.event(fx.chat('!tz'));
    assert.match(String((await fx.post(2)).args.text), /^Your time zone is Asia\/Tokyo, from your slack profile/);
    await fx.event(fx.chat('!tz set Europe/Paris'));
    await fx.post(3);
    await fx.event(fx.chat('!meeting next gantry'));
    assert.match(String((await fx.post(4)).args.text), /15:00 Europe\/Paris \(14:00 UTC\)/);
  });

  it('sends a private reminder as a DM from the app (conversations.open, then one chat.postMessage)', async () => {
    const before = fx.api.posted.length;
    await fx.adapter.sendPrivate('T0RDO/U0ALICE', 'Alice', REMINDER);
    assert.deepEqual(fx.api.called('conversations.open').map((c) => c.args.users), ['U0ALICE']);
    assert.equal(fx.api.posted.length, before + 1);
    assert.equal(fx.api.posted.at(-1)!.args.channel, 'D0ALICE');
    assert.match(String(fx.api.posted.at(-1)!.args.text), /^Reminder: Gantry Team Meeting/);
  });
});

describe('private reminders on Matrix (homeserver stand-in)', function () {
  this.timeout(20_000);
  it('opens a direct room with the person once (is_direct, invited), and sends there every time', async () => {
    const test = await fixtureBot();
    const fx = await new MatrixFixture().setUp(test.context);
    try {
      // The plain path, bodies readable on the homeserver; encrypted direct rooms: test/adapters/matrix/e2ee.test.ts.
      const adapter = await fx.startBot({ encryption: false });
      await adapter.sendPrivate!(ALICE, 'Alice', REMINDER);
      await adapter.sendPrivate!(ALICE, 'Alice', { ...REMINDER, text: 'Reminder: again' });
      assert.equal(fx.hs.directRooms.length, 1);
      const [room] = fx.hs.directRooms;
      assert.deepEqual({ creator: room.creator, invite: room.invite, isDirect: room.isDirect, preset: room.preset }, { creator: BOT, invite: [ALICE], isDirect: true, preset: 'trusted_private_chat' });
      assert.deepEqual(fx.hs.sentBy(BOT, room.roomId).map((e) => e.content.body), ['Reminder: Gantry Team Meeting starts in 15 min', 'Reminder: again']);
      assert.equal(fx.hs.membership(room.roomId, ALICE), 'invite');
    } finally {
      await fx.tearDown();
    }
  });
});

describe('private reminders on IRC (real ngircd)', function () {
  this.timeout(20_000);
  it('sends a query to the nick last seen for the account', async function () {
    if (!hasBinary(NGIRCD)) this.skip();
    const server = await startNgircd();
    const rdobot = await ircBot(server);
    const bob = new IrcUser('bob_away');
    try {
      await bob.connect(server.host, server.port);
      await rdobot.adapter.sendPrivate!('bob', 'bob_away', REMINDER);
      const heard = await bob.waitFor((h) => h.from === rdobot.adapter.nick, 10_000, 'the private reminder');
      assert.equal(heard.target, 'bob_away');
      assert.equal(heard.text, 'Reminder: Gantry Team Meeting starts in 15 min');
    } finally {
      bob.close();
      await rdobot.adapter.stop();
      await server.close();
    }
  });
});
