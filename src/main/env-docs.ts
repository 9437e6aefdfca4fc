import { NETWORKS } from '../../adapters/index.js';
/**
 * What .env.example says about each setting: the words, grouped as the file groups them, and for a setting without a
 * default in the code an example value. Defaults are not written here: src/main/env-example.ts reads them from the
 * settings schemas (src/config/env-schema.ts and each network's), so the file cannot say one the code does not have.
 * `npm run env:example` writes the file; test/config/env-example.test.ts fails when it and the code drift apart.
 */

export interface EnvBlock {
  /** Comment lines above the settings (without '# '). */
  notes: string[];
  /** Each setting, with the value shown when the code has no default for it (an example). */
  keys: [key: string, example: string][];
}

export interface EnvDocSection {
  title: string;
  blocks: EnvBlock[];
}

/** The file's opening comment (without '# '). */
export const ENV_PREAMBLE: string[] = ["rdobot configuration. Copy to .env and edit; every setting is optional unless marked required.", "Environment variables win over .env; a YAML file (RDOBOT_CONFIG) may add channels, archive paths and meetings.", "Values with '#' (channels, rooms) are quoted here: most .env readers take an unquoted '#' as a comment. rdobot", "itself reads IRC_CHANNELS=#rdo as written (a '#' starts a comment only after a space), and strips the quotes", "that `docker run --env-file` would otherwise keep."];

export const ENV_DOCS: EnvDocSection[] = [
  {
    title: "Core",
    blocks: [
      {
        notes: [`Which adapters to start, comma-separated: ${NETWORKS.map((n) => n.name).join(', ')}. Default: shell (this terminal).`],
        keys: [["RDOBOT_ADAPTERS", "shell"]],
      },
      {
        notes: ["Where the data is. With none of RDOBOT_ARCHIVE, RDOBOT_EVENTS, RDOBOT_MEETINGS, RDOBOT_FEEDS or RDOBOT_CONFIG set,", "the built-in sample archive (examples/) is served, and the bot says so at start and in !about. Once any of them is", "set, nothing from examples/ is loaded: an unset one is simply empty.", "Post directories (Middleman *.html.md with YAML front matter), comma-separated."],
        keys: [["RDOBOT_ARCHIVE", "/srv/rdo-website/source/blog"]],
      },
      {
        notes: ["Events YAML directories (test days, doc days)."],
        keys: [["RDOBOT_EVENTS", "/srv/rdo-website/data/events"]],
      },
      {
        notes: ["Meeting definition directories (OpenStack irc-meetings YAML)."],
        keys: [["RDOBOT_MEETINGS", "/srv/irc-meetings/meetings"]],
      },
      {
        notes: ["Where state is kept (reminder store, sync tokens, sessions). Default: ./data"],
        keys: [["RDOBOT_DATA_DIR", "data"]],
      },
      {
        notes: ["Minutes of meetings run in channels (#startmeeting): where the public ones are written, for a web server to serve", "(directories 0755, files 0644). Default: RDOBOT_DATA_DIR/meetings (a web server can read it only if it may enter the", "data directory, which is 0700: set this to a directory outside it instead)."],
        keys: [["RDOBOT_MINUTES_DIR", "/srv/www/meetings"]],
      },
      {
        notes: ["Minutes of a private room (an IRC channel +k/+i/+s/+p, a Matrix room not open to all, a Slack private channel or DM)", "are kept under RDOBOT_DATA_DIR/meetings-private, never served, and shown by !minutes/!actions only in that room.", "Rooms listed here (network:room, comma-separated) are published like public ones all the same."],
        keys: [["RDOBOT_MINUTES_PUBLISH_PRIVATE", "'irc:#rdo-board'"]],
      },
      {
        notes: ["A meeting with no line for this long is closed with a note. Default: 4h"],
        keys: [["RDOBOT_MEETING_CLOSE_AFTER", "4h"]],
      },
      {
        notes: ["How long before the next occurrence of a scheduled meeting owners hear of their open action items. Default: 1d"],
        keys: [["RDOBOT_MEETING_ACTION_LEAD", "1d"]],
      },
      {
        notes: ["Command prefix, 1 to 3 punctuation characters. Default: !"],
        keys: [["RDOBOT_PREFIX", "!"]],
      },
      {
        notes: ["The bot's name: users address it as \"rdobot: help\". Default: rdobot"],
        keys: [["RDOBOT_NICK", "rdobot"]],
      },
      {
        notes: ["Site root for post links, and the path pattern (:year :month :day :slug)."],
        keys: [["RDOBOT_BASE_URL", "https://www.rdoproject.org"], ["RDOBOT_PERMALINK", "/blog/:year/:month/:slug/"]],
      },
      {
        notes: ["Zone for times in replies when the asker gives no --tz: an IANA name (Europe/Paris), UTC, or an abbreviation from", "the README's table (BST = Europe/London, IST = Asia/Kolkata; CST is refused as ambiguous). Default: UTC"],
        keys: [["RDOBOT_TIMEZONE", "UTC"]],
      },
      {
        notes: ["Admins by verified network identity, comma-separated: irc:<services account>, matrix:@user:server,", "slack:<team>/<user id>, shell:* (the terminal). Admin commands are refused to everyone else."],
        keys: [["RDOBOT_ADMINS", "irc:rbowen,matrix:@rbowen:matrix.org"]],
      },
      {
        notes: ["Identities never answered, comma-separated (same form as RDOBOT_ADMINS)."],
        keys: [["RDOBOT_IGNORE", "irc:someotherbot"]],
      },
      {
        notes: ["true: when another rdobot holds RDOBOT_DATA_DIR, wait and take over when it exits, instead of refusing to start."],
        keys: [["RDOBOT_STANDBY", "false"]],
      },
      {
        notes: ["HTTP endpoint (the community page at /, /api/..., /healthz, /metrics, /calendar.ics, Slack receiver). Port: off, 0 (any", "free port) or a number; default 8080 when a network adapter runs, off in shell-only mode. Host default: 127.0.0.1", "(loopback only: put a TLS reverse proxy in front to publish the page)."],
        keys: [["HTTP_HOST", "127.0.0.1"], ["HTTP_PORT", "8080"]],
      },
      {
        notes: ["The address people reach the endpoint at through the proxy: for the page's webcal:// subscribe link (without it the", "link is built from the request's Host header) and for the feed addresses !calendar gives (<url>/calendar.ics and", "<url>/calendar.ics?meeting=<id>; without it !calendar says the feed is not published)."],
        keys: [["HTTP_PUBLIC_URL", "https://rdobot.example.org/"]],
      },
      {
        notes: ["/metrics: on (default) or off; with a token (16 characters or more) it asks for `Authorization: Bearer <token>`.", "The Docker image sets HTTP_METRICS=off. See docs/limits-and-safety.md."],
        keys: [["HTTP_METRICS", "on"], ["HTTP_METRICS_TOKEN", ""]],
      },
      {
        notes: ["Abuse limits: a burst and a refill time (5/6s = 5 commands at once, then one every 6 s), or off.", "Defaults: 10/2s per user (and per private conversation), 30/1s per channel; a line costs one command per 160", "characters. The limits are checked before the line is parsed. Also `rate: {user: ..., channel: ...}` or", "`rate: off` in RDOBOT_CONFIG; the environment wins key by key."],
        keys: [["RDOBOT_RATE_USER", "10/2s"], ["RDOBOT_RATE_CHANNEL", "30/1s"]],
      },
      {
        notes: ["The operator at the bot's own terminal (shell adapter, rdobot ask) is not limited; on holds them to the limits above."],
        keys: [["RDOBOT_RATE_SHELL", "off"]],
      },
      {
        notes: ["Cache of parsed posts (RDOBOT_DATA_DIR/cache/posts.sqlite; for rdobot ask without RDOBOT_DATA_DIR, a private directory", "under the system's temporary one). off reads and parses every post file at every start. Default: on"],
        keys: [["RDOBOT_CACHE", "on"]],
      },
      {
        notes: ["fatal, error, warn, info, debug, trace or silent. Default: info. Commands typed at the bot's own terminal are logged at debug."],
        keys: [["LOG_LEVEL", "info"]],
      },
      {
        notes: ["RSS 2.0 / Atom feeds to follow, comma-separated, and how often to poll them (30s, 15m, 1h). Default interval: 15m"],
        keys: [["RDOBOT_FEEDS", "https://blogs.rdoproject.org/feed/"], ["RDOBOT_FEED_INTERVAL", "15m"]],
      },
      {
        notes: ["Caps on what is taken from the sources (docs/limits-and-safety.md); over a cap the file or feed is skipped or cut", "with a warning naming it, and the rest loads. Sizes take kB/MB."],
        keys: [["RDOBOT_FEED_MAX_BYTES", "5MB"], ["RDOBOT_FEED_MAX_ITEMS", "200"], ["RDOBOT_FEED_MAX_REDIRECTS", "5"], ["RDOBOT_POST_MAX_BYTES", "1MB"], ["RDOBOT_DEFINITION_MAX_BYTES", "1MB"], ["RDOBOT_MEETING_MAX_SCHEDULES", "50"], ["RDOBOT_EVENTS_MAX_TALKS", "2000"]],
      },
      {
        notes: ["Entries of the archive, meetings and events directories (symlinks, also in git sources) that lead outside them are", "skipped with a warning; on follows them."],
        keys: [["RDOBOT_ALLOW_OUTSIDE_LINKS", "off"]],
      },
      {
        notes: ["Where new posts and new interviews are announced, comma-separated targets (also `announce:` in RDOBOT_CONFIG)."],
        keys: [["RDOBOT_ANNOUNCE_POSTS", "'irc:#rdo'"], ["RDOBOT_ANNOUNCE_INTERVIEWS", "'irc:#rdo,slack:C0123456'"]],
      },
      {
        notes: ["Optional YAML file with lists and inline meetings (archive:, events:, meetings_dirs:, meetings:, sources:, announce:, reminders:,", "classify: rules that extend how interviews and announcements are recognised ...)."],
        keys: [["RDOBOT_CONFIG", "rdobot.yml"]],
      },
    ],
  },
  {
    title: "IRC",
    blocks: [
      {
        notes: ["Used when RDOBOT_ADAPTERS includes irc. Only IRC_HOST is required; the rest shows the defaults."],
        keys: [["IRC_HOST", "irc.oftc.net"]],
      },
      {
        notes: ["TLS is on by default (port 6697) and the server's certificate is verified; IRC_TLS=false uses port 6667."],
        keys: [["IRC_TLS", "true"], ["IRC_TLS_VERIFY", "true"], ["IRC_PORT", "6697"]],
      },
      {
        notes: ["Nick (default RDOBOT_NICK, else rdobot) and the ones tried in order when it is taken (default rdobot_,rdobot__,rdobot-bot).", "On a fallback nick the bot takes its own back as soon as it is free."],
        keys: [["IRC_NICK", "rdobot"], ["IRC_NICK_FALLBACKS", "rdobot_,rdobot__"], ["IRC_USERNAME", "rdobot"], ["IRC_REALNAME", "rdobot, the RDO community bot"]],
      },
      {
        notes: ["Server password (PASS), if the server wants one."],
        keys: [["IRC_SERVER_PASS", ""]],
      },
      {
        notes: ["Channels, comma-separated; a channel with a key is followed by a space and the key."],
        keys: [["IRC_CHANNELS", "'#rdo,#rdo-team sesame'"]],
      },
      {
        notes: ["Log in to services with SASL PLAIN (preferred) ..."],
        keys: [["IRC_SASL_USER", "rdobot"], ["IRC_SASL_PASS", ""]],
      },
      {
        notes: ["... or SASL EXTERNAL with a client certificate (CertFP): PEM files. EXTERNAL is used when a certificate is given without IRC_SASL_USER."],
        keys: [["IRC_SASL_MECHANISM", "EXTERNAL"], ["IRC_CLIENT_CERT", "/etc/rdobot/irc-cert.pem"], ["IRC_CLIENT_KEY", "/etc/rdobot/irc-key.pem"]],
      },
      {
        notes: ["... or, without SASL, \"IDENTIFY <password>\" to NickServ after connecting."],
        keys: [["IRC_NICKSERV_PASS", ""], ["IRC_NICKSERV_NICK", "NickServ"]],
      },
      {
        notes: ["Answers in channels and queries as PRIVMSG (default) or NOTICE; titles in IRC bold (true/false)."],
        keys: [["IRC_REPLY_WITH", "privmsg"], ["IRC_BOLD", "true"]],
      },
      {
        notes: ["Most lines of one answer in a channel, and in a private query (at least as many). A longer list is cut: the last", "line says \"… and N more (!more shows them)\", and !more shows the next lines (kept 10 minutes per user and channel)."],
        keys: [["IRC_MAX_LINES", "4"], ["IRC_PRIVATE_MAX_LINES", "15"]],
      },
      {
        notes: ["Outbound flood control: up to IRC_FLOOD_BURST lines at once, then one every IRC_FLOOD_INTERVAL_MS."],
        keys: [["IRC_FLOOD_BURST", "4"], ["IRC_FLOOD_INTERVAL_MS", "1000"]],
      },
      {
        notes: ["Dead-connection detection: PING every IRC_PING_INTERVAL_MS; nothing from the server for IRC_PING_TIMEOUT_MS = reconnect."],
        keys: [["IRC_PING_INTERVAL_MS", "30000"], ["IRC_PING_TIMEOUT_MS", "90000"]],
      },
      {
        notes: ["Reconnect backoff: doubling from the minimum to the maximum, with jitter."],
        keys: [["IRC_RECONNECT_MIN_MS", "1000"], ["IRC_RECONNECT_MAX_MS", "300000"], ["IRC_QUIT_MESSAGE", "rdobot shutting down"]],
      },
      {
        notes: ["Most lines waiting in the send queue: beyond it, meeting acknowledgements are dropped first (never the minutes'", "addresses or reminders, which are refused only past four times this)."],
        keys: [["IRC_QUEUE_LINES", "200"]],
      },
      {
        notes: ["A meeting's #topic becomes the channel topic, put back at #endmeeting (the bot needs the right to set the topic)."],
        keys: [["IRC_MEETING_TOPIC", "false"]],
      },
    ],
  },
  {
    title: "Slack",
    blocks: [
      {
        notes: ["Used when RDOBOT_ADAPTERS includes slack. Install the app from examples/slack-manifest.yml (see README, \"Slack\").", "Bot token from \"OAuth & Permissions\" (required for slack)."],
        keys: [["SLACK_BOT_TOKEN", "xoxb-..."]],
      },
      {
        notes: ["HTTP receiver (Events API, slash commands, interactivity on one URL): the signing secret from \"Basic Information\".", "Every request's v0 signature is checked and requests older than 5 minutes are refused; this cannot be turned off."],
        keys: [["SLACK_SIGNING_SECRET", ""]],
      },
      {
        notes: ["Where the receiver listens. Slack needs public HTTPS: put it behind your TLS reverse proxy (or set 0.0.0.0).", "Without SLACK_PORT the receiver shares the bot's HTTP endpoint (HTTP_PORT) under SLACK_PATH; with it, it listens on its own."],
        keys: [["SLACK_HOST", "127.0.0.1"], ["SLACK_PORT", "3000"]],
      },
      {
        notes: ["Request URL path to give Slack (https://your.host/slack/events)."],
        keys: [["SLACK_PATH", "/slack/events"]],
      },
      {
        notes: ["Socket Mode instead (no public URL needed): an app-level token with connections:write. Setting it selects Socket Mode", "unless SLACK_MODE says otherwise."],
        keys: [["SLACK_APP_TOKEN", "xapp-..."], ["SLACK_MODE", "http"]],
      },
      {
        notes: ["Web API base URL (a self-hosted proxy; tests use a local stand-in)."],
        keys: [["SLACK_API_URL", "https://slack.com/api/"]],
      },
      {
        notes: ["The main slash command, and families that get a slash command of their own (/interview latest)."],
        keys: [["SLACK_COMMAND", "/rdo"], ["SLACK_FAMILY_COMMANDS", "interview"]],
      },
      {
        notes: ["true: slash-command answers go to the whole channel unless \"private\" is asked; default false (only the asker sees them)."],
        keys: [["SLACK_PUBLIC", "false"]],
      },
      {
        notes: ["Web API retries of one call (429 waits its Retry-After; 5xx and network errors back off) before a send fails."],
        keys: [["SLACK_SEND_RETRIES", "10"]],
      },
    ],
  },
  {
    title: "Matrix",
    blocks: [
      {
        notes: ["Used when RDOBOT_ADAPTERS includes matrix.", "Homeserver base URL (required for matrix)."],
        keys: [["MATRIX_HOMESERVER_URL", "https://matrix.example.org"]],
      },
      {
        notes: ["Access token of the bot account (preferred). Or leave it empty and set MATRIX_USER and MATRIX_PASSWORD:", "the bot logs in once and keeps the token and device id in RDOBOT_DATA_DIR/matrix/."],
        keys: [["MATRIX_ACCESS_TOKEN", ""], ["MATRIX_USER", "@rdobot:example.org"], ["MATRIX_PASSWORD", ""]],
      },
      {
        notes: ["Rooms to join at start: comma-separated ids (!abc:example.org) or aliases (#rdo:example.org)."],
        keys: [["MATRIX_ROOMS", "'#rdo:example.org'"]],
      },
      {
        notes: ["Who may invite the bot into a room or a direct message: users (@u:server) and whole servers (example.org),", "comma-separated; others are declined, and the log names the setting that would let them in.", "Default (empty): users of the bot's own homeserver. `none`: decline every invite."],
        keys: [["MATRIX_INVITE_ALLOW", "@rbowen:matrix.org,rdoproject.org"]],
      },
      {
        notes: ["Room power level that counts as channel operator (0-100)."],
        keys: [["MATRIX_OPERATOR_POWER", "50"]],
      },
      {
        notes: ["/sync long-poll length in ms."],
        keys: [["MATRIX_POLL_TIMEOUT_MS", "30000"]],
      },
      {
        notes: ["How long to keep retrying one message (rate limits, homeserver down) before giving up, in ms."],
        keys: [["MATRIX_SEND_GIVE_UP_MS", "120000"]],
      },
      {
        notes: ["Device name shown in the account's session list after a password login."],
        keys: [["MATRIX_DEVICE_NAME", "rdobot"]],
      },
      {
        notes: ["End-to-end encryption (true/false): the bot reads and answers encrypted rooms and DMs. Its device's crypto store is", "RDOBOT_DATA_DIR/matrix/crypto-store.bin (0600): back it up with matrix-session.json. If it is lost, a password login", "becomes a new device (and says so); with only a token, encryption stays off until it is restored or a new token is", "made. With MATRIX_PASSWORD (also next to a token) the bot cross-signs its device once, so clients that exclude", "unverified devices share keys with it. See docs/networks/matrix.md."],
        keys: [["MATRIX_E2EE", "true"]],
      },
      {
        notes: ["Optional passphrase (16+ characters) that encrypts the crypto store at rest (AES-256-GCM). Without it the store", "cannot be opened: keep it safe, outside the data dir."],
        keys: [["MATRIX_CRYPTO_KEY", ""]],
      },
      {
        notes: ["Optional: the account's recovery key (secret storage). The bot then signs its device with the account's existing", "cross-signing keys instead of making new ones with MATRIX_PASSWORD."],
        keys: [["MATRIX_RECOVERY_KEY", ""]],
      },
    ],
  },
  {
    title: "Scheduler",
    blocks: [
      {
        notes: ["Channels that get every meeting and test-day reminder (comma list of network:room). Channels can also opt in with", "\"!meeting remind on\". The YAML config's reminders: section can say more (which meetings, per-meeting lead times)."],
        keys: [["RDOBOT_REMINDER_TARGETS", "'irc:#rdo,matrix:!abc:example.org,slack:C123'"]],
      },
      {
        notes: ["Lead times before a meeting (largest first is not required)."],
        keys: [["RDOBOT_REMINDER_LEADS", "1d,15m"]],
      },
      {
        notes: ["Lead times before a test day; 0m = at the start."],
        keys: [["RDOBOT_TESTDAY_LEADS", "1d,0m"]],
      },
      {
        notes: ["A reminder found this late (after a restart or a clock jump) is still sent; older ones are dropped and logged."],
        keys: [["RDOBOT_REMINDER_GRACE", "10m"]],
      },
      {
        notes: ["exactly-once: a reminder interrupted by a crash between hand-over and confirmation is not resent. at-least-once: it is."],
        keys: [["RDOBOT_REMINDER_DELIVERY", "exactly-once"]],
      },
      {
        notes: ["Weekly digest (what !week says) posted into these channels once a week, at a local weekday and time in a zone.", "Off unless targets are set. The YAML config's digest: section ({targets, at, timezone}) says the same."],
        keys: [["RDOBOT_DIGEST_TARGETS", "'irc:#rdo,slack:C123'"]],
      },
      {
        notes: ["Default: Monday 09:00"],
        keys: [["RDOBOT_DIGEST_AT", "Monday 09:00"]],
      },
      {
        notes: ["Default: RDOBOT_TIMEZONE"],
        keys: [["RDOBOT_DIGEST_TIMEZONE", "Europe/Paris"]],
      },
    ],
  },
  {
    title: "Plugins",
    blocks: [
      {
        notes: ["Plugins to load at start, in order, comma-separated: folders (absolute or relative to the working directory) or the", "names of packages installed with npm (see docs/plugins.md). One that cannot be loaded is left out with a log line.", "`rdobot plugins` shows what would be loaded."],
        keys: [["RDOBOT_PLUGINS", "./plugins/hello,rdobot-plugin-release-names"]],
      },
      {
        notes: ["Where `npm install` put plugin packages (the folder it was run in); packages installed beside rdobot are found too."],
        keys: [["RDOBOT_PLUGIN_DIR", "/srv/rdobot-plugins"]],
      },
      {
        notes: ["How long a plugin's command may take before it is answered as stopped. Default: 5s"],
        keys: [["RDOBOT_PLUGIN_TIMEOUT", "5s"]],
      },
      {
        notes: ["Each plugin's settings: RDOBOT_PLUGIN_<NAME>_<SETTING>, the plugin's name uppercased with '-' as '_'", "(RDOBOT_PLUGIN_RELEASE_NAMES_MORE), or the config file's plugins: section (plugins: {release-names: {more: [...]}})."],
        keys: [],
      },
    ],
  },
];
