import { decodeHTML } from './decode-html.js';

/*
 * The opening of a body as plain text is computed for nearly every post on every load, so leadText does as little as
 * gives the same text: each replacement runs only where the text holds what it replaces, in a form a search can skip
 * along (a literal first character rather than `^` in multiline mode, tried at every position); and it first tries the
 * opening's first lines alone (see fromFirstLines). What it gives is what the plain chain of replacements gives
 * (pinned against it in test/archive/lead-text.test.ts).
 */

const BLOCKS = /<(script|style|iframe|audio|video)[\s\S]*?<\/\1>/gi;
const TAG = /<[^>]*>/g;
const IMAGE = /!\[[^\]]*\]\([^)]*\)/g;
const LINK = /\[([^\]]*)\]\([^)]*\)/g;
/** A list, heading or quote marker at a line start. */
const MARKER_LINES = /^[ \t]*(?:#{1,6}|>|[-*+]|\d+\.)[ \t]+/gm;
/** MARKER_LINES where `\n` is the only line break: at the start, and after each `\n`. */
const MARKER_AT_START = /^[ \t]*(?:#{1,6}|>|[-*+]|\d+\.)[ \t]+/;
const MARKER_AFTER_NEWLINE = /\n[ \t]*(?:#{1,6}|>|[-*+]|\d+\.)[ \t]+/g;
/** Whether the text holds a line break of a multiline `^` other than `\n`. */
const otherLineBreaks = (text: string) => text.includes('\r') || text.includes('\u2028') || text.includes('\u2029');
const BLANK_RUNS = /\t|[ \t]{2,}/g;
/** BLANK_RUNS where there is no tab. */
const SPACE_RUNS = / {2,}/g;
const BLANK_LINES = /\n\s*\n+/g;

/** An opening tag of BLOCKS. */
const BLOCK_START = /<(?:script|style|iframe|audio|video)/i;

/** Whether every tag the text may open is closed in it, and no block of BLOCKS opens in it. */
const tagsClosed = (text: string): boolean => !BLOCK_START.test(text) && text.indexOf('>', text.lastIndexOf('<')) >= 0;

/** Whether every link or image the text may open (`[…](…)`) is closed in it: none may run on past its end. */
function linksClosed(text: string): boolean {
  const open = text.lastIndexOf('[');
  if (open >= 0 && text.indexOf(']', open) < 0) return false;
  const target = text.lastIndexOf('](');
  return target < 0 || text.indexOf(')', target + 2) >= 0;
}

/** The chain of replacements, and whether no link or image ran on past the end (see fromFirstLines). */
function flatten(opening: string): { text: string; closed: boolean } {
  let text = opening;
  if (text.includes('<')) text = text.replace(BLOCKS, ' ').replace(TAG, ' ');
  let closed = true;
  if (text.includes('](')) {
    if (text.includes('![')) {
      closed = linksClosed(text);
      text = text.replace(IMAGE, ' ');
    }
    closed &&= linksClosed(text);
    text = text.replace(LINK, '$1');
  } else {
    closed = !text.includes('[') || linksClosed(text);
  }
  // Emphasis and code marks.
  if (text.includes('*')) text = text.replaceAll('*', '');
  if (text.includes('_')) text = text.replaceAll('_', '');
  if (text.includes('`')) text = text.replaceAll('`', '');
  text = otherLineBreaks(text) ? text.replace(MARKER_LINES, '') : text.replace(MARKER_AT_START, '').replace(MARKER_AFTER_NEWLINE, '\n');
  if (text.includes('\t')) text = text.replace(BLANK_RUNS, ' ');
  else if (text.includes('  ')) text = text.replace(SPACE_RUNS, ' ');
  return { text: text.replace(BLANK_LINES, '\n').trim(), closed };
}

/** Where the first lines are tried alone (in `chars`): about what gives `chars` of text in most openings. */
const FIRST_LINES = 1.4;

/**
 * The lead from the opening's first lines alone, when it is sure to be what the whole opening gives; undefined
 * otherwise. The lines end at a line break, where no tag, link, image, marker or run of blanks can go on into the
 * lines after, so long as every tag, link and image they open is closed in them (and no script, style, iframe, audio or
 * video block opens in them): then each
 * replacement gives, from the first lines, the start of what it gives from the whole. With no entity to decode in
 * its first `chars`, that start is the lead. (Exported for its test.)
 */
export function fromFirstLines(opening: string, chars: number): string | undefined {
  const end = opening.indexOf('\n', Math.floor(chars * FIRST_LINES)) + 1;
  if (end <= 0) return undefined;
  const lines = opening.slice(0, end);
  if (lines.includes('<') && !tagsClosed(lines)) return undefined;
  const { text, closed } = flatten(lines);
  if (!closed || text.length < chars) return undefined;
  const lead = text.slice(0, chars);
  return lead.includes('&') ? undefined : lead;
}

/**
 * The opening of a body as plain text, paragraphs kept apart by newlines: what a reader sees first (framing such as
 * "I spoke with …", an event's date). Rough on purpose — tags, link targets, images, emphasis and list markers go —
 * and bounded, since it is computed for every post.
 */
export function leadText(markdown: string, chars = 800): string {
  const opening = markdown.slice(0, chars * 3);
  return fromFirstLines(opening, chars) ?? decodeHTML(flatten(opening).text).slice(0, chars);
}
