/**
 * People's names as a classify rule catches them ("Victoria Martínez de la Cruz", "Ana Example and Bo Exemple").
 * Rules match case-insensitively (JavaScript cannot mix cases in one pattern), so what a `person` group caught is
 * checked here: a name is capitalised words only, with lower-case particles between them, and none of the words
 * that are never names (NOT_NAMES of the rules).
 */

/** Lower-case words that belong inside names: "de la", "da", "van der", "bin". */
const PARTICLES = new Set(['de', 'la', 'le', 'del', 'della', 'der', 'den', 'da', 'das', 'do', 'dos', 'di', 'du', 'van', 'von', 'ter', 'ten', 'bin', 'ibn', 'al', 'el', 'y', 'e', 'zu', 'st.']);

/** "Haïkel", "Jean-François", "O'Brien", "McDonald", "P." — not "RDO" or "API" (all capitals are acronyms). */
const WORD = /^\p{Lu}(?:[\p{Ll}\p{M}]|['’]\p{Lu})[\p{L}\p{M}'’.-]*$|^\p{Lu}\.$/u;

const SEPARATORS = /\s*(?:,|&|\band\b)\s*/iu;

function oneName(raw: string, notNames: Set<string>): string | null {
  const words = raw.replace(/^[\s"'“‘(]+|[\s"'”’)!?:;,.]+$/gu, '').split(/\s+/).filter(Boolean);
  if (words.length === 0 || words.length > 6) return null;
  const kept: string[] = [];
  for (const [i, word] of words.entries()) {
    // "Doe's" ends a name: "Jane Doe's talk".
    const bare = i === words.length - 1 ? word.replace(/['’]s$/u, '') : word;
    if (WORD.test(bare) && !notNames.has(bare.toLowerCase())) kept.push(bare);
    else if (i > 0 && i < words.length - 1 && PARTICLES.has(bare.toLowerCase())) kept.push(bare.toLowerCase());
    else return null;
  }
  return kept.join(' ');
}

/** The names in what a rule caught, joined by "and"; null when it holds none (a product, an event, a sentence). */
export function peopleFrom(raw: string, notNames: Set<string>): string | null {
  const parts = raw.split(SEPARATORS).map((part) => oneName(part, notNames));
  // The first part must be a name ("OpenStack Keynotes, Videos & Presentations" is nobody); the list ends where the
  // names do ("Ana Example and learned a lot" is Ana Example).
  const end = parts.indexOf(null);
  const names = (end === -1 ? parts : parts.slice(0, end)) as string[];
  if (names.length === 0) return null;
  const unique = [...new Set(names)];
  return unique.length === 1 ? unique[0] : `${unique.slice(0, -1).join(', ')} and ${unique[unique.length - 1]}`;
}

/**
 * A name caught short, extended over the name words that follow it: a lazy `{NAMES}` at the end of a pattern stops
 * after one word ("Ana" of "Ana Example"); a name never stops before a capitalised word that belongs to it.
 */
export function extendName(caught: string, rest: string, notNames: Set<string>): string {
  let name = caught;
  let pending = '';
  for (const m of rest.matchAll(/\s+(\S+)/gy)) {
    const word = m[1].replace(/[,;:!?.]+$/u, '');
    if (PARTICLES.has(word.toLowerCase()) && word === word.toLowerCase()) {
      pending += m[0];
      continue;
    }
    if (!WORD.test(word) || notNames.has(word.toLowerCase())) break;
    name += pending + m[0].slice(0, m[0].length - m[1].length) + word;
    pending = '';
    if (word !== m[1]) break;
  }
  return name;
}
