/**
 * Where a value worked out from a post once (its summary, its kinds) is kept for the next start: the post cache, for
 * a post it holds (see PostCache.kept). Set by the cache's module, which the modules that work the values out may not
 * import (the cache imports the posts).
 */
export interface ValueKeeper {
  /** The value kept for this very version of the post, or undefined when it must be worked out. */
  get(post: object): string | undefined;
  set(post: object, value: string): void;
}
