import { bytesText } from '../limits.js';

export interface BoundedFetchOptions {
  headers: Record<string, string>;
  /** Ends the whole exchange (redirects and body included). */
  signal: AbortSignal;
  maxBytes: number;
  maxRedirects: number;
}

export interface BoundedResponse {
  status: number;
  headers: Headers;
  /** The body as text; empty for a 304. */
  text: string;
  /** Where the answer finally came from. */
  url: string;
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);

/** Problems of a feed host's making, said as such (never a bug of the bot's). */
export class FetchLimitError extends Error {}

/**
 * A GET whose redirects are followed by hand (at most `maxRedirects`, http(s) only) and whose body is read chunk by chunk
 * and given up as soon as it passes `maxBytes`: a host streaming an endless feed costs the bot `maxBytes` of memory, not
 * all it has.
 */
export async function boundedFetch(url: string, options: BoundedFetchOptions): Promise<BoundedResponse> {
  let current = url;
  for (let hop = 0; ; hop++) {
    const response = await fetch(current, { headers: options.headers, signal: options.signal, redirect: 'manual' });
    if (REDIRECTS.has(response.status)) {
      await response.body?.cancel();
      const location = response.headers.get('location');
      if (!location) throw new FetchLimitError(`HTTP ${response.status} without a Location`);
      if (hop >= options.maxRedirects) throw new FetchLimitError(`more than ${options.maxRedirects} redirects (last to ${location}); a redirect loop? Its posts from before are kept`);
      const next = new URL(location, current);
      if (next.protocol !== 'http:' && next.protocol !== 'https:') throw new FetchLimitError(`redirected to a ${next.protocol} address; only http(s) is followed`);
      current = next.href;
      continue;
    }
    if (response.status === 304 || !response.ok) {
      await response.body?.cancel();
      return { status: response.status, headers: response.headers, text: '', url: current };
    }
    const declared = Number(response.headers.get('content-length') ?? NaN);
    if (declared > options.maxBytes) {
      await response.body?.cancel();
      throw new FetchLimitError(`the feed is ${bytesText(declared)}, over the limit of ${bytesText(options.maxBytes)} (RDOBOT_FEED_MAX_BYTES); not read, its posts from before are kept`);
    }
    return { status: response.status, headers: response.headers, text: await readCapped(response, options.maxBytes), url: current };
  }
}

async function readCapped(response: Response, maxBytes: number): Promise<string> {
  if (!response.body) return '';
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      throw new FetchLimitError(`the feed passed the limit of ${bytesText(maxBytes)} (RDOBOT_FEED_MAX_BYTES); cut off, its posts from before are kept`);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}
