const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Words that only point at a link: "see", "details at", "more info on:". */
const POINTER = String.raw`(?:,?\s*(?:see|details|more|info(?:rmation)?|instructions)?\s*(?:at|on|in|here)?\s*:?\s*)`;

/**
 * A description without the link the answer gives already, so that each fact is said once: a sentence that only
 * points at it ("Details at <link>") goes, another loses the link and the words that pointed at it.
 */
export function withoutLink(description: string | undefined, link: string | undefined): string | undefined {
  if (!description || !link || !description.includes(link)) return description;
  const sentences = description.split(/(?<=[.!?])\s+/);
  const kept = sentences
    .map((s) => {
      if (!s.includes(link)) return s;
      const rest = s.replace(new RegExp(`${POINTER}${escape(link)}`, 'gi'), '').replace(/\s+([.,;:!?])/g, '$1').trim();
      // Fewer than four real words left: it said nothing but where the link was.
      return rest.split(/\s+/).filter((w) => /\p{L}{3,}/u.test(w)).length > 3 ? rest : '';
    })
    .filter((s) => s.length > 0);
  return kept.join(' ').trim() || undefined;
}
