/**
 * lazySchema (core/api/lazy-schema.ts): a schema built on first use behaves as the schema it
 * builds — parse results and messages, zod's instanceof, embedding in other schemas — and is
 * built once, only when something reads it.
 */
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { lazySchema } from '../../../core/api/lazy-schema';

const shape = () => z.object({ n: z.number().int().min(1), tag: z.enum(['a', 'b']).optional() }).strict();

describe('lazySchema', () => {
  it('builds nothing until read, then once', () => {
    let builds = 0;
    const s = lazySchema(() => {
      builds++;
      return shape();
    });
    const outer = lazySchema(() => z.object({ inner: s }));
    expect(builds).toBe(0);
    expect(s.safeParse({ n: 2 }).success).toBe(true);
    expect(s.parse({ n: 3, tag: 'b' })).toEqual({ n: 3, tag: 'b' });
    expect(outer.parse({ inner: { n: 1 } })).toEqual({ inner: { n: 1 } });
    expect(builds).toBe(1);
  });

  it('gives the same results and messages as the schema built at once', () => {
    const eager = shape();
    const lazy = lazySchema(shape);
    for (const input of [{ n: 1 }, { n: 0 }, { n: 1.5 }, { n: 2, tag: 'c' }, { n: 2, extra: 1 }, null, 'x', {}]) {
      const a = eager.safeParse(input);
      const b = lazy.safeParse(input);
      expect(b.success).toBe(a.success);
      expect(b.error?.issues).toEqual(a.error?.issues);
      expect(b.data).toEqual(a.data);
    }
  });

  it('is a zod schema to zod: instanceof, .shape, .optional() and .partial() in other schemas', () => {
    const lazy = lazySchema(shape);
    expect(lazy instanceof z.ZodType).toBe(true);
    expect(lazy instanceof z.ZodObject).toBe(true);
    expect(lazy instanceof z.ZodString).toBe(false);
    expect(Object.keys(lazy.shape)).toEqual(['n', 'tag']);
    expect('shape' in lazy).toBe(true);
    const wrapped = z.object({ a: lazy.optional(), b: lazy.partial() });
    expect(wrapped.parse({ b: {} })).toEqual({ b: {} });
    expect(wrapped.safeParse({ a: { n: 0 }, b: {} }).error?.issues[0]?.path).toEqual(['a', 'n']);
    expect(z.union([z.string(), lazy]).parse({ n: 5 })).toEqual({ n: 5 });
  });
});
