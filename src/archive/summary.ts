import { decodeHTML } from './decode-html.js';
import type { Token, Tokens } from 'marked';
import { lexMarkdown } from './markdown-lexer.js';

function stripHtml(html: string): string {
  return decodeHTML(
    html
      .replace(/<(script|style|iframe)[\s\S]*?<\/\1>/gi, ' ')
      .replace(/<br\s*\/?>/gi, ' ')
      .replace(/<[^>]*>/g, ' '),
  );
}

function plain(tokens: Token[] | undefined): string {
  let out = '';
  for (const t of tokens ?? []) {
    switch (t.type) {
      case 'html':
        out += stripHtml(t.raw);
        break;
      case 'image':
        break;
      case 'br':
        out += ' ';
        break;
      case 'escape':
      case 'codespan':
        out += decodeHTML((t as Tokens.Codespan).text);
        break;
      default:
        out += 'tokens' in t && t.tokens ? plain(t.tokens) : decodeHTML('text' in t ? String(t.text) : '');
    }
  }
  return out;
}

// A greeting or an empty lead-in opens many posts ("Hi all,", "TL;DR:", "Greetings,"): it says nothing about the post.
const GREETING = String.raw`(?:hi|hello|hey|hiya|greetings|dear|good\s+(?:morning|afternoon|evening)|welcome(?:\s+back)?)`;
const AUDIENCE = String.raw`(?:\s+(?:all|everyone|everybody|folks|friends|there|team|y'all|you\s+all|stackers|rdo(?:\s+(?:community|folks|users))?|community))?`;
const LEAD_IN = new RegExp(String.raw`^(?:${GREETING}${AUDIENCE}\s*(?:[,!:;.—–-]+|$)|(?:tl;?\s?dr|tldr|summary|update|edit|note)\s*[:—–-]+)\s*`, 'i');

/** Abbreviations whose period does not end a sentence. */
const ABBREVIATIONS = new Set(['e.g', 'i.e', 'etc', 'vs', 'mr', 'mrs', 'ms', 'dr', 'st', 'no', 'approx', 'inc', 'jr', 'sr', 'cf', 'fig', 'ca']);

/** The text without its greetings and lead-ins (several may follow each other: "Hi all! TL;DR: …"). */
export function withoutLeadIn(text: string): string {
  let rest = text.trim();
  for (let m = LEAD_IN.exec(rest); m && m[0].length > 0; m = LEAD_IN.exec(rest)) rest = rest.slice(m[0].length).trim();
  return rest;
}

/** The sentences of one paragraph, split after . ! ? when the next one starts like a sentence. */
export function sentences(text: string): string[] {
  return [...eachSentence(text)];
}

/** sentences(), one at a time: a summary needs the first that says something, not all of a long paragraph's. */
function* eachSentence(text: string): Generator<string> {
  let start = 0;
  for (const m of text.matchAll(/[.!?…]+["”’')\]]*\s+(?=["“‘'(\[]?[\p{Lu}\p{N}])/gu)) {
    const end = m.index + m[0].length;
    const before = text.slice(start, m.index).split(/\s+/).pop()?.toLowerCase() ?? '';
    if (m[0].startsWith('.') && ABBREVIATIONS.has(before.replace(/\.$/, ''))) continue;
    const sentence = text.slice(start, end).trim();
    if (sentence.length > 0) yield sentence;
    start = end;
  }
  const last = start < text.length ? text.slice(start).trim() : '';
  if (last.length > 0) yield last;
}

/** A sentence that says something: a few words, not only a greeting. */
const saysSomething = (sentence: string) => withoutLeadIn(sentence).split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length >= 3;

/**
 * A post's one-line summary from its paragraphs (plain text, in order): greetings and empty lead-ins are skipped,
 * and the first sentence that says something is taken. A post of nothing but short lines gets its first one.
 */
export function summarise(paragraphs: Iterable<string>): string {
  let fallback = '';
  for (const paragraph of paragraphs) {
    const text = withoutLeadIn(paragraph.replace(/\s+/g, ' '));
    if (!text) continue;
    for (const sentence of eachSentence(text)) {
      const found = withoutLeadIn(sentence);
      if (saysSomething(found)) return found;
    }
    fallback ||= text;
  }
  return fallback;
}

/**
 * A block that Markdown reads as one paragraph of its own words: every line opens with a letter or a link (no list,
 * heading, quote, code, table, definition or underline can start there) and nothing in it can open an emphasis, a code
 * span, an escape, a tag, an entity or an image, or be taken for a web address; a link is `[words](address)`, the
 * address without spaces, brackets, quotes or angle brackets. Its plain text is its text, each link's words for the
 * link. About four openings in five are such blocks; the others are lexed (pinned against the lexer in
 * test/archive/summary-plain.test.ts).
 */
const WORDS = String.raw`A-Za-z0-9 ,.;:'"?!%/-`;
const LINK = String.raw`(?<!!)\[[${WORDS}]+\]\([^\s()<>\\"'\[\]\x60]+\)`;
const LINE = String.raw`(?:[A-Za-z]|${LINK})(?:[()${WORDS}]|${LINK})*`;
const PLAIN_BLOCK = new RegExp(String.raw`^\n*${LINE}(?:\n${LINE})*$`);
const LINKS = new RegExp(LINK.replace(String.raw`\[[${WORDS}]+\]`, String.raw`\[([${WORDS}]+)\]`), 'g');
const LOOKS_LIKE_AN_ADDRESS = /:\/\/|www\./i;

/** A plain block's text, or undefined when the block is not plain (see PLAIN_BLOCK). */
export function plainText(block: string): string | undefined {
  if (!PLAIN_BLOCK.test(block)) return undefined;
  const text = block.includes('[') ? block.replace(LINKS, '$1') : block;
  return LOOKS_LIKE_AN_ADDRESS.test(text) ? undefined : text;
}

export const isPlainBlock = (block: string): boolean => plainText(block) !== undefined;

/** A block's paragraphs as plain text, each on one line, by the Markdown lexer. */
export function lexedParagraphs(block: string): string[] {
  const lines: string[] = [];
  for (const token of lexMarkdown(block)) {
    const text = token.type === 'paragraph' ? plain((token as Tokens.Paragraph).tokens) : token.type === 'html' ? stripHtml(token.raw) : '';
    const line = text.replace(/\s+/g, ' ').trim();
    if (line.length > 0) lines.push(line);
  }
  return lines;
}

/** The first `max` blocks of a body (as `split(/\n[ \t]*\n/, max)` gives them), cut as they are asked for. */
function* blocksOf(markdown: string, max: number): Generator<string> {
  const gap = /\n[ \t]*\n/g;
  for (let n = 0, from = 0; n < max; n++) {
    gap.lastIndex = from;
    const m = gap.exec(markdown);
    if (!m) {
      yield markdown.slice(from);
      return;
    }
    yield markdown.slice(from, m.index);
    from = m.index + m[0].length;
  }
}

function* paragraphs(markdown: string): Generator<string> {
  // Lexing a whole long post costs more than loading it: lex block by block, and only the first few.
  for (const block of blocksOf(markdown, 12)) {
    if (block.trim() === '') continue;
    const text = plainText(block);
    if (text !== undefined) yield text.replace(/\s+/g, ' ').trim();
    else yield* lexedParagraphs(block);
  }
}

/** The summary of a Markdown/HTML body as one plain-text line ('' when there is none): see summarise. */
export function firstParagraph(markdown: string): string {
  return summarise(paragraphs(markdown));
}

export { leadText } from './lead-text.js';
