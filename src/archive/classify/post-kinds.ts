import type { Classifier } from './classify.js';
import type { ParsedPost, Post } from '../post.js';

/**
 * A parsed post with its kinds (interview, test day, meeting) and person, by the classification rules. Run on every
 * load, cached or not: the rules (and their code) may change without the posts changing.
 */
export function classified(post: ParsedPost, classifier: Classifier): Post {
  const { kinds, person } = classifier.classify(post);
  return { ...post, kinds, person };
}
