import { createRequire } from 'node:module';
import type { Token } from 'marked';

/**
 * marked's lexer, loaded on first use: a start over a cached archive lexes no Markdown, and loading marked is a
 * noticeable part of a warm start's fixed cost. (Node 22 loads this ES module synchronously through require.)
 */
let marked: typeof import('marked').marked | undefined;
export function lexMarkdown(markdown: string, options?: { gfm?: boolean }): Token[] {
  return loadLexer().lexer(markdown, options);
}

const loadLexer = (): typeof import('marked').marked => (marked ??= (createRequire(import.meta.url)('marked') as typeof import('marked')).marked);
