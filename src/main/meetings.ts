import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Logger } from '../base/log.js';
import type { Clock, Message, Rename, Reply, Role } from '../core/types.js';
import type { Deliver } from '../core/handoff.js';
import { MeetingRecorder } from '../meetings/recorder.js';
import { MeetingStore } from '../meetings/store.js';
import { MinutesSearch } from '../meetings/search.js';
import { planActionReminders, DEFAULT_ACTION_LEAD_MINUTES } from '../meetings/action-reminders.js';
import type { Meeting } from '../schedule/types.js';
import type { PlannedReminder } from '../schedule/reminders/plan.js';
import { MinutesFiles, minutesDir, privateMinutesDir, type MinutesDirs } from '../meetings/publish.js';
import { publishedReply } from '../meetings/recorder.js';
import type { HostedPlugin } from '../plugin/host.js';
import { SECTION_ID, type PluginSection } from '../meetings/plugin-additions.js';
import { shownTo } from '../meetings/privacy.js';
import { isStorageFailure } from '../meetings/storage-failure.js';
import { MinutesSite } from '../web/minutes-site.js';
import type { MinutesDeps } from '../views/minutes.js';

export interface MeetingsOptions {
  dataDir?: string;
  clock: Clock;
  nick: string;
  publicUrl?: string;
  definitions: () => Meeting[];
  /** Open actions changed: reminders plan again. */
  changed: () => void;
  /** Proactive sends (the bot's deliver), once the service runs. */
  deliver: () => Deliver | undefined;
  logger: Logger;
  /** An action's owner was seen under this name (kept for their private reminder). */
  seen?: (network: string, id: string, name: string) => void;
  /** Lines from these identities (`network:id`, the ignore list) are not heard. */
  ignore?: Set<string>;
  staleMs?: number;
  actionLeadMinutes?: number;
  /** Where public minutes are written (RDOBOT_MINUTES_DIR; default <data dir>/meetings). */
  minutesDir?: string;
  /** Private rooms whose minutes are published all the same, as `network:room` (RDOBOT_MINUTES_PUBLISH_PRIVATE). */
  publicRooms?: string[];
  /** The role a person has here (configured admins, channel operators): they may end or take over any meeting. */
  role?: (message: Message) => Role;
}

/** How often meetings left open are looked for. */
const STALE_CHECK_MS = 60_000;
/** How often lines and minutes that could not be written (disk full, no descriptor) are tried again. */
const RETRY_MS = 15_000;
const FAILED_RETRY_MS = 3_600_000;

/** Meetings run in channels: the store, the recorder, the minutes' files, search, site and commands, wired once. */
export class Meetings {
  readonly store: MeetingStore;
  readonly recorder: MeetingRecorder;
  readonly search: MinutesSearch;
  readonly site: MinutesSite;
  readonly dir: string;
  readonly dirs: MinutesDirs;
  /** The minutes' files, written by the recorder at #save and #endmeeting. */
  readonly files: MinutesFiles;
  /** What the minutes and actions commands read (they are listed in commands/index.ts). */
  readonly minutesDeps: MinutesDeps;
  private timer: NodeJS.Timeout | null = null;
  private retryTimer: NodeJS.Timeout | null = null;
  private readonly publicRooms: ReadonlySet<string>;
  /** Meetings whose minutes failed for a reason other than storage, and when. */
  private readonly failedAt = new Map<number, number>();

  constructor(private readonly o: MeetingsOptions) {
    this.store = MeetingStore.inDataDir(o.dataDir);
    const scratch = o.dataDir ? undefined : mkdtempSync(join(tmpdir(), 'rdobot-minutes-'));
    this.dir = o.minutesDir ?? (o.dataDir ? minutesDir(o.dataDir) : join(scratch!, 'meetings'));
    this.dirs = { public: this.dir, private: o.dataDir ? privateMinutesDir(o.dataDir) : join(scratch!, 'meetings-private') };
    this.publicRooms = new Set(o.publicRooms ?? []);
    this.search = new MinutesSearch(this.store);
    const say = async (network: string, room: string, reply: Reply) => {
      const deliver = o.deliver();
      if (deliver) await deliver(`${network}:${room}`, reply);
    };
    this.files = new MinutesFiles({ store: this.store, dirs: this.dirs, publicUrl: o.publicUrl, shown: (row) => shownTo(this.publicRooms, row), search: this.search });
    this.recorder = new MeetingRecorder({
      store: this.store,
      clock: o.clock,
      nick: o.nick,
      definitions: o.definitions,
      files: this.files,
      changed: o.changed,
      seen: o.seen,
      say,
      logger: o.logger,
      staleMs: o.staleMs,
      role: o.role,
    });
    this.recorder.resume();
    this.minutesDeps = { store: this.store, search: this.search, publicUrl: o.publicUrl, publicRooms: this.publicRooms };
    this.site = new MinutesSite(this.minutesDeps, this.dir);
  }

  /**
   * The hosted plugins' `#word` commands and minutes sections, once they are hosted (after this is built): the
   * recorder takes the commands after MeetBot's, and the minutes show the sections after the built-in ones.
   */
  addPluginCommands(plugins: readonly HostedPlugin[]): void {
    const sections: PluginSection[] = [];
    for (const p of plugins) {
      for (const s of p.minutesSections) {
        const why = !SECTION_ID.test(s.id) ? "its id must be lowercase letters, digits and '-'" : sections.some((x) => x.plugin === p.name && x.id === s.id) ? 'the plugin has two of that id' : null;
        if (why) this.o.logger.warn({ plugin: p.name }, `minutes section "${s.id}" of plugin ${p.name} left out: ${why}`);
        else sections.push({ plugin: p.name, id: s.id, title: s.title });
      }
    }
    this.files.setSections(sections);
    this.recorder.addPluginCommands(
      plugins.flatMap((p) => p.meetingCommands.map((c) => ({ ...c, plugin: p.name, handle: c.handle?.bind(c) }))),
      sections,
    );
  }

  /** Every message a room hears, before commands: a meeting records it (an ignored identity is not heard). */
  hear(message: Message): Reply | null {
    if (this.o.ignore?.has(`${message.network}:${message.user.id}`)) return null;
    return this.recorder.hear(message);
  }

  /** Someone changed name: a running meeting shows its chairs by the names they have now (never throws). */
  renamed(change: Rename): void {
    if (this.o.ignore?.has(`${change.network}:${change.user.id}`)) return;
    try {
      this.recorder.renamed(change);
    } catch (err) {
      this.o.logger.error({ err, adapter: change.network }, 'a rename could not be followed');
    }
  }

  /** The private reminders of open actions due in [from, to), for the reminder scheduler. */
  plan(from: number, to: number): PlannedReminder[] {
    return planActionReminders(this.store, this.o.definitions(), from, to, this.o.actionLeadMinutes ?? DEFAULT_ACTION_LEAD_MINUTES);
  }

  /**
   * Once the networks are up: say in each room whose meeting outlived a restart (or a crash) that it is still being
   * recorded, close those left open too long, and keep looking for such meetings.
   */
  async running(): Promise<void> {
    await this.recorder.closeStale();
    const deliver = this.o.deliver();
    for (const row of this.recorder.openMeetings()) {
      const text = `I am back and still recording the meeting “${row.name}” here; carry on (#endmeeting to finish).`;
      await deliver?.(`${row.network}:${row.room}`, { kind: 'notice', text }).catch((err: unknown) => this.o.logger.warn({ err, meeting: row.id }, 'could not say the meeting is still recorded'));
    }
    this.timer ??= setInterval(() => void this.recorder.closeStale().catch((err: unknown) => this.o.logger.error({ err }, 'closing stale meetings failed')), STALE_CHECK_MS);
    this.timer.unref();
    this.retryTimer ??= setInterval(() => this.retry(), RETRY_MS);
    this.retryTimer.unref();
    this.retry();
  }

  /**
   * Write what could not be written: meeting lines kept while the storage failed, then the minutes of every ended
   * meeting not yet published (at start and periodically, until it succeeds); each room hears where its minutes are.
   */
  retry(): void {
    try {
      if (this.recorder.retry() > 0) return;
      for (const row of this.store.unpublished()) {
        // Real time, as the retry timer that calls this runs on: a pinned clock (tests, --now) would never let the hour pass.
        if ((this.failedAt.get(row.id) ?? 0) > Date.now() - FAILED_RETRY_MS) continue;
        try {
          const files = this.recorder.republish(row);
          this.failedAt.delete(row.id);
          this.search.invalidate();
          const reply = publishedReply(`The minutes of “${row.name}” are written now. `, files);
          void this.o.deliver()?.(`${row.network}:${row.room}`, reply).catch((err: unknown) => this.o.logger.warn({ err, meeting: row.id }, 'could not say the minutes are written'));
        } catch (err) {
          if (isStorageFailure(err)) throw err;
          // Not for lack of a resource: tried again less often, so the log is not flooded.
          this.failedAt.set(row.id, Date.now());
          this.o.logger.error({ err, meeting: row.id }, 'minutes could not be written; trying again in an hour');
        }
      }
    } catch (err) {
      if (isStorageFailure(err)) this.o.logger.warn({ err }, 'minutes or meeting lines still cannot be written; trying again later');
      else this.o.logger.error({ err }, 'writing kept meeting lines or minutes failed');
    }
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    if (this.retryTimer) clearInterval(this.retryTimer);
    this.timer = null;
    this.retryTimer = null;
  }

  close(): void {
    this.stop();
    this.store.close();
  }
}
