import { escapeUTF8 } from 'entities';
import { webHref } from '../core/sanitize.js';

/**
 * Markup that is safe to send: built only by the `html` tag below, whose every interpolated value is escaped
 * unless it is itself Html. Post titles, summaries, names and queries come from files and feeds anyone can edit,
 * so there is no other way to put text into a page.
 */
export class Html {
  constructor(readonly text: string) {}
  toString(): string {
    return this.text;
  }
}

/** What may be interpolated: text (escaped), Html (kept), lists of either (joined), nothing (left out). */
export type Part = Html | string | number | null | undefined | false | readonly Part[];

/** The one escape function of the site: `& < > " '`, so it is safe in element content and quoted attributes. */
export const escapeHtml = (text: string): string => escapeUTF8(text);

function render(part: Part): string {
  if (part === null || part === undefined || part === false) return '';
  if (part instanceof Html) return part.text;
  if (Array.isArray(part)) return part.map(render).join('');
  return escapeHtml(String(part));
}

/** html`<p>${untrusted}</p>`: a template whose interpolations are escaped. */
export function html(strings: TemplateStringsArray, ...values: Part[]): Html {
  let out = strings[0];
  for (let i = 0; i < values.length; i++) out += render(values[i]) + strings[i + 1];
  return new Html(out);
}


/** A link when the URL is a web one, else the label as text. */
export function link(url: string | undefined, label: Part): Html {
  const href = webHref(url);
  return href ? html`<a href="${href}">${label}</a>` : html`${label}`;
}

const URL_IN_TEXT = /\bhttps?:\/\/[^\s<>"']+[^\s<>"'.,;:!?)\]]/g;

/** Free text (a location, a description) with its web addresses made links, everything else escaped. */
export function linkify(text: string): Html {
  const parts: Html[] = [];
  let last = 0;
  for (const m of text.matchAll(URL_IN_TEXT)) {
    parts.push(html`${text.slice(last, m.index)}`, link(m[0], m[0]));
    last = m.index + m[0].length;
  }
  parts.push(html`${text.slice(last)}`);
  return html`${parts}`;
}
