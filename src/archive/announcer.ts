import { handOver, type Deliver } from '../core/handoff.js';
import { settle, type Settled } from '../delivery/claim-ledger.js';
import type { Reply } from '../core/types.js';
import type { Logger } from '../base/log.js';
import { silentLogger } from '../base/log.js';
import { stateFailure } from '../base/state-files.js';
import { postIdentity } from './archive.js';
import type { AnnounceStore } from './announce-store.js';
import type { AppliedUpdate } from './live-archive.js';
import { postMillis, type Post } from './post.js';
import { dateTimeText } from '../present/time.js';

/** What the log says of each end of a hand-over (the ledger records it: src/delivery/claim-ledger.ts). */
const SAID: Record<Settled, { level: 'info' | 'error'; text: string } | null> = {
  sent: { level: 'info', text: 'post announced' },
  skipped: null,
  failed: { level: 'error', text: 'announcement could not be delivered' },
  refused: { level: 'error', text: 'announcement could not be delivered' },
  aborted: { level: 'info', text: 'announcement not sent before the stop; it is sent at the next start' },
};

/** Posts checked between two turns of the event loop. */
const YIELD_EVERY = 500;

export type { Deliver } from '../core/handoff.js';

export interface AnnounceTargets {
  /** Where every new post is announced. */
  posts: string[];
  /** Where new interviews are announced (instead of the post message, where a target is in both lists). */
  interviews: string[];
}

function announcement(post: Post, interview: boolean): Reply {
  const who = post.person ? ` with ${post.person}` : '';
  const text = interview ? `New interview${who}: ${post.title}` : `New on the blog: ${post.title} (by ${post.author})`;
  return {
    kind: 'notice',
    text,
    link: post.url,
    items: [{ title: post.title, link: post.url, meta: `${dateTimeText(post.date, 'UTC')} by ${post.author}`, summary: post.summary || undefined, when: post.date }],
  };
}

/**
 * Announces new posts (and, separately, new interviews) into channels, once each: claimed in the store at the instant
 * an adapter hands it to a live connection, so neither a restart nor a re-poll announces it again, and one still
 * queued when the bot stops or dies is announced at the next start. A first start stays quiet about the back catalogue.
 */
export class Announcer {
  private queue: Promise<void> = Promise.resolve();
  private halted = false;

  constructor(
    private readonly store: AnnounceStore,
    private readonly targets: AnnounceTargets,
    private readonly deliver: Deliver,
    private readonly logger: Logger = silentLogger(),
    private readonly now: () => Date = () => new Date(),
    /** Told each outcome (sent, failed), for metrics. */
    private readonly count: (outcome: 'sent' | 'failed') => void = () => {},
  ) {
    for (const u of store.ledger.unfinished()) {
      this.logger.warn({ target: u.target, title: u.note }, 'an announcement was interrupted by a stop while it was being written; it is not sent again');
      store.ledger.mark(u.key, u.target, 'failed', this.now().getTime());
    }
  }

  /** Queue an archive update; announcements go out one at a time, in order. */
  handle(update: AppliedUpdate): Promise<void> {
    this.queue = this.queue.then(() => this.process(update)).catch((err: unknown) => {
      const state = stateFailure(this.store.file, err, 'the record of posts announced (recent posts could be announced again)');
      if (state) this.logger.error(`announcing failed: ${state}`);
      else this.logger.error({ err }, 'announcing failed');
    });
    return this.queue;
  }

  /** Wait for everything queued so far. */
  idle(): Promise<void> {
    return this.queue;
  }

  /** Hand over nothing more: what is not announced yet (or only queued in an adapter) is announced at the next start. */
  halt(): void {
    this.halted = true;
  }

  private async process(update: AppliedUpdate): Promise<void> {
    if (this.halted) return;
    const added = update.changes.filter((c) => c.kind === 'added').map((c) => c.post);
    if (update.initial && this.store.firstSight(update.root, this.now())) {
      this.store.baselineAll(added.map((post) => ({ identity: postIdentity(post), title: post.title })), this.now());
      this.logger.info({ source: update.root, posts: added.length }, 'new source: its existing posts are not announced');
      return;
    }
    let checked = 0;
    for (const post of added.sort((a, b) => postMillis(a) - postMillis(b))) {
      if (this.halted) return;
      if (!this.store.known(postIdentity(post))) await this.announce(post);
      // At start-up the whole archive is checked: let the commands that arrive meanwhile be answered.
      else if (++checked % YIELD_EVERY === 0) await new Promise((resolve) => setImmediate(resolve));
    }
  }

  private async announce(post: Post): Promise<void> {
    const identity = postIdentity(post);
    const interview = post.kinds.includes('interview');
    const interviewTargets = interview ? this.targets.interviews : [];
    const plan = [
      ...interviewTargets.map((target) => ({ target, interview: true })),
      ...this.targets.posts.filter((t) => !interviewTargets.includes(t)).map((target) => ({ target, interview: false })),
    ];
    let settled = true;
    for (const { target, interview: asInterview } of plan) {
      if (this.halted) {
        settled = false;
        break;
      }
      const reply = announcement(post, asInterview);
      const claim = () => (this.store.ledger.claim(identity, target, this.now().getTime(), null, post.title) ? reply : null);
      const result = await handOver(this.deliver, target, reply, claim, {});
      const outcome = settle(this.store.ledger, { key: identity, target, due: null, note: post.title }, result, this.now().getTime());
      const said = SAID[outcome];
      if (said) this.logger[said.level]({ target, title: post.title, ...('error' in result ? { err: result.error } : {}) }, outcome === 'sent' && asInterview ? 'interview announced' : said.text);
      if (outcome === 'sent') this.count('sent');
      if (outcome === 'failed' || outcome === 'refused') this.count('failed');
      // Not handed over before the stop: announced at the next start, so not yet known.
      if (outcome === 'aborted') settled = false;
    }
    // Known (never announced again) only once every target has had its turn.
    if (settled) this.store.baseline(identity, post.title, this.now());
  }
}
