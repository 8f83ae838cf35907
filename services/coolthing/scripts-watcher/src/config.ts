import { z } from '@switchyard/kit';

export const watcherEnv = z.object({
  /** Run seconds per real second (the sandbox's SANDBOX_TIME_SCALE in tests): scales the normal silence. */
  TIME_SCALE: z.coerce.number().positive().max(100_000).default(1),
  /** Silence beyond a run's longest planned gap that still is not a stall (real seconds). */
  STALL_GRACE_SECONDS: z.coerce.number().min(0).max(86_400).default(60),
  /** Longest normal gap for a run whose plan could not be read (run seconds). */
  STALL_DEFAULT_GAP_SECONDS: z.coerce
    .number()
    .min(0)
    .max(7 * 86_400)
    .default(600),
  STALL_CHECK_SECONDS: z.coerce.number().min(0.05).max(3600).default(5),
});

export type WatcherEnv = z.output<typeof watcherEnv>;
