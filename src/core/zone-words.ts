import { normaliseZone } from './router.js';

/**
 * Zones as people name them in a question or in `!tz set`: abbreviations as RDO contributors use them (IST is
 * India, not Israel or Ireland; BST is British summer time), countries with one zone, and cities that are not
 * themselves in a zone's name. Ambiguous words (CST: China or US Central?) are left out on purpose: a question
 * naming one gets the default zone rather than a wrong one.
 */
const WORDS: Record<string, string> = {
  utc: 'UTC', gmt: 'UTC', zulu: 'UTC', z: 'UTC',
  ist: 'Asia/Kolkata', india: 'Asia/Kolkata', indian: 'Asia/Kolkata', bangalore: 'Asia/Kolkata', bengaluru: 'Asia/Kolkata',
  pune: 'Asia/Kolkata', mumbai: 'Asia/Kolkata', delhi: 'Asia/Kolkata', 'new delhi': 'Asia/Kolkata', chennai: 'Asia/Kolkata',
  hyderabad: 'Asia/Kolkata', calcutta: 'Asia/Kolkata',
  cet: 'Europe/Paris', cest: 'Europe/Paris', 'central european': 'Europe/Paris', europe: 'Europe/Paris',
  france: 'Europe/Paris', french: 'Europe/Paris', germany: 'Europe/Berlin', german: 'Europe/Berlin', munich: 'Europe/Berlin',
  italy: 'Europe/Rome', milan: 'Europe/Rome', spain: 'Europe/Madrid', barcelona: 'Europe/Madrid', czech: 'Europe/Prague',
  czechia: 'Europe/Prague', brno: 'Europe/Prague', poland: 'Europe/Warsaw', netherlands: 'Europe/Amsterdam',
  ireland: 'Europe/Dublin', irish: 'Europe/Dublin', bst: 'Europe/London', uk: 'Europe/London', british: 'Europe/London',
  england: 'Europe/London', britain: 'Europe/London', eet: 'Europe/Athens', eest: 'Europe/Athens', finland: 'Europe/Helsinki',
  israel: 'Asia/Jerusalem', 'tel aviv': 'Asia/Jerusalem', raanana: 'Asia/Jerusalem',
  est: 'America/New_York', edt: 'America/New_York', eastern: 'America/New_York', 'us eastern': 'America/New_York',
  boston: 'America/New_York', raleigh: 'America/New_York', westford: 'America/New_York', 'east coast': 'America/New_York',
  cdt: 'America/Chicago', 'us central': 'America/Chicago', austin: 'America/Chicago', dallas: 'America/Chicago',
  mst: 'America/Denver', mdt: 'America/Denver', mountain: 'America/Denver',
  pst: 'America/Los_Angeles', pdt: 'America/Los_Angeles', pacific: 'America/Los_Angeles', 'us pacific': 'America/Los_Angeles',
  'west coast': 'America/Los_Angeles', 'san francisco': 'America/Los_Angeles', 'bay area': 'America/Los_Angeles',
  seattle: 'America/Los_Angeles', 'mountain view': 'America/Los_Angeles', 'san jose': 'America/Los_Angeles',
  brazil: 'America/Sao_Paulo',
  china: 'Asia/Shanghai', chinese: 'Asia/Shanghai', beijing: 'Asia/Shanghai', shenzhen: 'Asia/Shanghai', hangzhou: 'Asia/Shanghai',
  japan: 'Asia/Tokyo', japanese: 'Asia/Tokyo', jst: 'Asia/Tokyo', osaka: 'Asia/Tokyo', korea: 'Asia/Seoul', kst: 'Asia/Seoul',
  taiwan: 'Asia/Taipei', singapore: 'Asia/Singapore', sgt: 'Asia/Singapore', aest: 'Australia/Sydney', aedt: 'Australia/Sydney',
  'new zealand': 'Pacific/Auckland', nzst: 'Pacific/Auckland', nzdt: 'Pacific/Auckland',
};

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
  return WORDS[words] ?? cityTable().get(words) ?? normaliseZone(text.trim());
}

/** Words that name a zone on their own in a question, without "in …" or "… time" around them. */
const ABBREVIATIONS = new Set(['utc', 'gmt', 'ist', 'cet', 'cest', 'bst', 'eet', 'eest', 'est', 'edt', 'cdt', 'mst', 'mdt', 'pst', 'pdt', 'jst', 'kst', 'sgt', 'aest', 'aedt', 'nzst', 'nzdt']);

export function isZoneAbbreviation(word: string): boolean {
  return ABBREVIATIONS.has(word.toLowerCase());
}
