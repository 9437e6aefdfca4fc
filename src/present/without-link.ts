/**
 * A description without the sentences that only point at a link the answer gives already ("Details at <link>"), so
 * that each fact is said once. A sentence with more to say than the pointer keeps its words and loses the link.
 */
export function withoutLink(description: string | undefined, link: string | undefined): string | undefined {
  if (!description || !link || !description.includes(link)) return description;
  const sentences = description.split(/(?<=[.!?])\s+/);
  const kept = sentences
    .map((s) => {
      if (!s.includes(link)) return s;
      const rest = s.split(link).join('').replace(/\s+/g, ' ').trim();
      // "Details at", "See:", "More here." say nothing once their link is gone.
      return rest.split(/\s+/).filter((w) => /\p{L}{4,}/u.test(w)).length > 3 ? rest.replace(/\s+([.,;:!?])/g, '$1') : '';
    })
    .filter((s) => s.length > 0);
  const text = kept.join(' ').trim();
  return text || undefined;
}
