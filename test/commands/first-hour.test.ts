import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { remindersCommands } from '../../commands/reminders/commands.js';
import type { CommandContext, Message } from '../../src/core/types.js';
import { describeEntry } from '../../src/schedule/recurrence.js';
import { fixtureBot, TEST_NOW } from '../helpers/bot.js';
import { fixtureRepliesBot } from '../helpers/replies.js';

/** What a new user meets in the first hour, each as they read it. */
describe('the rough edges of the first hour', () => {
  it('offers "did you mean" for a swapped pair of letters: !meeting nxet', async () => {
    const t = await fixtureRepliesBot();
    assert.match((await t.ask('!meeting nxet'))!.text, /Did you mean !meeting next\?/);
    assert.match((await t.ask('!testday nxt'))!.text, /Did you mean !testday next\?/);
  });

  it('says "your one meeting" when unsubscribing from all of one', async () => {
    const t = await fixtureBot({ dataDir: mkdtempSync(join(tmpdir(), 'rdobot-first-hour-')) });
    const alice: Partial<Message> = { network: 'irc', user: { id: 'alice', name: 'alice', verified: true } };
    await t.ask('!meeting subscribe gantry', alice);
    assert.equal((await t.ask('!meeting unsubscribe all', alice))!.text, 'Unsubscribed from your one meeting.');
  });

  it('says "for you", not "for this channel", for !reminders in a private query', async () => {
    const [spec] = remindersCommands({ upcoming: () => [] });
    const ctx = (isPrivate: boolean) =>
      ({
        message: { network: 'irc', room: isPrivate ? 'alice' : '#rdo', isPrivate, user: { id: 'alice', name: 'alice', verified: true }, text: '', time: new Date() },
        args: {},
        options: {},
        now: TEST_NOW,
        zone: 'UTC',
        role: 'everyone',
        command: (line: string) => `!${line}`,
      }) as CommandContext;
    const own = (await spec.handler(ctx(true))).text;
    assert.doesNotMatch(own, /channel/);
    assert.match(own, /^You have no reminders/);
    assert.match((await spec.handler(ctx(false))).text, /^This channel gets no reminders/);
  });

  it('says reminders go up to a year ahead for "in 2 years", and how to say months', async () => {
    const t = await fixtureBot();
    assert.equal((await t.ask('!remind me in 2 years to renew the domain'))!.text, 'I keep reminders for up to a year ahead.');
    assert.match((await t.ask('!remind me in 3 months to renew the domain'))!.text, /^I keep reminders for up to a year ahead\. Say months in weeks or days/);
  });

  it('says which weeks a four-weekly meeting is on in plain words, never "ISO week mod 4"', () => {
    const entry = { time: '1700', weekday: 5, channel: 'rdo', frequency: 'quadweekly', zone: 'UTC', durationMinutes: 60 } as Parameters<typeof describeEntry>[0];
    const text = describeEntry(entry);
    assert.doesNotMatch(text, /mod/);
    assert.match(text, /^Friday every fourth week \(weeks \d+, \d+, \d+ … of the year\) at 17:00 UTC$/);
  });
});
