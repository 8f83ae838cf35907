import { sql } from '@switchyard/store';

/** A value for a jsonb column: serialised here, so both Postgres drivers store the same JSON. */
export const jsonb = <T>(value: T) => sql<T>`cast(${JSON.stringify(value)} as jsonb)`;

/** Offset pagination with a hard maximum (the original showed the first 10 and nothing else). */
export interface PageRequest {
  limit: number;
  offset: number;
}

export interface Page<T> {
  items: T[];
  total: number;
  limit: number;
  offset: number;
}

/** `%text%` for ILIKE with the pattern characters escaped. */
export const containsPattern = (text: string): string => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
