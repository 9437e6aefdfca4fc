import { normaliseZone, ZONE_ABBREVIATIONS } from '../core/zones.js';

/** A zone from words ("Paris", "new york", "IST", "Europe/Paris"), or null: the one zone reader (core/zones.ts). */
export function zoneFromWords(text: string): string | null {
  return text.trim() ? normaliseZone(text) : null;
}

/** Words that name a zone on their own in a question ("… in IST"), without "in …" or "… time" around them. */
export function isZoneAbbreviation(word: string): boolean {
  // Two-letter ones (ET, PT, UT) are too often ordinary words.
  return word.length >= 3 && ZONE_ABBREVIATIONS[word.toUpperCase()] !== undefined;
}
