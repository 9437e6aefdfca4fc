import { createHmac } from 'node:crypto';

export const SIGNING_SECRET = 'e3b0c44298fc1c149afbf4c8996fb924';

/** Slack's v0 request signature: HMAC-SHA256 over `v0:<timestamp>:<raw body>`, hex, prefixed `v0=`. */
export function slackSignature(secret: string, timestamp: number, body: string): string {
  return `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
}

export interface SignedRequest {
  /** Signing secret to sign with (a wrong one forges the request). */
  secret?: string;
  /** Unix seconds; older than five minutes is stale. Default: now. */
  timestamp?: number;
  /** Sent as X-Slack-Retry-Num (and a retry reason), as Slack does when it redelivers. */
  retryNum?: number;
  /** Replace the signature outright (forgery, or none at all with ''). */
  signature?: string;
}

export interface Answer {
  status: number;
  body: string;
  /** Milliseconds from sending to the response. */
  ms: number;
}

/** POST a body to the receiver the way Slack does, signed with the v0 scheme. */
export async function postSigned(url: string, body: string, contentType: string, request: SignedRequest = {}): Promise<Answer> {
  const timestamp = request.timestamp ?? Math.floor(Date.now() / 1000);
  const headers: Record<string, string> = {
    'content-type': contentType,
    'x-slack-request-timestamp': String(timestamp),
    'x-slack-signature': request.signature ?? slackSignature(request.secret ?? SIGNING_SECRET, timestamp, body),
    'user-agent': 'Slackbot 1.0 (+https://api.slack.com/robots)',
  };
  if (request.retryNum !== undefined) {
    headers['x-slack-retry-num'] = String(request.retryNum);
    headers['x-slack-retry-reason'] = 'http_timeout';
  }
  const started = Date.now();
  const response = await fetch(url, { method: 'POST', headers, body, signal: AbortSignal.timeout(10_000) });
  return { status: response.status, body: await response.text(), ms: Date.now() - started };
}

export interface SlashCommand {
  command: string;
  text: string;
  response_url: string;
  trigger_id: string;
  user_id?: string;
  user_name?: string;
  channel_id?: string;
  channel_name?: string;
  team_id?: string;
}

/** A slash command as Slack posts it: form-encoded. */
export function slashCommandBody(command: SlashCommand): string {
  return new URLSearchParams({
    token: 'legacy-verification-token',
    team_id: 'T0RDO',
    team_domain: 'rdo',
    channel_id: 'C0RDO',
    channel_name: 'rdo',
    user_id: 'U0ALICE',
    user_name: 'alice',
    api_app_id: 'A0RDOBOT',
    is_enterprise_install: 'false',
    ...command,
  }).toString();
}

/** An Events API callback as Slack posts it: JSON around the event. */
export function eventBody(event: Record<string, unknown>, eventId: string, team = 'T0RDO'): string {
  return JSON.stringify({
    token: 'legacy-verification-token',
    team_id: team,
    api_app_id: 'A0RDOBOT',
    event,
    type: 'event_callback',
    event_id: eventId,
    event_time: Math.floor(Date.now() / 1000),
    authorizations: [{ team_id: team, user_id: 'U0BOT', is_bot: true, is_enterprise_install: false }],
    is_ext_shared_channel: false,
    event_context: `4-${eventId}`,
  });
}
