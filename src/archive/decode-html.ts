import { createRequire } from 'node:module';

let decoder: ((text: string) => string) | undefined;

/**
 * HTML entities decoded (entities' decodeHTML), the decoder loaded on first use: building its tables is a noticeable
 * part of a warm start, which decodes nothing. (Node 22 loads this ES module synchronously through require.)
 */
export function decodeHTML(text: string): string {
  decoder ??= (createRequire(import.meta.url)('entities/decode') as typeof import('entities/decode')).decodeHTML;
  return decoder(text);
}
