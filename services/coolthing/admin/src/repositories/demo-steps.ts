import type { Conn } from '../db';
import { jsonb } from './common';

export async function demoStep(db: Conn, step: string): Promise<Record<string, unknown> | null> {
  const row = await db.selectFrom('demo_steps').select('result').where('step', '=', step).executeTakeFirst();
  return row?.result ?? null;
}

export async function markDemoStep(db: Conn, step: string, result: Record<string, unknown>): Promise<void> {
  await db
    .insertInto('demo_steps')
    .values({ step, result: jsonb(result) })
    .onConflict((oc) => oc.column('step').doNothing())
    .execute();
}
