/**
 * Golden replies: each case asked on each network the way its adapter asks, rendered the way its adapter sends.
 * One file per case and network under test/golden/<network>/ (IRC protocol lines with their byte lengths, Slack
 * Block Kit JSON, Matrix plain body and HTML). To accept a change on purpose, run with UPDATE_GOLDEN=1 and review
 * the diff of test/golden/ like code. The command list is drawn over a few families pinned here (HELP_FAMILIES), so
 * that a new family edits no golden file: its own examples are pinned in test/golden/examples/<family>.txt.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DateTime } from 'luxon';
import { BUILT_IN_PLUGINS } from '../../commands/index.js';
import type { Reply } from '../../src/core/types.js';
import { reminderReply } from '../../src/schedule/reminders/message.js';
import { nextOccurrences } from '../../src/schedule/recurrence.js';
import { TEST_NOW, type TestBot } from '../helpers/bot.js';
import { fixtureRepliesBot, GOLDEN_ROOT, ircProtocolLines, NETWORKS, type Network } from '../helpers/replies.js';

const UPDATE = process.env.UPDATE_GOLDEN === '1';

interface Case {
  name: string;
  /** What is asked, in order (the same asker and channel); a reply per line. */
  ask?: string[];
  isPrivate?: boolean;
  /** A reply made without asking (a reminder). */
  make?: (t: TestBot) => Reply;
  /** The bot for this case: the default one, or one whose lists hold 3 items (to cut a list on every network). */
  small?: boolean;
  /** Asked of a bot with only HELP_FAMILIES (and the core's own commands): the command list. */
  pinned?: boolean;
}

/** The families the help goldens list, whatever families the bot gains. */
const HELP_FAMILIES = ['interview', 'about', 'meeting', 'testday'];

const CASES: Case[] = [
  { name: 'help', ask: ['!help'], pinned: true },
  { name: 'help-all-private', ask: ['help all'], isPrivate: true, pinned: true },
  { name: 'interview-latest', ask: ['!interview latest'] },
  { name: 'meeting-next', ask: ['!meeting next --tz Asia/Kolkata'] },
  { name: 'meeting-list', ask: ['!meeting list'] },
  { name: 'testday-next', ask: ['!testday next'] },
  {
    name: 'reminder',
    make: (t) => {
      const meeting = t.bot.schedule.meetings.find((m) => m.id === 'rdo-packaging')!;
      const [o] = nextOccurrences(meeting, TEST_NOW, 1);
      const due = o.start.minus({ minutes: 15 });
      return reminderReply(
        { key: 'golden', target: 'irc:#rdo', due: due.toMillis(), leadMinutes: 15, subject: { kind: 'meeting', occurrence: o } },
        DateTime.fromMillis(due.toMillis(), { zone: 'utc' }),
      );
    },
  },
  { name: 'error', ask: ['!intervew latest'] },
  { name: 'cut-list', ask: ['!meeting list'], small: true },
  { name: 'more', ask: ['!meeting list', '!more', '!more', '!more'], small: true },
];

const SMALL_LIMITS = { maxLineChars: 300, maxSummaryChars: 200, maxItems: 3 };

function goldenPath(network: Network, name: string): string {
  return join(GOLDEN_ROOT, network.name, `${name}.${network.name === 'slack' ? 'json' : 'txt'}`);
}

async function replies(t: TestBot, network: Network, c: Case): Promise<Reply[]> {
  if (c.make) return [c.make(t)];
  const out: Reply[] = [];
  for (const line of c.ask ?? []) {
    const reply = await t.bot.handle(network.message(line, c.isPrivate));
    assert.ok(reply, `${network.name}: no reply to ${line}`);
    out.push(reply);
  }
  return out;
}

describe('golden replies on each network (test/golden)', () => {
  const bots: { normal?: TestBot; pinned?: TestBot } = {};
  before(async () => {
    bots.normal = await fixtureRepliesBot();
    bots.pinned = await fixtureRepliesBot({}, BUILT_IN_PLUGINS.filter((p) => HELP_FAMILIES.includes(p.name)));
  });
  // A fresh bot per small case: !more state is per user and channel, and each case starts clean.
  const botFor = async (c: Case) => (c.small ? fixtureRepliesBot({ limits: SMALL_LIMITS }) : c.pinned ? bots.pinned! : bots.normal!);

  for (const network of NETWORKS) {
    for (const c of CASES) {
      it(`${network.name}: ${c.name} reads as in test/golden/${network.name}/${c.name}`, async () => {
        const t = await botFor(c);
        const rendered = (await replies(t, network, c)).map((r) => network.render(r, c.isPrivate));
        const text = `${rendered.join(network.name === 'slack' ? '\n' : '\n\n---\n\n')}\n`;
        const file = goldenPath(network, c.name);
        if (UPDATE || !existsSync(file)) {
          mkdirSync(join(GOLDEN_ROOT, network.name), { recursive: true });
          writeFileSync(file, text);
          if (!UPDATE) assert.fail(`wrote a new golden file ${file}: review it and run again`);
        }
        assert.equal(text, readFileSync(file, 'utf8'));
      });
    }
  }
});

describe('IRC replies fit the protocol and the reader', () => {
  let t: TestBot;
  const irc = NETWORKS.find((n) => n.name === 'irc')!;
  before(async () => {
    t = await fixtureRepliesBot();
  });
  const ask = async (line: string, isPrivate = false) => ircProtocolLines((await t.bot.handle(irc.message(line, isPrivate)))!, isPrivate);

  it('keeps every protocol line within 512 bytes', async () => {
    for (const line of ['!help', '!help all', '!meeting list', '!meeting next --tz Asia/Kolkata', '!testday list', '!interview latest', '!help meeting next']) {
      for (const l of await ask(line)) assert.ok(l.bytes <= 512, `${line}: ${l.bytes} bytes`);
    }
  });

  it('lists the commands in two lines with !help, details with !help <command>', async () => {
    const lines = await ask('!help');
    assert.equal(lines.length, 2);
    assert.match(lines[0].line, /Commands: .*!interview.*!meeting.*!more/);
    assert.doesNotMatch(lines[0].line, /announce|reload|mute|status/);
    assert.match(lines[1].line, /!help <command> explains one/);
  });

  it('says a next meeting and a next test day in at most two lines', async () => {
    assert.ok((await ask('!meeting next --tz Asia/Kolkata')).length <= 2);
    assert.ok((await ask('!testday next')).length <= 2);
  });

  it('gives the whole command list at once in a private query', async () => {
    const lines = await ask('help all', true);
    assert.ok(lines.length > 4);
    assert.doesNotMatch(lines.at(-1)!.line, /more/);
  });

  it('says a reminder in one line', async () => {
    const meeting = t.bot.schedule.meetings.find((m) => m.id === 'rdo-community')!;
    const [o] = nextOccurrences(meeting, TEST_NOW, 1);
    const reply = reminderReply({ key: 'k', target: 'irc:#rdo', due: o.start.minus({ minutes: 15 }).toMillis(), leadMinutes: 15, subject: { kind: 'meeting', occurrence: o } }, o.start.minus({ minutes: 15 }));
    const lines = ircProtocolLines(reply);
    assert.equal(lines.length, 1);
    assert.match(lines[0].line, /Reminder: RDO Community Meeting starts in 15 min, Wed 2026-11-25 14:00 UTC, in #rdo \(agenda: https:\/\/etherpad\.example\.org\/p\/rdo-community-meeting, chair: Rain Leander \(leanderthal\)\)$/);
  });
});
