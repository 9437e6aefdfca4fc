import type { Handoff, Reply } from './types.js';

// The Handoff type lives with the Adapter that calls it (types.ts), so that types.ts imports nothing back from here.
export type { Handoff } from './types.js';

/** The adapter stopped before it handed the message over: nothing was claimed, and it is due again at the next start. */
export class SendAborted extends Error {
  constructor(message = 'stopped before the message could be sent') {
    super(message);
    this.name = 'SendAborted';
  }
}

/** Hand a reply to a network room: `irc:#rdo`, `matrix:!room:server`, `slack:C123`; with a handoff, claimed at hand-over. */
export type Deliver = (target: string, reply: Reply, handoff?: Handoff) => Promise<void>;

/**
 * How a hand-over ended, for the owner of the promise to record:
 * - sent: claimed and handed to the network;
 * - skipped: the claim was declined (taken before, or too late), nothing sent;
 * - failed: claimed, then the network failed: what the channel saw is unknown, so it is not sent again;
 * - aborted: the adapter stopped first; not claimed, due again at the next start;
 * - refused: it could not be handed over at all (no such adapter, a muted or encrypted room); not claimed.
 */
export type HandoffResult =
  | { outcome: 'sent' | 'skipped' }
  | { outcome: 'failed' | 'aborted' | 'refused'; error: unknown };

/** Deliver `reply` as a promised message; `claim` takes the promise (and may refresh the reply) at the instant of hand-over. */
export async function handOver<H extends object>(
  deliver: (target: string, reply: Reply, handoff: H & Handoff) => Promise<void>,
  target: string,
  reply: Reply,
  claim: () => Reply | null,
  extra: H,
): Promise<HandoffResult> {
  // Set by the adapter's call to claim(), which the compiler cannot see happen.
  const claimed: { state: 'waiting' | 'claimed' | 'declined' } = { state: 'waiting' };
  const handoff = {
    ...extra,
    claim: () => {
      if (claimed.state !== 'waiting') return null;
      const fresh = claim();
      claimed.state = fresh ? 'claimed' : 'declined';
      return fresh;
    },
  };
  try {
    await deliver(target, reply, handoff);
  } catch (error) {
    if (claimed.state === 'claimed') return { outcome: 'failed', error };
    if (claimed.state === 'declined') return { outcome: 'skipped' };
    return { outcome: error instanceof SendAborted ? 'aborted' : 'refused', error };
  }
  if (claimed.state === 'claimed') return { outcome: 'sent' };
  if (claimed.state === 'declined') return { outcome: 'skipped' };
  // An adapter that ignored the handoff: it may have sent the message unclaimed. Say so loudly, never resend.
  return { outcome: 'refused', error: new Error(`the adapter for ${target} returned without claiming the message`) };
}
