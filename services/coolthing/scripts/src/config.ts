import { z } from '@switchyard/kit';

/** The scripts service's own variables. */
export const scriptsEnv = z.object({
  /** Seconds between planning a run and its chats' start (the first line's delay comes on top). */
  SCRIPTS_PLAN_START_DELAY_SECONDS: z.coerce.number().int().min(0).max(86_400).default(0),
});
