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

/**
 * Cut a list so that it fits `maxLines` rendered lines (one for the text, one for fields, one per item, the note
 * and the "… and N more" line), or `maxItems` items where the network has no line budget. Single answers and
 * inline lists are one piece and never cut here.
 */
export function paginate(reply: Reply, maxLines: number | undefined, maxItems: number, moreCommand: string): Page {
  const items = reply.items ?? [];
  if (reply.kind === 'answer' || reply.kind === 'notice' || reply.kind === 'error' || reply.layout === 'inline') return { page: reply };
  const fixed = 1 + (reply.fields?.length ? 1 : 0) + (reply.note ? 1 : 0);
  const fits = maxLines === undefined ? maxItems : Math.min(maxItems, maxLines - fixed - (reply.more ? 1 : 0));
  if (items.length <= fits) return { page: reply };
  const perPage = Math.max(1, Math.min(maxItems, maxLines === undefined ? maxItems : maxLines - fixed - 1));
  const shown = items.slice(0, perPage);
  const left = items.slice(perPage);
  return {
    page: { ...reply, items: shown, more: { count: left.length, command: moreCommand } },
    rest: { kind: reply.kind, text: reply.text.startsWith('(continued) ') ? reply.text : `(continued) ${reply.text}`, items: left, more: reply.more },
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
