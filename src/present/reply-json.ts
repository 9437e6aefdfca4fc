import { DateTime } from 'luxon';
import type { Reply } from '../core/types.js';

/** A reply for --json (and the community page's /api): times become ISO-8601 strings with an explicit offset, in the asked zone. */
export function replyJson(reply: Reply, zone: string): string {
  return JSON.stringify(
    reply,
    function (this: unknown, key, value: unknown) {
      const original = (this as Record<string, unknown>)[key];
      if (original instanceof DateTime) return original.setZone(zone).toFormat("yyyy-MM-dd'T'HH:mm:ssZZ");
      return value;
    },
    2,
  );
}
