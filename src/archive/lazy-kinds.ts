import type { Classifiable, Classification, Classifier } from './classify/classify.js';
import { POST_KIND_NAMES } from './classify/post-kinds.js';
import type { ParsedPost, Post } from './post.js';
import type { ValueKeeper } from './value-keeper.js';
import { ownField } from './own-field.js';

let keeper: ValueKeeper | undefined;

/** Where classifications are kept (see ValueKeeper). */
export function keepKindsIn(k: ValueKeeper): void {
  keeper = k;
}

const KIND_NAMES = new Set<string>(POST_KIND_NAMES);

/**
 * Kept classifications as read back, by their text: most posts are of no kind, and a warm start that reads every post's
 * kinds (a search index, a schedule) reads the same few texts thousands of times. Bounded: emptied when full. The lists
 * are shared, so frozen.
 */
const readBackTexts = new Map<string, Classification | undefined>();
const READ_BACK_MAX = 1024;

function readBack(text: string): Classification | undefined {
  let value = readBackTexts.get(text);
  if (value === undefined && !readBackTexts.has(text)) {
    if (readBackTexts.size >= READ_BACK_MAX) readBackTexts.clear();
    value = parseKept(text);
    if (value) Object.freeze(value.kinds);
    readBackTexts.set(text, value);
  }
  return value;
}

/** A kept classification's text parsed; undefined for a text that is not one (it is then worked out again). */
function parseKept(text: string): Classification | undefined {
  try {
    const value = JSON.parse(text) as { kinds?: unknown; person?: unknown };
    const kindsOk = Array.isArray(value.kinds) && value.kinds.every((k) => typeof k === 'string' && KIND_NAMES.has(k));
    if (!kindsOk || (value.person !== undefined && typeof value.person !== 'string')) return undefined;
    return value as Classification;
  } catch {
    return undefined;
  }
}

/** Whether the post's field is still to be worked out (not set since, by hand or by a classification). */
const stillLazy = (post: object, key: string) => !Object.hasOwn(post, key) || Object.getOwnPropertyDescriptor(post, key)!.get !== undefined;

/**
 * A post's kinds and person, worked out when either is first read (or found kept in the cache for this version of the
 * post and these rules) and from then on plain properties. A start reads every post and a reply shows a few:
 * classifying every post at load was the largest share of a first start's work. `read` is what the rules look at
 * (the post, unless its body is better read without keeping it: see SnapshotPost).
 */
export function classifyNow(post: object, classifier: Classifier, read: () => Classifiable): Classification {
  const text = keeper?.get(post);
  const kept = text === undefined ? undefined : readBack(text);
  const worked = kept ?? classifiedSafely(classifier, read);
  const { kinds, person } = worked ?? NO_KIND;
  if (kept === undefined && worked) keeper?.set(post, JSON.stringify({ kinds, person }));
  if (stillLazy(post, 'kinds')) ownField(post, 'kinds', kinds);
  if (stillLazy(post, 'person')) ownField(post, 'person', person);
  return { kinds, person };
}

/** What a post whose words break the rules is: of no kind (not kept, so that it is tried again at the next start). */
const NO_KIND: Classification = Object.freeze({ kinds: Object.freeze([]) as unknown as Classification['kinds'] });

/**
 * The rules' verdict, or undefined when the post breaks them (whatever the error): a post's kinds are read in the
 * middle of a command, where one hostile post must not fail the answer for the others.
 */
function classifiedSafely(classifier: Classifier, read: () => Classifiable): Classification | undefined {
  try {
    return classifier.classify(read());
  } catch {
    return undefined;
  }
}

/** Which classifier each post waiting for its kinds is classified by. */
const classifiers = new WeakMap<object, Classifier>();

const whenRead = (key: 'kinds' | 'person'): PropertyDescriptor => ({
  get(this: Post) {
    return classifyNow(this, classifiers.get(this)!, () => this)[key];
  },
  set(this: Post, value: unknown) {
    ownField(this, key, value);
  },
  enumerable: true,
  configurable: true,
});

/** The accessors a post gets in place of its kinds and person (one object for all posts). */
const ACCESSORS: PropertyDescriptorMap = { kinds: whenRead('kinds'), person: whenRead('person') };

/** Give a post its kinds (and person) by these rules on first use. */
export function classifyLater(post: ParsedPost, classifier: Classifier): Post {
  classifiers.set(post, classifier);
  return Object.defineProperties(post, ACCESSORS) as Post;
}
