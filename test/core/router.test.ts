import assert from 'node:assert/strict';
import { plainWords } from '../../src/language/understand.js';
import { DateTime } from 'luxon';
import { fixedClock, Router } from '../../src/core/router.js';
import type { CommandSpec, Message, Reply } from '../../src/core/types.js';
import { tokenize, tokenizeByCharacter } from '../../src/core/tokenize.js';
import type { Addressee } from '../../adapters/addressing.js';
import { said } from '../helpers/message.js';

const NOW = DateTime.fromISO('2026-11-25T12:00:00Z', { zone: 'utc' });

function testRouter(extra: CommandSpec[] = []) {
  const router = new Router({ questions: plainWords, clock: fixedClock(NOW), defaultZone: 'UTC', permissions: { admins: ['irc:alice'] } });
  const seen: unknown[] = [];
  router.register([
    {
      family: 'meeting',
      name: 'next',
      summary: 'the next meeting',
      args: [{ name: 'name', description: 'a meeting' }],
      handler: (ctx) => {
        seen.push({ args: ctx.args, zone: ctx.zone, options: ctx.options });
        return { kind: 'answer', text: `next ${ctx.args.name ?? 'any'} in ${ctx.zone}` };
      },
    },
    { family: 'meeting', name: 'list', summary: 'all meetings', handler: () => ({ kind: 'answer', text: 'list' }) },
    { family: 'reload', name: '', summary: 'reload', permission: 'admin', handler: () => ({ kind: 'answer', text: 'reloaded' }) },
    { family: 'boom', name: '', summary: 'fails', handler: () => { throw new Error('secret internals'); } },
    ...extra,
  ]);
  const say = (text: string, m: Partial<Message> = {}, to?: Addressee): Promise<Reply | null> =>
    router.handle(said(text, { network: 'irc', user: { id: 'bob', name: 'bob', verified: true }, time: NOW.toJSDate(), ...m }, to));
  return { router, say, seen };
}

describe('router', () => {
  it('answers the prefix, an address by nick, and private messages without prefix', async () => {
    const { say } = testRouter();
    assert.equal((await say('!meeting list'))?.text, 'list');
    assert.equal((await say('rdobot: meeting list'))?.text, 'list');
    assert.equal((await say('rdobot, meeting list'))?.text, 'list');
    assert.equal((await say('RDObot:meeting list'))?.text, 'list');
    assert.equal((await say('@rdobot meeting list'))?.text, 'list');
    assert.equal((await say('meeting list', { isPrivate: true }))?.text, 'list');
    // On IRC the bot may be on a fallback nick.
    assert.equal((await say('rdobot_: meeting list', {}, { prefix: '!', names: ['rdobot', 'rdobot_'] }))?.text, 'list');
    assert.equal(await say('rdobot_: meeting list'), null);
  });

  it('ignores chat, excitement and other bots', async () => {
    const { say } = testRouter();
    assert.equal(await say('meeting list'), null);
    assert.equal(await say('!!!'), null);
    assert.equal(await say('! lol'), null);
    // Talking about the bot is not addressing it.
    assert.equal(await say('rdobot is broken again'), null);
    assert.equal(await say('RDObot meeting list'), null);
    assert.equal(await say('!meeting list', { user: { id: 'otherbot', name: 'otherbot', verified: true, isBot: true } }), null);
  });

  it('binds subcommands, arguments and --tz options', async () => {
    const { say, seen } = testRouter();
    assert.equal((await say('!meeting next nova --tz Europe/Paris'))?.text, 'next nova in Europe/Paris');
    assert.equal((await say('!meeting next --tz=asia/tokyo'))?.text, 'next any in Asia/Tokyo');
    assert.equal(seen.length, 2);
  });

  it('explains what is wrong in one line', async () => {
    const { say } = testRouter();
    const cases: [string, RegExp][] = [
      ['!meetin next', /^Unknown command 'meetin'\. Did you mean !meeting\? Try !help\.$/],
      ['!meeting nxt', /^Unknown subcommand 'meeting nxt'\. Did you mean !meeting next\?/],
      ['!meeting', /^!meeting needs a subcommand: next, list\.$/],
      ['!meeting list 0', /^!meeting list does not take '0'/],
      ['!meeting next --tz Mars/Olympus', /^Unknown time zone 'Mars\/Olympus'/],
      ['!meeting next --colour red', /^Unknown option --colour\.$/],
      ['!meeting next --tz', /^--tz needs a value\.$/],
      ['!meeting next --tz CST', /^CST is ambiguous: say America\/Chicago \(US Central\) or Asia\/Shanghai \(China\)\.$/],
      ['!meeting list extra words', /^!meeting list does not take 'extra words'/],
      ['!zzzz', /^Unknown command 'zzzz'\. Try !help\.$/],
    ];
    for (const [line, expected] of cases) {
      const reply = await say(line);
      assert.equal(reply?.kind, 'error', line);
      assert.match(reply!.text, expected, line);
      assert.doesNotMatch(reply!.text, /\n/);
    }
  });

  it('turns a crash into a short apology without internals', async () => {
    const reply = await testRouter().say('!boom');
    assert.equal(reply?.code, 'INTERNAL');
    assert.doesNotMatch(reply!.text, /secret/);
  });

  it('refuses admin commands to everyone but verified admins', async () => {
    const { say } = testRouter();
    assert.equal((await say('!reload'))?.code, 'DENIED');
    assert.equal((await say('!reload', { user: { id: 'alice', name: 'alice', verified: true } }))?.text, 'reloaded');
    // Someone using alice's nick without her account is not alice.
    assert.equal((await say('!reload', { user: { id: 'alice', name: 'alice', verified: false } }))?.code, 'DENIED');
  });

  it('generates help from the command definitions', async () => {
    const { say } = testRouter();
    const all = await say('!help');
    assert.equal(all?.layout, 'inline');
    assert.deepEqual(all?.items?.map((i) => i.title), ['!boom', '!explain', '!help', '!meeting', '!more']);
    const admin = { user: { id: 'alice', name: 'alice', verified: true } };
    assert.deepEqual((await say('!help all', admin))?.items?.map((i) => i.title), ['!boom', '!explain', '!help', '!meeting next|list', '!more', '!reload']);
    const family = await say('!help meeting');
    assert.deepEqual(family?.items?.map((i) => i.title), ['!meeting next [name]', '!meeting list']);
    const one = await say('!help meeting next');
    assert.equal(one?.text, '!meeting next [name] — the next meeting');
    assert.match((await say('!help meeting nope'))!.text, /^Unknown subcommand|^No command/);
    assert.match((await say('!help meetnig'))!.text, /Did you mean !meeting\?/);
  });

  it('bounds every reply: length, item count, and no control characters', async () => {
    const long: CommandSpec = {
      family: 'long',
      name: '',
      summary: 'a long answer',
      handler: () => ({
        kind: 'list',
        text: `x\r\nPRIVMSG #rdo :pwned ${'y'.repeat(5000)}`,
        items: Array.from({ length: 50 }, (_, i) => ({ title: `item ${i}\u0007\u202e`, summary: 'z'.repeat(1000) })),
      }),
    };
    const reply = (await testRouter([long]).say('!long'))!;
    assert.ok(reply.text.length <= 300);
    assert.doesNotMatch(reply.text, /[\r\n]/);
    assert.equal(reply.items!.length, 20);
    // The rest is kept for !more.
    assert.deepEqual(reply.more, { count: 30, command: '!more' });
    for (const item of reply.items!) {
      assert.doesNotMatch(item.title, /[\u0000-\u001f\u202e]/);
      assert.ok(item.summary!.length <= 200);
    }
  });

  it('refuses an over-long command line', async () => {
    assert.equal((await testRouter().say(`!meeting next ${'a'.repeat(600)}`))?.code, 'TOO_LONG');
  });

  it('fails registration on a duplicate command', () => {
    const { router } = testRouter();
    assert.throws(() => router.register([{ family: 'meeting', name: 'next', summary: 'again', handler: () => ({ kind: 'answer', text: '' }) }]), /duplicate command 'meeting next'/);
  });
});

describe('tokenizer', () => {
  it('groups quoted words, keeps apostrophes, and survives an unclosed quote', () => {
    assert.deepEqual(tokenize('post search "software factory" now'), ['post', 'search', 'software factory', 'now']);
    assert.deepEqual(tokenize("post search don't panic"), ['post', 'search', "don't", 'panic']);
    assert.deepEqual(tokenize('post search "unclosed words'), ['post', 'search', 'unclosed words']);
    assert.deepEqual(tokenize('  '), []);
  });

  it('splits a line without quotes at blanks exactly as character by character, whatever the blanks and characters', () => {
    // Every kind of blank JavaScript knows, controls, astral and lone surrogates, dashes and plain words.
    const pieces = ['interview', 'latest', '--tz', 'Europe/Paris', ' ', '\t', '\n', '\u00a0', '\u1680', '\u2003', '\u2028', '\u3000', '\ufeff', '\u200b', '\u0007', '😀', '\ud800', '\udc00', '—tz', 'é', '!', '?', '', '  '];
    let seed = 20261207;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    for (let i = 0; i < 5000; i++) {
      const line = Array.from({ length: Math.floor(random() * 8) }, () => pieces[Math.floor(random() * pieces.length)]).join(random() < 0.5 ? ' ' : '');
      assert.deepEqual(tokenize(line), tokenizeByCharacter(line), JSON.stringify(line));
    }
  });
});
