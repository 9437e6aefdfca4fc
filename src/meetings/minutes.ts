import { DateTime } from 'luxon';
import { meetbotLine, type ItemKind, type MeetbotCommand } from './commands-table.js';
import { sectionKind, type PluginSection } from './plugin-additions.js';
import type { ItemRow, LineHead, MeetingRow, MeetingStore } from './store.js';
import { voteSummaries, type VoteSummary } from './votes.js';

/** One recorded item, as the minutes show it. */
export interface MinutesItem {
  kind: ItemKind;
  /** Its kind as the minutes write it ("AGREED"). */
  label: string;
  text: string;
  nick: string;
  at: DateTime;
  owners: string[];
  /** The log line it was said on (its number in the meeting), for the link from the minutes to the log. */
  line: number | null;
}

/** One line of the log. */
export interface LogLine {
  seq: number;
  at: DateTime;
  nick: string;
  text: string;
  bot: boolean;
  /** A `/me` line, written `* nick text`. */
  emote: boolean;
}

/** The anchor of a log line in the HTML log: the same on both sides of every link (an item's, the log's own). */
export const lineAnchor = (seq: number) => `l${seq}`;

export interface MinutesTopic {
  /** null: items said before the first #topic. */
  title: string | null;
  at: DateTime;
  items: MinutesItem[];
  /** The log line of its #topic (null: before the first topic). */
  line: number | null;
}

export interface CarriedAction {
  n: number;
  owners: string[];
  text: string;
  /** What became of it in this meeting. */
  state: 'open' | 'done' | 'again';
}

/** Everything the writers need, computed once: one model, one writer per format. */
export interface Minutes {
  meeting: MeetingRow;
  name: string;
  channel: string;
  started: DateTime;
  ended: DateTime;
  chairs: string[];
  topics: MinutesTopic[];
  /** Every action, in order. */
  actions: MinutesItem[];
  /** Actions grouped by person (an action with two owners is under both); unassigned last, under ''. */
  byPerson: { person: string; actions: string[] }[];
  agreed: MinutesItem[];
  carried: CarriedAction[];
  /** People who spoke, most lines first, with their line counts (the bot left out). */
  people: { nick: string; lines: number }[];
  /** The log, read from the store line by line as a writer goes: never held whole (it may be tens of megabytes). */
  log: () => Iterable<LogLine>;
  /** Votes held, with their results per option and voters. */
  votes: VoteSummary[];
  note: string | null;
  /** The plugins' sections, after the built-in ones (sections.ts lists them all). */
  pluginSections: readonly PluginSection[];
}

const DECISIONS = new Set<ItemKind>(['agreed', 'accepted', 'rejected']);
const at = (ms: number) => DateTime.fromMillis(ms, { zone: 'utc' });

/** Whether a line's command makes items of this kind (an agenda link is recorded at #startmeeting). */
function makes(command: MeetbotCommand | undefined, kind: ItemKind): boolean {
  if (!command) return false;
  return command.kind === kind || command.does === kind || (kind === 'present' && command.does === 'nick') || (kind === 'link' && command.does === 'start');
}

/**
 * The log line each item was said on, where the store does not keep it: the recorder records a line, then the items
 * it makes, at one reading of the clock, in order. So, walking the items in order, an item's line is the next line of
 * its speaker at its time whose command makes items of its kind. The same for every writer and every build.
 */
export function itemLines(lines: LineHead[], items: Pick<ItemRow, 'id' | 'at' | 'nick' | 'kind' | 'line'>[]): Map<number, number | null> {
  const found = new Map<number, number | null>();
  const commands = lines.map((l) => (l.bot ? undefined : meetbotLine(l.head)?.command));
  let from = 0;
  for (const item of items) {
    if (item.line !== undefined && item.line !== null) {
      found.set(item.id, item.line);
      continue;
    }
    const nick = item.nick.toLowerCase();
    let i = from;
    while (i < lines.length && !(lines[i].at === item.at && lines[i].nick.toLowerCase() === nick && makes(commands[i], item.kind))) i++;
    if (i < lines.length) {
      found.set(item.id, lines[i].seq);
      from = i + 1;
    } else found.set(item.id, null);
  }
  return found;
}

/**
 * What the minutes call an item's kind, in capitals as MeetBot's minutes: its own word ("AGREED"), or a plugin
 * section's title (its id when the plugin is gone). So a new kind of item needs nothing here.
 */
function labelOf(kind: ItemKind, sections: readonly PluginSection[]): string {
  const slash = kind.indexOf('/');
  if (slash < 0) return kind.toUpperCase();
  return (sections.find((s) => sectionKind(s) === kind)?.title ?? kind.slice(slash + 1)).toUpperCase();
}

/** The minutes of a meeting, with the plugins' sections given (none: their items are only in the summary). */
export function buildMinutes(store: MeetingStore, meeting: MeetingRow, pluginSections: readonly PluginSection[] = []): Minutes {
  // Lines without their text: who spoke how often, and the line each item came from.
  const lines = store.lineHeads(meeting.id);
  const rows = store.items(meeting.id);
  const lineOf = itemLines(lines, rows);
  const items: MinutesItem[] = rows
    .filter((i) => !i.removed)
    .map((i) => ({ kind: i.kind, label: labelOf(i.kind, pluginSections), text: i.text, nick: i.nick, at: at(i.at), owners: JSON.parse(i.owners) as string[], line: lineOf.get(i.id) ?? null }));
  const topics: MinutesTopic[] = [];
  for (const item of items) {
    if (item.kind === 'present') continue;
    if (item.kind === 'topic') topics.push({ title: item.text, at: item.at, items: [], line: item.line });
    else {
      if (topics.length === 0) topics.push({ title: null, at: item.at, items: [], line: null });
      topics[topics.length - 1].items.push(item);
    }
  }
  const actions = items.filter((i) => i.kind === 'action');
  const counts = new Map<string, { nick: string; lines: number }>();
  for (const l of lines) {
    if (l.bot) continue;
    const key = l.nick.toLowerCase();
    const c = counts.get(key) ?? { nick: l.nick, lines: 0 };
    c.lines++;
    counts.set(key, c);
  }
  // People named present (#nick) without saying a word are present with 0 lines.
  for (const i of items) if (i.kind === 'present') for (const n of i.text.split(', ')) if (n && !counts.has(n.toLowerCase())) counts.set(n.toLowerCase(), { nick: n, lines: 0 });
  const people = [...counts.values()].sort((a, b) => b.lines - a.lines || a.nick.localeCompare(b.nick));
  const byPersonMap = new Map<string, { person: string; actions: string[] }>();
  for (const a of actions) {
    for (const owner of a.owners.length ? a.owners : ['']) {
      const key = owner.toLowerCase();
      const entry = byPersonMap.get(key) ?? { person: counts.get(key)?.nick ?? owner, actions: [] };
      entry.actions.push(a.text);
      byPersonMap.set(key, entry);
    }
  }
  const byPerson = [...byPersonMap.values()].sort((a, b) => (a.person === '' ? 1 : b.person === '' ? -1 : a.person.localeCompare(b.person)));
  const carried: CarriedAction[] = store.carried(meeting.id).map((c) => {
    const state = c.actions.some((x) => x.closed_meeting === meeting.id && x.state === 'done') ? 'done' : c.actions.some((x) => x.closed_meeting === meeting.id && x.state === 'replaced') ? 'again' : 'open';
    return { n: c.n, owners: c.actions.map((x) => x.owner).filter(Boolean), text: c.actions[0]?.text ?? '', state };
  });
  return {
    meeting,
    name: meeting.name,
    channel: meeting.room,
    started: at(meeting.started),
    ended: at(meeting.ended ?? lines.at(-1)?.at ?? meeting.started),
    chairs: JSON.parse(meeting.chairs) as string[],
    topics,
    actions,
    byPerson,
    agreed: items.filter((i) => DECISIONS.has(i.kind)),
    carried,
    people,
    log: function* () {
      for (const l of store.eachLine(meeting.id)) yield { seq: l.seq, at: at(l.at), nick: l.nick, text: l.text, bot: l.bot === 1, emote: l.emote === 1 };
    },
    votes: voteSummaries(store.votes(meeting.id), (vote) => store.ballots(vote)),
    note: meeting.note,
    pluginSections,
  };
}

export const ownersText = (owners: string[]) => (owners.length ? owners.join(', ') : 'unassigned');
