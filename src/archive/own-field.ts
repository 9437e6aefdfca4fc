/**
 * A post's field as an own, plain property from now on, in place of the accessor that worked it out (its own or its
 * class's): what a post parsed from its file has.
 */
export function ownField<T>(post: object, key: string, value: T): T {
  Object.defineProperty(post, key, { value, enumerable: true, writable: true, configurable: true });
  return value;
}
