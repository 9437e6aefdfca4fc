import { parseEnv } from 'node:util';
import { ConfigError } from './errors.js';

/**
 * `.env` files as people write them. Node's parser (like most dotenv parsers) starts a comment at any `#`, so
 * `IRC_CHANNELS=#rdo` would read as an empty list and `RDOBOT_ANNOUNCE_POSTS=irc:#rdo` as `irc:`. Here, as in a
 * shell, `#` starts a comment only at the start of a line or after a space: unquoted values that contain one are
 * quoted before node's parser reads them. A value that is only a comment (`IRC_CHANNELS= #rdo`) is refused.
 */
const ASSIGNMENT = /^(\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_.-]*)\s*=[ \t]*)(.*)$/;

/** The text of a .env file rewritten so that values keep their `#`s. Throws a ConfigError for a value read as a comment. */
export function quoteHashes(text: string, file = '.env'): string {
  const lines = text.split(/\r?\n/);
  let openQuote: string | null = null;
  return lines
    .map((line, index) => {
      if (openQuote) {
        if (line.includes(openQuote)) openQuote = null;
        return line;
      }
      const m = ASSIGNMENT.exec(line);
      if (!m) return line;
      const [, head, key, rawValue] = m;
      const value = rawValue.trimEnd();
      const quote = value[0];
      if (quote === '"' || quote === "'" || quote === '`') {
        if (value.indexOf(quote, 1) === -1) openQuote = quote;
        return line;
      }
      if (value.startsWith('#') && /[ \t]$/.test(head) && /^#\S+$/.test(value)) {
        throw new ConfigError(
          `config error: ${file} line ${index + 1}: ${key} is read as empty (a '#' after a space starts a comment); write ${key}='${value}'`,
        );
      }
      const comment = value.search(/[ \t]#/);
      const kept = (comment === -1 ? value : value.slice(0, comment)).trim();
      if (!kept.includes('#')) return line;
      if (!kept.includes("'")) return `${head}'${kept}'`;
      if (!kept.includes('"')) return `${head}"${kept}"`;
      return line;
    })
    .join('\n');
}

/** Parse a .env file's text: node's parser, with values starting with or containing `#` kept as written. */
export function parseDotenv(text: string, file = '.env'): Record<string, string> {
  return parseEnv(quoteHashes(text, file)) as Record<string, string>;
}

/**
 * `docker run --env-file` keeps quotes as part of the value: `IRC_CHANNELS='#rdo'` arrives as `'#rdo'`.
 * A value wrapped whole in matching quotes is unwrapped (secrets excepted: they are passed on exactly).
 */
export function unquoteValue(key: string, value: string | undefined): string | undefined {
  if (value === undefined || /(TOKEN|SECRET|PASS|PASSWORD|KEY)$/.test(key)) return value;
  const m = /^(['"])(.*)\1$/s.exec(value);
  return m ? m[2] : value;
}
