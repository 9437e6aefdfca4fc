import type { CommandSpec, Message, Reply } from './types.js';

/** How long the rest of a cut answer is kept for `!more`, and for how many askers at most. */
export interface MoreOptions {
  ttlMs: number;
  maxEntries: number;
  now?: () => number;
}

export const DEFAULT_MORE: MoreOptions = { ttlMs: 10 * 60_000, maxEntries: 500 };

/** The rest of each asker's last cut answer, per network, room and user (as Limnoria's `more` keeps it). */
export class MoreStore {
  private readonly entries = new Map<string, { reply: Reply; expires: number }>();
  private readonly now: () => number;

  constructor(private readonly options: MoreOptions = DEFAULT_MORE) {
    this.now = options.now ?? Date.now;
  }

  static key(message: Message): string {
    return `${message.network}\u0000${message.room}\u0000${message.user.id}`;
  }

  put(key: string, reply: Reply): void {
    this.entries.delete(key);
    this.entries.set(key, { reply, expires: this.now() + this.options.ttlMs });
    // Oldest first in a Map: drop from the front beyond the bound.
    while (this.entries.size > this.options.maxEntries) this.entries.delete(this.entries.keys().next().value!);
  }

  /** The kept rest, once; undefined when there is none or it expired. */
  take(key: string): Reply | undefined {
    const entry = this.entries.get(key);
    this.entries.delete(key);
    return entry && entry.expires > this.now() ? entry.reply : undefined;
  }

  forget(key: string): void {
    this.entries.delete(key);
  }

  get size(): number {
    return this.entries.size;
  }
}

export interface Page {
  page: Reply;
  /** What did not fit, to be shown by `!more`. */
  rest?: Reply;
}

/** Answers, reminders, errors, inline lists and the help for one command are one piece: never cut. */
export function isOnePiece(reply: Reply): boolean {
  return reply.kind === 'answer' || reply.kind === 'notice' || reply.kind === 'error' || reply.layout === 'inline' || reply.whole === true;
}

/**
 * Cut a list so that it fits `maxLines` rendered lines, or `maxItems` items where the network has no line budget.
 * The first page has the header (and a line of fields); later pages are items only, so a page holds as many as the
 * network allows. "… and N more" rides on the last item's line (see renderLines) and the closing note comes with
 * the last page, so neither eats a page's items.
 */
export function paginate(reply: Reply, maxLines: number | undefined, maxItems: number, moreCommand: string): Page {
  const items = reply.items ?? [];
  if (isOnePiece(reply)) return { page: reply };
  const header = reply.continued ? 0 : 1 + (reply.fields?.length ? 1 : 0);
  const lines = maxLines ?? Number.POSITIVE_INFINITY;
  if (items.length <= Math.min(maxItems, lines - header - (reply.note ? 1 : 0))) return { page: reply };
  // At least one item goes on with the note, which closes the last page.
  const perPage = Math.max(1, Math.min(maxItems, lines - header, items.length - 1));
  const left = items.slice(perPage);
  const later = reply.more?.count ?? 0;
  return {
    page: { ...reply, items: items.slice(0, perPage), note: undefined, more: { ...reply.more, count: left.length + later, command: moreCommand } },
    rest: { kind: reply.kind, text: '(continued)', continued: true, items: left, note: reply.note, more: reply.more, times: reply.times },
  };
}

/** `!more`: the next part of the asker's last cut answer. */
export function moreCommands(store: MoreStore): CommandSpec[] {
  return [
    {
      family: 'more',
      name: '',
      summary: 'the rest of an answer that was cut',
      handler: (ctx) =>
        store.take(MoreStore.key(ctx.message)) ?? {
          kind: 'answer',
          text: 'Nothing more to show: your last answer was complete (or is over 10 minutes old).',
        },
    },
  ];
}
