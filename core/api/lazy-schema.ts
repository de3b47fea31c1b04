/**
 * A zod schema built on first use. zod 4 makes every schema instance bind its ~50 methods, so the
 * ~1,050 schemas of the API, the reports, the monitors and every analysis cost 30-100 ms of each
 * command's start-up when built at module load, while a command validates with a handful of them
 * (`plumbline performance` needs the performance options and two API arguments). Wrapping a
 * top-level schema in lazySchema defers building it, and everything only it uses, to the first
 * property read — a parse, a `.shape`, an `.optional()` in a schema that embeds it — and is the
 * same schema from then on: the type is unchanged, so callers do not know.
 */
export function lazySchema<T extends object>(build: () => T): T {
  let built: T | undefined;
  const schema = (): T => (built ??= build());
  // The target is an empty object, never touched: every read goes to the built schema, whose
  // getters and methods then see the schema itself as `this` (zod binds its methods to it anyway).
  return new Proxy({} as T, {
    get: (_target, key) => Reflect.get(schema(), key),
    has: (_target, key) => Reflect.has(schema(), key),
    getPrototypeOf: () => Reflect.getPrototypeOf(schema()),
    set: (_target, key, value) => Reflect.set(schema(), key, value),
  });
}
