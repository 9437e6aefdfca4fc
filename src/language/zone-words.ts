import { normaliseZone, ZONE_ABBREVIATIONS } from '../core/zones.js';

/**
 * Zones as people name them in a question or in `!tz set`, beyond what `--tz` takes (IANA names and the
 * community's abbreviations, src/core/zones.ts): countries with one zone, and cities that are not themselves in a
 * zone's name. Ambiguous words (CST: China or US Central?) stay out: a question naming one gets no zone from it.
 */
const WORDS: Record<string, string> = {
  zulu: 'UTC', india: 'Asia/Kolkata', indian: 'Asia/Kolkata', bangalore: 'Asia/Kolkata', bengaluru: 'Asia/Kolkata',
  pune: 'Asia/Kolkata', mumbai: 'Asia/Kolkata', delhi: 'Asia/Kolkata', 'new delhi': 'Asia/Kolkata', chennai: 'Asia/Kolkata',
  hyderabad: 'Asia/Kolkata', calcutta: 'Asia/Kolkata', kolkata: 'Asia/Kolkata', kyiv: 'Europe/Kyiv', kiev: 'Europe/Kyiv',
  'central european': 'Europe/Paris', europe: 'Europe/Paris',
  france: 'Europe/Paris', french: 'Europe/Paris', germany: 'Europe/Berlin', german: 'Europe/Berlin', munich: 'Europe/Berlin',
  italy: 'Europe/Rome', milan: 'Europe/Rome', spain: 'Europe/Madrid', barcelona: 'Europe/Madrid', czech: 'Europe/Prague',
  czechia: 'Europe/Prague', brno: 'Europe/Prague', poland: 'Europe/Warsaw', netherlands: 'Europe/Amsterdam',
  ireland: 'Europe/Dublin', irish: 'Europe/Dublin', uk: 'Europe/London', british: 'Europe/London',
  england: 'Europe/London', britain: 'Europe/London', finland: 'Europe/Helsinki',
  israel: 'Asia/Jerusalem', 'tel aviv': 'Asia/Jerusalem', raanana: 'Asia/Jerusalem',
  eastern: 'America/New_York', 'us eastern': 'America/New_York',
  boston: 'America/New_York', raleigh: 'America/New_York', westford: 'America/New_York', 'east coast': 'America/New_York',
  'us central': 'America/Chicago', austin: 'America/Chicago', dallas: 'America/Chicago',
  mountain: 'America/Denver',
  pacific: 'America/Los_Angeles', 'us pacific': 'America/Los_Angeles',
  'west coast': 'America/Los_Angeles', 'san francisco': 'America/Los_Angeles', 'bay area': 'America/Los_Angeles',
  seattle: 'America/Los_Angeles', 'mountain view': 'America/Los_Angeles', 'san jose': 'America/Los_Angeles',
  brazil: 'America/Sao_Paulo',
  china: 'Asia/Shanghai', chinese: 'Asia/Shanghai', beijing: 'Asia/Shanghai', shenzhen: 'Asia/Shanghai', hangzhou: 'Asia/Shanghai',
  japan: 'Asia/Tokyo', japanese: 'Asia/Tokyo', osaka: 'Asia/Tokyo', korea: 'Asia/Seoul', taiwan: 'Asia/Taipei', singapore: 'Asia/Singapore', 'new zealand': 'Pacific/Auckland', };

let cities: Map<string, string> | undefined;

/** Every IANA zone by the city its name ends with: "paris" → Europe/Paris, "new york" → America/New_York. */
function cityTable(): Map<string, string> {
  if (cities) return cities;
  cities = new Map();
  for (const zone of Intl.supportedValuesOf('timeZone')) {
    const city = zone.split('/').pop()!.replace(/_/g, ' ').toLowerCase();
    if (zone.includes('/') && !cities.has(city)) cities.set(city, zone);
  }
  return cities;
}

/** A zone from words ("Paris", "new york", "IST", "Europe/Paris"), or null. */
export function zoneFromWords(text: string): string | null {
  const words = text.trim().toLowerCase().replace(/[-_]+/g, ' ').replace(/\s+/g, ' ');
  if (!words) return null;
  if (text.includes('/')) return normaliseZone(text.trim());
  return WORDS[words] ?? normaliseZone(text.trim()) ?? cityTable().get(words) ?? null;
}

/** Words that name a zone on their own in a question ("… in IST"), without "in …" or "… time" around them. */
export function isZoneAbbreviation(word: string): boolean {
  // Two-letter ones (ET, PT, UT) are too often ordinary words.
  return word.length >= 3 && ZONE_ABBREVIATIONS[word.toUpperCase()] !== undefined;
}
