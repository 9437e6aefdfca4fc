import { decodeHTML } from 'entities';
import { marked, type Token, type Tokens } from 'marked';

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

/** The first paragraph of a Markdown/HTML body as one plain-text line ('' when there is none). */
export function firstParagraph(markdown: string): string {
  // Lexing a whole long post costs more than loading it: lex block by block until a paragraph shows.
  const blocks = markdown.split(/\n[ \t]*\n/, 12);
  for (let i = 0; i < blocks.length; i++) {
    if (blocks[i].trim() === '') continue;
    for (const token of marked.lexer(blocks[i])) {
      const text = token.type === 'paragraph' ? plain((token as Tokens.Paragraph).tokens) : token.type === 'html' ? stripHtml(token.raw) : '';
      const line = text.replace(/\s+/g, ' ').trim();
      if (line.length > 0) return line;
    }
  }
  return '';
}

/**
 * The opening of a body as plain text, paragraphs kept apart by newlines: what a reader sees first (framing such as
 * "I spoke with …", an event's date). Rough on purpose — tags, link targets, images and emphasis go — and bounded,
 * since it is computed for every post.
 */
export function leadText(markdown: string, chars = 800): string {
  const text = markdown
    .slice(0, chars * 3)
    .replace(/<(script|style|iframe|audio|video)[\s\S]*?<\/\1>/gi, ' ')
    .replace(/<[^>]*>/g, ' ')
    .replace(/!\[[^\]]*\]\([^)]*\)/g, ' ')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/(\*\*|__|[*_`])/g, '')
    .replace(/^[ \t]*(?:#{1,6}|>|[-*+]|\d+\.)[ \t]+/gm, '')
    .replace(/\t|[ \t]{2,}/g, ' ')
    .replace(/\n\s*\n+/g, '\n')
    .trim();
  return decodeHTML(text).slice(0, chars);
}
