import { z } from '@switchyard/kit';

export const iso = (d: Date | string | null | undefined): string | null =>
  d === null || d === undefined ? null : new Date(d).toISOString();

export const isoOrThrow = (d: Date | string): string => new Date(d).toISOString();

/** `{ items, total, limit, offset }` around an item schema. */
export const pageOf = <S extends z.ZodType>(item: S, name: string) =>
  z
    .object({
      items: z.array(item),
      total: z.number().int(),
      limit: z.number().int(),
      offset: z.number().int(),
    })
    .openapi(name);

export const Id = z.string().min(1).max(64);
export const IdParam = z.object({ id: z.string().min(1).max(64) });

/** Every list: at most 100 per page (the original stopped at 10). */
export const PageQuery = {
  limit: z.coerce.number().int().min(1).max(100).default(20),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
};

export const booleanQuery = z
  .enum(['true', 'false'])
  .transform((v) => v === 'true')
  .optional();

export const Tags = z.array(z.string().trim().min(1).max(40)).max(20);
