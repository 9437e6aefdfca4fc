// irc-framework ships no types: these describe only the parts the IRC adapter uses (v4.14).
declare module 'irc-framework' {
  export interface ClientOptions {
    host: string;
    port: number;
    nick: string;
    username?: string;
    gecos?: string;
    tls?: boolean;
    rejectUnauthorized?: boolean;
    password?: string;
    account?: { account: string; password: string };
    sasl_mechanism?: 'PLAIN' | 'EXTERNAL';
    sasl_disconnect_on_fail?: boolean;
    client_certificate?: { private_key: string; certificate: string };
    auto_reconnect?: boolean;
    /** Seconds between PINGs once registered. */
    ping_interval?: number;
    /** Seconds without any data from the server before the connection counts as dead. */
    ping_timeout?: number;
    message_max_length?: number;
    enable_chghost?: boolean;
    version?: string | null;
    encoding?: string;
  }

  export interface PrivmsgEvent {
    nick: string;
    ident: string;
    hostname: string;
    target: string;
    message: string;
    account?: string;
    time?: number;
    tags: Record<string, string>;
    from_server?: boolean;
  }

  export interface JoinEvent {
    nick: string;
    ident: string;
    hostname: string;
    channel: string;
    /** With extended-join: the account, or false when logged out. */
    account?: string | false;
  }

  export interface UserlistEvent {
    channel: string;
    users: { nick: string; modes: string[] }[];
  }

  export interface WholistEvent {
    target: string;
    users: { nick: string; channel: string; account?: string }[];
  }

  export interface ModeEvent {
    target: string;
    nick: string;
    modes: { mode: string; param?: string }[];
  }

  export interface IrcErrorEvent {
    error: string;
    channel?: string;
    reason?: string;
  }

  export interface NetworkInfo {
    name: string;
    supports(feature: string): string | boolean | undefined;
    cap: { isEnabled(cap: string): boolean };
  }

  export interface EventMap {
    registered: [{ nick: string }];
    privmsg: [PrivmsgEvent];
    /** CTCP ACTION (`/me`). */
    action: [PrivmsgEvent];
    notice: [PrivmsgEvent];
    topic: [{ channel: string; topic: string; nick?: string }];
    join: [JoinEvent];
    part: [{ nick: string; channel: string }];
    kick: [{ kicked: string; channel: string; nick: string }];
    quit: [{ nick: string }];
    nick: [{ nick: string; new_nick: string }];
    account: [{ nick: string; account: string | false }];
    loggedin: [{ nick: string; account: string }];
    userlist: [UserlistEvent];
    wholist: [WholistEvent];
    mode: [ModeEvent];
    /** RPL_CHANNELMODEIS (modes), RPL_CREATIONTIME, RPL_CHANNEL_URL: only the first has `modes`. */
    'channel info': [{ channel: string; modes?: { mode: string; param?: string }[] }];
    'nick in use': [{ nick: string; reason: string }];
    'nick invalid': [{ nick: string; reason: string }];
    'sasl failed': [{ reason: string; message?: string }];
    'irc error': [IrcErrorEvent];
    'ping timeout': [];
    pong: [{ message: string }];
    raw: [{ line: string; from_server: boolean }];
    'socket close': [Error | false | undefined];
    close: [boolean];
    debug: [string];
  }

  export class Client {
    constructor(options?: Partial<ClientOptions>);
    readonly connected: boolean;
    readonly user: { nick: string };
    readonly network: NetworkInfo;
    connect(options: ClientOptions): void;
    on<K extends keyof EventMap>(event: K, listener: (...args: EventMap[K]) => void): this;
    removeAllListeners(): this;
    raw(...args: string[]): void;
    changeNick(nick: string): void;
    join(channel: string, key?: string): void;
    who(target: string): void;
    quit(message?: string): void;
    caseLower(text: string): string;
    readonly connection: { end(data?: string, hadError?: boolean): void; connected: boolean };
  }

  const _default: { Client: typeof Client };
  export default _default;
}
