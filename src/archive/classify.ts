import type { MediaKind, Post, PostKind } from './post.js';

/** One piece of evidence that a post is of a kind. Rules are data: operators may replace them in config. */
export interface ClassifyRule {
  kind: PostKind;
  /** Which part of the post the pattern is tried on; `media` matches the kind of an embedded player. */
  field: 'title' | 'tags' | 'body' | 'media';
  /** A regular expression (case-insensitive, Unicode); a title rule may name a `person` group. */
  pattern: string;
  /** Evidence it adds; negative weight argues against the kind. */
  weight: number;
}

export interface ClassifyConfig {
  rules: ClassifyRule[];
  /** Total weight a kind needs. */
  threshold: number;
}

const NAME = String.raw`\p{Lu}[\p{L}.'’-]*(?:\s+\p{Lu}[\p{L}.'’-]*){0,3}`;

export const DEFAULT_CLASSIFY: ClassifyConfig = {
  threshold: 2,
  rules: [
    { kind: 'interview', field: 'tags', pattern: '^(podcasts?|interviews?)$', weight: 2 },
    { kind: 'interview', field: 'title', pattern: String.raw`^what did you do in [\p{L}\d.-]+[\s?:]*(?<person>.+?)(?:\s+talks\b.*)?$`, weight: 2 },
    { kind: 'interview', field: 'title', pattern: String.raw`^(?<person>${NAME})\s+talks\s+about\b`, weight: 2 },
    { kind: 'interview', field: 'title', pattern: String.raw`^podcast\s*:\s*(?<person>${NAME}?)\s+(?:on|about|talks)\b`, weight: 2 },
    { kind: 'interview', field: 'title', pattern: String.raw`\binterview(?:ed)?\s+with\s+(?<person>.+?)(?:\s+[-–:].*)?$`, weight: 2 },
    // Weight 0: names the person of a post that other rules show is an interview ("Mike Perez: Cinder in Liberty").
    { kind: 'interview', field: 'title', pattern: String.raw`^(?<person>\p{Lu}[\p{L}'’-]+\s+\p{Lu}[\p{L}'’-]+)(?:\s*:|\s+and\s+the\b|\s+on\b)`, weight: 0 },
    { kind: 'interview', field: 'body', pattern: String.raw`\btranscript\b`, weight: 1 },
    { kind: 'interview', field: 'body', pattern: String.raw`^\s*\*\*[\p{L} .]+\*\*\s*:`, weight: 1 },
    { kind: 'interview', field: 'body', pattern: String.raw`\b(I|we) (interviewed|spoke with|speak to|chatted with)\b|\binterview\b`, weight: 1 },
    { kind: 'interview', field: 'media', pattern: '^(audio|player)$', weight: 1 },
    { kind: 'interview', field: 'media', pattern: '^video$', weight: 1 },
    { kind: 'testday', field: 'title', pattern: String.raw`\btest\s*days?\b`, weight: 2 },
    { kind: 'testday', field: 'tags', pattern: '^test-?days?$', weight: 2 },
    { kind: 'testday', field: 'title', pattern: String.raw`\b(summary|report|results)\b`, weight: -3 },
    { kind: 'meeting', field: 'title', pattern: String.raw`\bmeetings?\b`, weight: 2 },
    { kind: 'meeting', field: 'title', pattern: String.raw`\b(minutes|summary|recap)\b`, weight: -3 },
  ],
};

interface CompiledRule extends ClassifyRule {
  re: RegExp;
}

export interface Classification {
  kinds: PostKind[];
  person?: string;
}

export type Classifiable = Pick<Post, 'title' | 'tags' | 'body'> & { media: { kind: MediaKind }[] };

/** Scores posts against the rules; compile once, classify many. */
export class Classifier {
  private readonly rules: CompiledRule[];

  constructor(private readonly config: ClassifyConfig = DEFAULT_CLASSIFY) {
    this.rules = config.rules.map((r) => {
      try {
        // Unicode mode makes case-insensitive scans of long bodies several times slower: only where a pattern needs it.
        const unicode = /\\[pP]\{/.test(r.pattern) ? 'u' : '';
        return { ...r, re: new RegExp(r.pattern, (r.field === 'body' ? 'im' : 'i') + unicode) };
      } catch (err) {
        throw new Error(`classify rule for ${r.kind} on ${r.field}: bad pattern ${JSON.stringify(r.pattern)}: ${(err as Error).message}`);
      }
    });
  }

  classify(post: Classifiable): Classification {
    const scores = new Map<PostKind, number>();
    let person: string | undefined;
    for (const rule of this.rules) {
      const values = rule.field === 'title' ? [post.title] : rule.field === 'body' ? [post.body] : rule.field === 'tags' ? post.tags : post.media.map((m) => m.kind);
      // Each rule counts once per post, however many values it matches.
      const hit = values.map((v) => rule.re.exec(v)).find((m) => m !== null);
      if (!hit) continue;
      scores.set(rule.kind, (scores.get(rule.kind) ?? 0) + rule.weight);
      if (rule.kind === 'interview' && !person && hit.groups?.person) person = hit.groups.person.trim();
    }
    const kinds = [...scores].filter(([, score]) => score >= this.config.threshold).map(([kind]) => kind);
    return { kinds, person: kinds.includes('interview') ? person : undefined };
  }
}
