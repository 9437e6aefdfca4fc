import type { CommandContext, CommandSpec, Reply } from '../../src/core/types.js';
import { relative, utcDayText } from '../../src/present/time.js';
import { isTestDay, knownEntries } from '../../src/schedule/entry-kind.js';
import type { TestDay } from '../../src/schedule/types.js';
import { testDayItem } from '../../src/views/testday-item.js';

export interface TestdayDeps {
  testDays: () => TestDay[];
}

function answer(t: TestDay, ctx: CommandContext): Reply {
  const item = testDayItem(t, ctx);
  return { kind: 'answer', text: `${t.title} — ${item.meta}`, link: t.link, items: [item] };
}

/** The test days known at the asker's now: one read from a post published later is not known yet. */
const known = (deps: TestdayDeps, ctx: Pick<CommandContext, 'now'>) => knownEntries(deps.testDays(), ctx.now);
const testOnly = (deps: TestdayDeps, ctx: Pick<CommandContext, 'now'>) => known(deps, ctx).filter(isTestDay);
const day = (t: TestDay) => utcDayText(t.start);

/** Nothing scheduled is an answer, not a failure. */
function nextReply(deps: TestdayDeps, ctx: CommandContext): Reply {
  const all = testOnly(deps, ctx);
  const next = all.filter((t) => t.start > ctx.now).sort((a, b) => a.start.toMillis() - b.start.toMillis())[0];
  if (next) return answer(next, ctx);
  const last = all.filter((t) => t.start <= ctx.now).sort((a, b) => b.start.toMillis() - a.start.toMillis())[0];
  const running = last && ctx.now < last.end;
  if (running) return answer(last, ctx);
  return { kind: 'answer', text: last ? `No test day is scheduled yet; the last one was ${last.title} on ${day(last)}.` : 'No test day is scheduled.' };
}

function currentReply(deps: TestdayDeps, ctx: CommandContext): Reply {
  const all = testOnly(deps, ctx);
  const running = all.filter((t) => t.start <= ctx.now && ctx.now < t.end).sort((a, b) => a.start.toMillis() - b.start.toMillis());
  if (running.length === 1) return answer(running[0], ctx);
  if (running.length > 1) return { kind: 'list', text: `${running.length} test days are running now:`, items: running.map((t) => ({ ...testDayItem(t, ctx), summary: undefined })) };
  const next = all.filter((t) => t.start > ctx.now).sort((a, b) => a.start.toMillis() - b.start.toMillis())[0];
  return { kind: 'answer', text: next ? `No test day is running now; the next is ${next.title}, ${relative(next.start, ctx.now)}.` : 'No test day is running now, and none is scheduled.' };
}

/** What `!testday list` lists: test days and doc days known at now; other events are on !week. */
const listed = (deps: TestdayDeps, ctx: Pick<CommandContext, 'now'>): TestDay[] => known(deps, ctx).filter((t) => t.kind !== 'event');

/** "3 upcoming test/doc days", "the 2 most recent": what a part of the list holds. */
const several = (n: number, one: string, many: string) => (n === 1 ? one : `${n} ${many}`);

/**
 * Upcoming (soonest first), then running, then past ones (newest first): test days and doc days, labelled. All of
 * them unless the asker says how many; the core cuts them into pages for `!more`. The header says what is shown.
 */
function listReply(deps: TestdayDeps, ctx: CommandContext): Reply {
  // Other events posts announce (meetups, summits) are on !week and the calendar, not in the test-day list.
  const all = listed(deps, ctx);
  if (all.length === 0) return { kind: 'answer', text: 'No test days are known.' };
  const n = (ctx.args.n as number | undefined) ?? all.length;
  const ahead = all.filter((t) => t.end > ctx.now).sort((a, b) => a.start.toMillis() - b.start.toMillis());
  const past = all.filter((t) => t.end <= ctx.now).sort((a, b) => b.start.toMillis() - a.start.toMillis());
  const shown = [...ahead, ...past].slice(0, n);
  const upcoming = Math.min(ahead.length, shown.length);
  const recent = shown.length - upcoming;
  const parts = [
    upcoming ? several(upcoming, 'The upcoming test/doc day', `upcoming test/doc days`) : 'No upcoming test day',
    recent ? (recent === 1 ? 'the most recent one' : `the ${recent} most recent`) : '',
  ].filter(Boolean);
  const text = `${parts.join(upcoming ? ', then ' : '; ')}${shown.length < all.length ? ` (${shown.length} of ${all.length})` : ''}:`;
  return { kind: 'list', text: text[0].toUpperCase() + text.slice(1), items: shown.map((t) => ({ ...testDayItem(t, ctx), summary: undefined })) };
}

/** `!testday …`: the community's test days (from events files and announcing posts). */
export function testdayCommands(deps: TestdayDeps): CommandSpec[] {
  return [
    {
      family: 'testday',
      name: 'next',
      summary: 'the next test day: dates, where, details',
      examples: ['testday next', 'testday next --tz Asia/Tokyo'],
      intents: [
        {
          phrasings: ['when is the next test day?', 'next testday', 'upcoming test days in IST'],
          needs: ['test day', 'testday', 'testing day', 'test'],
          cues: { 'test day': 3, testday: 3, 'testing day': 3, next: 2, when: 1, upcoming: 1, coming: 1, soon: 1, 'this month': 1 },
        },
      ],
      isDefault: true,
      familySummary: 'test days: the next one, a list, the one running now',
      handler: (ctx) => nextReply(deps, ctx),
    },
    {
      family: 'testday',
      name: 'list',
      summary: 'upcoming test days, then past ones (all of them unless you say how many)',
      args: [{ name: 'n', description: 'how many to show', integer: true }],
      examples: ['testday list', 'testday list 20'],
      intents: [
        {
          phrasings: ['list all test days', 'past test days', 'show me 3 test days', 'can you show me the doc days?'],
          needs: ['test day', 'testday', 'test', 'doc day', 'docday'],
          cues: { 'test day': 3, testday: 3, 'doc day': 4, docday: 4, list: 3, all: 2, past: 2, previous: 2, every: 2 },
        },
      ],
      handler: (ctx) => listReply(deps, ctx),
    },
    {
      family: 'testday',
      name: 'current',
      summary: 'the test day running right now, if any',
      examples: ['testday current'],
      intents: [
        {
          phrasings: ['is there a test day today?', 'is a test day running now', 'current test day'],
          needs: ['test day', 'testday', 'test'],
          cues: { 'test day': 3, testday: 3, now: 2, current: 3, running: 2, today: 2, 'going on': 2, ongoing: 2 },
        },
      ],
      handler: (ctx) => currentReply(deps, ctx),
    },
  ];
}
