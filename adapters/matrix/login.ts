import { createClient, MatrixError, type ICreateClientOpts } from 'matrix-js-sdk';

type SdkLogger = NonNullable<ICreateClientOpts['logger']>;
import type { MatrixOptions } from './config.js';
import { withRetry, type RetryOptions } from './retry.js';
import type { MatrixSession, MatrixSessionFile } from './session.js';

export interface Credentials {
  userId: string;
  accessToken: string;
  deviceId?: string;
}

/** Whether a user id is the configured user (a full MXID, or a local part on any server). */
function isConfiguredUser(userId: string, user: string): boolean {
  if (user.startsWith('@') && user.includes(':')) return userId === user;
  return userId.slice(1, userId.indexOf(':')) === user.replace(/^@/, '');
}

/** How a password login picks its device. */
export interface DeviceChoice {
  /** Log in as a new device (the old one's crypto store is lost): neither the saved token nor its device id. */
  newDevice?: boolean;
  /** The device the crypto store belongs to, used when the session file has none. */
  storedDeviceId?: string;
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
  device: DeviceChoice = {},
): Promise<{ credentials: Credentials; session: MatrixSession }> {
  const baseUrl = options.homeserverUrl;
  const whoami = (accessToken: string) =>
    withRetry(() => createClient({ baseUrl, accessToken, logger }).whoami(), { ...retry, what: 'whoami' });

  if (options.accessToken) {
    const me = await whoami(options.accessToken);
    const saved = await file.load(baseUrl, me.user_id);
    const session: MatrixSession = { homeserverUrl: baseUrl, userId: me.user_id, deviceId: me.device_id, syncToken: saved?.syncToken, sync: saved?.sync };
    return { credentials: { userId: me.user_id, accessToken: options.accessToken, deviceId: me.device_id }, session };
  }

  const user = options.user!;
  const loaded = await file.load(baseUrl);
  const saved = loaded && isConfiguredUser(loaded.userId, user) ? loaded : undefined;
  if (saved?.accessToken && !device.newDevice) {
    try {
      const me = await whoami(saved.accessToken);
      if (me.user_id === saved.userId) {
        return { credentials: { userId: me.user_id, accessToken: saved.accessToken, deviceId: saved.deviceId ?? me.device_id }, session: saved };
      }
    } catch (error) {
      if (!(error instanceof MatrixError && error.httpStatus === 401)) throw error;
      retry.logger.info({ userId: saved.userId }, 'matrix: saved access token no longer valid, logging in again');
    }
  }
  const response = await withRetry(
    () =>
      createClient({ baseUrl, logger }).loginRequest({
        type: 'm.login.password',
        // The homeserver resolves a bare local part itself.
        identifier: { type: 'm.id.user', user },
        password: options.password!,
        device_id: device.newDevice ? undefined : (saved?.deviceId ?? device.storedDeviceId),
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
    sync: saved?.sync,
  };
  await file.save(session);
  retry.logger.info({ userId: response.user_id, deviceId: response.device_id }, 'matrix: logged in with password; token saved');
  return { credentials: { userId: response.user_id, accessToken: response.access_token, deviceId: response.device_id }, session };
}
