import { z } from 'zod';
import { defineEvent, defineExchange } from '../define';

/** The exchange, event and tables the chaos tests use; shared by the test and its child process. */
export const chaosExchange = defineExchange({ name: 'chaos_exchange' });

export const ChaosTick = defineEvent({
  type: 'chaos.tick',
  exchange: chaosExchange,
  routingKey: 'chaos.tick',
  schema: z.object({ n: z.number().int().min(0), pad: z.string() }),
});

export const handledTable = {
  name: '0001_handled',
  // No unique constraint on purpose: a duplicate effect must show up as an extra row.
  sql: 'CREATE TABLE handled (event_id text NOT NULL, n integer NOT NULL, at timestamptz NOT NULL DEFAULT now());',
};
