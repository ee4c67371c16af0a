/**
 * Defines an enumerable property worked out on first read: GraphQL's default resolver reads a property only
 * when the query selects it, so long lists are built only for the queries that ask for them.
 */
export function lazyProperty<T extends object, K extends keyof T>(target: T, key: K, build: () => T[K]): T {
  let value: T[K];
  let built = false;
  Object.defineProperty(target, key, {
    enumerable: true,
    configurable: true,
    get: () => {
      if (!built) {
        value = build();
        built = true;
      }
      return value;
    },
    set: (next: T[K]) => {
      value = next;
      built = true;
    },
  });
  return target;
}
