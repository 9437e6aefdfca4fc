import { collectDefaultMetrics, Counter, Gauge, Registry } from 'prom-client';
import { CommandLatency } from './command-latency.js';
import type { Adapter } from '../core/types.js';

/** Distinct command/outcome pairs kept between scrapes before they are added to the counter anyway. */
const PENDING_AT_MOST = 256;

/** The bot's Prometheus metrics, in a registry of its own (tests may run several bots in one process). */
export class Metrics {
  readonly registry = new Registry();
  /**
   * Commands counted since the last scrape, by command and outcome: added to the counter when it is read, since the
   * counter hashes and checks its labels on every increment, a visible part of a line's cost in a burst. Bounded by
   * the commands and outcomes there are. By command, then outcome: neither key is written for a line.
   */
  private readonly pendingCommands = new Map<string, Map<string, { labels: { command: string; outcome: string }; n: number }>>();
  private pendingPairs = 0;
  readonly commands = new Counter({
    name: 'rdobot_commands_total',
    help: 'Commands handled, by command and outcome',
    labelNames: ['command', 'outcome'],
    registers: [this.registry],
    collect: () => this.flushCommands(),
  });
  readonly latency = new CommandLatency(this.registry, [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1]);
  readonly reminders: Counter;
  readonly announcements = new Counter({ name: 'rdobot_announcements_total', help: 'Post announcements by outcome', labelNames: ['outcome'], registers: [this.registry] });

  /** `reminderCounts`: the scheduler keeps them (none until one runs), the bot asks it at each scrape. */
  constructor(adapters: () => Adapter[], posts: () => number, reminderCounts: () => Record<string, number> = () => ({}), sourceProblems: () => number = () => 0) {
    const counts = reminderCounts;
    this.reminders = new Counter({
      name: 'rdobot_reminders_total',
      help: 'Reminders by outcome (sent, failed, dropped)',
      labelNames: ['outcome'],
      registers: [this.registry],
      collect() {
        this.reset();
        for (const [outcome, n] of Object.entries(counts())) this.inc({ outcome }, n);
      },
    });
    collectDefaultMetrics({ register: this.registry, prefix: 'rdobot_' });
    new Gauge({
      name: 'rdobot_adapter_connected',
      help: '1 when the adapter is connected',
      labelNames: ['adapter'],
      registers: [this.registry],
      collect() {
        this.reset();
        for (const a of adapters()) this.set({ adapter: a.name }, a.status?.().connected === false ? 0 : 1);
      },
    });
    new Gauge({
      name: 'rdobot_adapter_reconnects',
      help: 'Reconnections since start, by adapter',
      labelNames: ['adapter'],
      registers: [this.registry],
      collect() {
        this.reset();
        for (const a of adapters()) this.set({ adapter: a.name }, a.status?.().reconnects ?? 0);
      },
    });
    new Gauge({
      name: 'rdobot_archive_posts',
      help: 'Posts in the archive',
      registers: [this.registry],
      collect() {
        this.set(posts());
      },
    });
    new Gauge({
      name: 'rdobot_source_problems',
      help: 'Source files (posts, meeting and events files, feeds) the bot could not use',
      registers: [this.registry],
      collect() {
        this.set(sourceProblems());
      },
    });
  }

  command(command: string, outcome: string, seconds: number): void {
    const pending = this.pendingCommands.get(command)?.get(outcome);
    if (pending) pending.n++;
    else {
      if (this.pendingPairs >= PENDING_AT_MOST) this.flushCommands();
      let outcomes = this.pendingCommands.get(command);
      if (!outcomes) this.pendingCommands.set(command, (outcomes = new Map()));
      outcomes.set(outcome, { labels: { command, outcome }, n: 1 });
      this.pendingPairs++;
    }
    this.latency.add(command, seconds);
  }

  private flushCommands(): void {
    for (const outcomes of this.pendingCommands.values()) for (const { labels, n } of outcomes.values()) this.commands.inc(labels, n);
    this.pendingCommands.clear();
    this.pendingPairs = 0;
  }
}
