/**
 * A post file split into its front matter and its body, the way gray-matter (what Middleman-era tools used) splits it,
 * quirks and all, so that posts read as they always did: an opening `---` (a fourth `-` makes it no front matter),
 * an optional language name on that line, the block up to the next line that starts with `---`, and the body after that
 * line's `---` with one line break dropped. Only YAML and JSON are read: gray-matter's `---js` evaluated the block as
 * JavaScript, which would let whoever can commit a post run code in the bot.
 */
export interface FrontMatter {
  /** The front matter's data ({} when there is none). */
  data: Record<string, unknown>;
  /** The text after the front matter (the whole text when there is none). */
  content: string;
}

/** Reads the front matter's text; throws on what it cannot read. */
export type MatterReader = (text: string) => object;

const OPEN = '---';
const CLOSE = '\n---';

/** The text split and its front matter read by `yaml` (or JSON.parse for a `---json` block). */
export function splitFrontMatter(input: string, yaml: MatterReader): FrontMatter {
  const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  if (!text.startsWith(OPEN) || text.charAt(OPEN.length) === '-') return { data: {}, content: text };
  let rest = text.slice(OPEN.length);
  // As gray-matter: the opening line's text names the language (without a line break: all but the last character).
  const opening = rest.slice(0, rest.search(/\r?\n/));
  const language = opening.trim();
  if (language) rest = rest.slice(opening.length);
  let close = rest.indexOf(CLOSE);
  if (close === -1) close = rest.length;
  const block = rest.slice(0, close);
  const content = close === rest.length ? '' : withoutOneLineBreak(rest.slice(close + CLOSE.length));
  // A block of nothing but comments is no front matter, whatever its language.
  if (block.replace(/^\s*#[^\n]+/gm, '').trim() === '') return { data: {}, content };
  const data = read(language.toLowerCase() || 'yaml', block, yaml);
  return { data: data !== null && typeof data === 'object' ? (data as Record<string, unknown>) : {}, content };
}

function withoutOneLineBreak(text: string): string {
  const afterCr = text.startsWith('\r') ? text.slice(1) : text;
  return afterCr.startsWith('\n') ? afterCr.slice(1) : afterCr;
}

function read(language: string, block: string, yaml: MatterReader): object {
  if (language === 'yaml' || language === 'yml') return yaml(block);
  if (language === 'json') return JSON.parse(block) as object;
  throw new Error(`front matter in ${JSON.stringify(language)} is not read (YAML or JSON only)`);
}
