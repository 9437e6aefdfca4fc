import { Archive, type ArchiveChange } from './archive.js';
import type { LoadWarning, Post } from './post.js';
import type { PostSource, SourceUpdate } from './sources/source.js';
import type { Logger } from '../base/log.js';
import { silentLogger } from '../base/log.js';
import { firstLine } from '../base/first-line.js';

const failedLoad = (root: string, err: unknown): SourceUpdate => ({ root, initial: true, upserted: [], removed: [], warnings: [{ file: root, reason: `could not be read: ${firstLine(err)}` }] });

export interface AppliedUpdate {
  root: string;
  initial: boolean;
  changes: ArchiveChange[];
}

type Listener = (update: AppliedUpdate) => void;

/**
 * A source's first state as an update: every post added. The changes are made when first read: a one-shot start of
 * 100,000 posts has no listener that reads them.
 */
function initialUpdate(root: string, posts: Post[]): AppliedUpdate {
  let changes: ArchiveChange[] | undefined;
  return {
    root,
    initial: true,
    get changes() {
      return (changes ??= posts.map((post) => ({ kind: 'added' as const, post })));
    },
  };
}

/** The archive kept in step with its sources: each source's updates are applied one post at a time. */
export class LiveArchive {
  readonly archive = new Archive();
  /** Current problems, by the file or feed they are about. */
  private readonly problems = new Map<string, LoadWarning>();
  private readonly listeners: Listener[] = [];
  loadedAt = new Date(0);

  constructor(
    readonly sources: PostSource[],
    private readonly logger: Logger = silentLogger(),
  ) {}

  onUpdate(listener: Listener): void {
    this.listeners.push(listener);
  }

  get warnings(): LoadWarning[] {
    return [...this.problems.values()];
  }

  /** Read every source once (the first complete state). */
  async load(): Promise<AppliedUpdate[]> {
    // A source that fails as a whole is its own warning: the others are served, and the start goes on.
    const updates = await Promise.all(this.sources.map((s) => s.load().catch((err: unknown) => failedLoad(s.root, err))));
    this.archive.replace(updates.flatMap((u) => u.upserted));
    this.problems.clear();
    for (const u of updates) this.note(u);
    this.loadedAt = new Date();
    const applied = updates.map((u) => initialUpdate(u.root, u.upserted));
    for (const a of applied) this.tell(a);
    return applied;
  }

  /** The current state as initial updates, one per source, for a listener that joins late. */
  snapshot(): AppliedUpdate[] {
    return this.sources.map((s) => ({
      root: s.root,
      initial: true,
      changes: this.archive.postsFrom(s.root).map((post) => ({ kind: 'added' as const, post })),
    }));
  }

  /** Follow every source until stop(). */
  start(): void {
    for (const source of this.sources) source.start((u) => this.apply(u));
  }

  async stop(): Promise<void> {
    await Promise.all(this.sources.map((s) => s.stop()));
  }

  /** Apply one source's update to the archive and tell the listeners what readers will see change. */
  apply(update: SourceUpdate): AppliedUpdate {
    const changes: ArchiveChange[] = [];
    for (const source of update.removed) {
      this.problems.delete(source);
      const change = this.archive.remove(source);
      if (change) changes.push(change);
    }
    for (const post of update.upserted) {
      this.problems.delete(post.source);
      const change = this.archive.upsert(post);
      if (change) changes.push(change);
    }
    this.note(update);
    for (const c of changes) this.logger.info({ source: c.post.source, title: c.post.title }, `post ${c.kind}`);
    const applied = { root: update.root, initial: update.initial, changes };
    this.tell(applied);
    return applied;
  }

  /** Each listener hears of the update; one that fails (on a post it could not read) is logged, never the source's end. */
  private tell(update: AppliedUpdate): void {
    for (const l of this.listeners) {
      try {
        l(update);
      } catch (err) {
        this.logger.error({ err, root: update.root }, 'a listener to the archive failed on an update');
      }
    }
  }

  private note(update: SourceUpdate): void {
    // A feed's problem is about the whole feed: a good poll clears it.
    if (!update.warnings.some((w) => w.file === update.root)) this.problems.delete(update.root);
    for (const w of update.warnings) {
      this.problems.set(w.file, w);
      this.logger.warn({ file: w.file, line: w.line }, w.reason);
    }
  }
}
