import { cleanLine, truncate } from '../core/sanitize.js';
import type { BallotRow, VoteRow } from './store.js';

/** Options when `#startvote` names none: MeetBot's usual +1 / 0 / -1. */
export const DEFAULT_OPTIONS = ['+1', '0', '-1'];
const MAX_OPTIONS = 20;

/** `#startvote Should we move? yes, no, abstain`: the question (up to its '?'), then the options split by commas or "/". */
export function parseVote(rest: string): { question: string; options: string[] } {
  const q = rest.indexOf('?');
  const question = q >= 0 ? rest.slice(0, q + 1).trim() : rest.trim();
  const after = q >= 0 ? rest.slice(q + 1) : '';
  const seen = new Set<string>();
  const options = after
    .split(/\s*[,/]\s*|\s+or\s+/i)
    .map((o) => o.trim())
    .filter((o) => o && !seen.has(o.toLowerCase()) && seen.add(o.toLowerCase()))
    .slice(0, MAX_OPTIONS);
  return { question, options: options.length ? options : DEFAULT_OPTIONS };
}

/** The option a `#vote` line chooses (any case; "+1" also written "1" or "yes" when those are not options), or null. */
export function ballotChoice(vote: VoteRow, said: string): string | null {
  const options = JSON.parse(vote.options) as string[];
  const wanted = said.trim().toLowerCase();
  const exact = options.find((o) => o.toLowerCase() === wanted);
  if (exact) return exact;
  const synonyms: Record<string, string> = { '1': '+1', yes: '+1', no: '-1', abstain: '0', '-0': '0', '+0': '0' };
  const mapped = synonyms[wanted];
  return mapped && options.includes(mapped) ? mapped : null;
}

export interface OptionResult {
  option: string;
  voters: string[];
}

/** Each option with the people whose last vote was for it, in the order options were offered. */
export function voteResults(vote: VoteRow, ballots: BallotRow[]): OptionResult[] {
  const options = JSON.parse(vote.options) as string[];
  return options.map((option) => ({ option, voters: ballots.filter((b) => b.choice === option).map((b) => b.nick) }));
}

const clean = (s: string, n: number) => truncate(cleanLine(s), n);
const tally = (results: OptionResult[]) =>
  results.map((r) => `${clean(r.option, 40)} (${r.voters.length})${r.voters.length ? `: ${r.voters.map((v) => clean(v, 40)).join(', ')}` : ''}`).join('; ');

/** What the channel is told, and what the minutes keep. */
export const voteText = {
  opened: (vote: VoteRow) => `Begin voting on: ${clean(vote.question, 300)} Options: ${(JSON.parse(vote.options) as string[]).map((o) => clean(o, 40)).join(', ')}. Vote with #vote <option>; only your last vote counts.`,
  results: (vote: VoteRow, results: OptionResult[], closed: boolean) => {
    const top = Math.max(0, ...results.map((r) => r.voters.length));
    const leaders = results.filter((r) => r.voters.length === top && top > 0);
    const outcome = !closed ? '' : leaders.length === 1 ? ` Result: ${clean(leaders[0].option, 40)}.` : top === 0 ? ' Result: no votes.' : ' Result: a tie.';
    return `${closed ? 'Voted on' : 'Voting on'}: ${clean(vote.question, 300)} ${tally(results)}.${outcome}`;
  },
};

/** A meeting's votes with their results, for the minutes. */
export interface VoteSummary {
  question: string;
  options: OptionResult[];
  opened: number;
  closed: number | null;
  /** The log line (seq) the vote was opened on. */
  line: number | null;
}

export function voteSummaries(votes: VoteRow[], ballots: (vote: number) => BallotRow[]): VoteSummary[] {
  return votes.map((v) => ({ question: v.question, options: voteResults(v, ballots(v.id)), opened: v.opened, closed: v.closed, line: v.line }));
}
