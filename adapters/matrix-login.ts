import { createClient, MatrixError, type ICreateClientOpts } from 'matrix-js-sdk';

type SdkLogger = NonNullable<ICreateClientOpts['logger']>;
import type { MatrixOptions } from './matrix-config.js';
import { withRetry, type RetryOptions } from './matrix-retry.js';
import type { MatrixSession, MatrixSessionFile } from './matrix-session.js';

export interface Credentials {
  userId: string;
  accessToken: string;
  deviceId?: string;
}

/** `@local:server` from a configured user name; a bare local part takes the homeserver's host. */
export function fullUserId(user: string, homeserverUrl: string): string {
  if (user.startsWith('@') && user.includes(':')) return user;
  return `@${user.replace(/^@/, '')}:${new URL(homeserverUrl).hostname}`;
}

/**
 * Who the bot is and the token it uses. A configured access token is checked with /whoami;
 * otherwise a token saved from an earlier password login is reused while it still works, and
 * a new login (same device id, so the account does not collect devices) is saved for next time.
 */
export async function authenticate(
  options: MatrixOptions,
  file: MatrixSessionFile,
  retry: Omit<RetryOptions, 'what'>,
  logger: SdkLogger,
): Promise<{ credentials: Credentials; session: MatrixSession }> {
  const baseUrl = options.homeserverUrl;
  const whoami = (accessToken: string) =>
    withRetry(() => createClient({ baseUrl, accessToken, logger }).whoami(), { ...retry, what: 'whoami' });

  if (options.accessToken) {
    const me = await whoami(options.accessToken);
    const saved = await file.load(baseUrl, me.user_id);
    const session: MatrixSession = { homeserverUrl: baseUrl, userId: me.user_id, deviceId: me.device_id, syncToken: saved?.syncToken };
    return { credentials: { userId: me.user_id, accessToken: options.accessToken, deviceId: me.device_id }, session };
  }

  const userId = fullUserId(options.user!, baseUrl);
  const saved = await file.load(baseUrl, userId);
  if (saved?.accessToken) {
    try {
      const me = await whoami(saved.accessToken);
      if (me.user_id === userId) {
        return { credentials: { userId, accessToken: saved.accessToken, deviceId: saved.deviceId ?? me.device_id }, session: saved };
      }
    } catch (error) {
      if (!(error instanceof MatrixError && error.httpStatus === 401)) throw error;
      retry.logger.info({ userId }, 'matrix: saved access token no longer valid, logging in again');
    }
  }
  const response = await withRetry(
    () =>
      createClient({ baseUrl, logger }).loginRequest({
        type: 'm.login.password',
        identifier: { type: 'm.id.user', user: userId },
        password: options.password!,
        device_id: saved?.deviceId,
        initial_device_display_name: options.deviceName,
      }),
    { ...retry, what: 'login' },
  );
  const session: MatrixSession = {
    homeserverUrl: baseUrl,
    userId: response.user_id,
    accessToken: response.access_token,
    deviceId: response.device_id,
    // A new login is a new device: a saved sync token of the old one still applies to the account.
    syncToken: saved?.syncToken,
  };
  await file.save(session);
  retry.logger.info({ userId: response.user_id, deviceId: response.device_id }, 'matrix: logged in with password; token saved');
  return { credentials: { userId: response.user_id, accessToken: response.access_token, deviceId: response.device_id }, session };
}
