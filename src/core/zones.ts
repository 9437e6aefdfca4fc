import { IANAZone } from 'luxon';

/**
 * Time zones as people in this community type them.
 *
 * ICU (behind Intl and luxon) knows old Java-style abbreviations that mean something else than people mean
 * (`BST` is Bangladesh there, `EST` a fixed offset shown as America/Panama) and shows canonical names from before
 * a rename (`Asia/Calcutta` for `Asia/Kolkata`, `Europe/Kiev` for `Europe/Kyiv`). So abbreviations are read from the
 * table below first, and a valid IANA name is shown as the user wrote it, only its case fixed.
 */

/**
 * Abbreviations, by what they mean to RDO's contributors (Europe, India, the Americas, East Asia). Summer and winter
 * names map to the same place: the zone then shows the right offset on every date. Documented in the README.
 */
export const ZONE_ABBREVIATIONS: Readonly<Record<string, string>> = {
  UTC: 'UTC',
  GMT: 'UTC',
  Z: 'UTC',
  UT: 'UTC',
  // British Summer Time (ICU: Bangladesh).
  BST: 'Europe/London',
  // India (ICU agrees; Irish and Israel Standard Time are rarer here).
  IST: 'Asia/Kolkata',
  WET: 'Europe/Lisbon',
  WEST: 'Europe/Lisbon',
  CET: 'Europe/Paris',
  CEST: 'Europe/Paris',
  MET: 'Europe/Paris',
  MEST: 'Europe/Paris',
  EET: 'Europe/Helsinki',
  EEST: 'Europe/Helsinki',
  MSK: 'Europe/Moscow',
  EST: 'America/New_York',
  EDT: 'America/New_York',
  ET: 'America/New_York',
  CDT: 'America/Chicago',
  MST: 'America/Denver',
  MDT: 'America/Denver',
  PST: 'America/Los_Angeles',
  PDT: 'America/Los_Angeles',
  PT: 'America/Los_Angeles',
  BRT: 'America/Sao_Paulo',
  JST: 'Asia/Tokyo',
  KST: 'Asia/Seoul',
  HKT: 'Asia/Hong_Kong',
  SGT: 'Asia/Singapore',
  AEST: 'Australia/Sydney',
  AEDT: 'Australia/Sydney',
  NZST: 'Pacific/Auckland',
  NZDT: 'Pacific/Auckland',
};

/** Abbreviations that mean two different places: refused, naming both. */
export const AMBIGUOUS_ZONES: Readonly<Record<string, string>> = {
  CST: 'America/Chicago (US Central) or Asia/Shanghai (China)',
  AST: 'America/Halifax (Atlantic) or Asia/Riyadh (Arabia)',
  CT: 'America/Chicago (US Central) or Asia/Shanghai (China)',
};

/**
 * Current names that ICU still shows by an older canonical name. Listed so that their case can be fixed
 * (`asia/kolkata` becomes `Asia/Kolkata`, not `Asia/Calcutta`).
 */
const RENAMED = [
  'Asia/Kolkata',
  'Europe/Kyiv',
  'Asia/Kathmandu',
  'Asia/Ho_Chi_Minh',
  'Asia/Yangon',
  'America/Nuuk',
  'Atlantic/Faroe',
  'Pacific/Kanton',
  'Pacific/Chuuk',
  'Pacific/Pohnpei',
  'America/Argentina/Buenos_Aires',
  'America/Indiana/Indianapolis',
  'America/Kentucky/Louisville',
  'America/Atikokan',
];

let byLowerName: Map<string, string> | undefined;

function spelling(lower: string): string | undefined {
  if (!byLowerName) {
    byLowerName = new Map([...Intl.supportedValuesOf('timeZone'), ...RENAMED].map((z) => [z.toLowerCase(), z]));
  }
  return byLowerName.get(lower);
}

/**
 * Zones as people name them in a question or in `!tz set`, besides IANA names and the community's
 * abbreviations: countries with one zone, and cities that are not themselves in a
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

export type ZoneResult = { zone: string } | { error: string };

const OFFSET = /^(?:utc|gmt)?\s*([+-])(\d{1,2})(?::?(\d{2}))?$/i;

/**
 * The one zone reader, for every entry point (`--tz`, `!tz set`, `?tz=`, RDOBOT_TIMEZONE, plain words): what a user
 * typed (`Asia/Kolkata`, `asia/tokyo`, `BST`, `UTC+5:30`, `Bangalore`, `new york`) as the zone to compute and show
 * with. Unknown names and ambiguous abbreviations come back as a one-line error that says what to type instead.
 */
export function resolveZone(input: string): ZoneResult {
  const typed = input.trim();
  const upper = typed.toUpperCase();
  const shown = typed.length > 40 ? `${typed.slice(0, 39)}…` : typed;
  if (ZONE_ABBREVIATIONS[upper]) return { zone: ZONE_ABBREVIATIONS[upper] };
  if (AMBIGUOUS_ZONES[upper]) return { error: `${upper} is ambiguous: say ${AMBIGUOUS_ZONES[upper]}.` };
  const offset = OFFSET.exec(typed);
  if (offset) {
    const [, sign, h, m = '00'] = offset;
    if (Number(h) > 14 || Number(m) > 59) return { error: `'${shown}' is not a UTC offset: use one such as UTC+5:30 or UTC-8.` };
    return { zone: `UTC${sign}${Number(h)}${m === '00' ? '' : `:${m}`}` };
  }
  // Only IANA-shaped names from here: ICU's other aliases (three-letter ones above all) mean the wrong place.
  if (/^[A-Za-z][A-Za-z0-9_+-]*(?:\/[A-Za-z0-9_+-]+){1,2}$/.test(typed) && IANAZone.isValidZone(typed)) {
    return { zone: spelling(typed.toLowerCase()) ?? typed };
  }
  const words = typed.toLowerCase().replace(/[-_]+/g, ' ').replace(/\s+/g, ' ');
  const place = typed.includes('/') ? undefined : (WORDS[words] ?? cityTable().get(words));
  if (place) return { zone: place };
  return { error: `Unknown time zone '${shown}': use a place name such as Europe/Paris, Asia/Kolkata or America/New_York, a city such as Bangalore, or UTC.` };
}

/** The zone to use for what the user typed, or null when there is none (see resolveZone for why). */
export function normaliseZone(input: string): string | null {
  const r = resolveZone(input);
  return 'zone' in r ? r.zone : null;
}
