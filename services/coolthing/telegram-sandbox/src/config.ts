import { z } from 'zod';

const flag = (fallback: 'true' | 'false') =>
  z
    .enum(['true', 'false', 'on', 'off', '1', '0'])
    .default(fallback)
    .transform((v) => v === 'true' || v === 'on' || v === '1');

/** The sandbox's own settings; every one has a default, so it starts with nothing set. */
export const sandboxEnv = z.object({
  /** Seed of the world: the same seed gives the same users, chats and chatter. */
  SANDBOX_SEED: z.coerce
    .number()
    .int()
    .min(0)
    .max(2 ** 31)
    .default(42),
  /** Seed the demo world (a dozen chats, accounts by role, a bot) when the database is empty. */
  SANDBOX_DEMO_WORLD: flag('true'),
  /** Sandbox seconds per real second (tests run at 60 or more). */
  SANDBOX_TIME_SCALE: z.coerce.number().positive().max(100_000).default(1),
  /** Simulated members post on their own. */
  SANDBOX_CHATTER: flag('true'),
  /** Messages per sandbox minute in each demo chat. */
  SANDBOX_CHATTER_PER_MINUTE: z.coerce.number().min(0).max(600).default(2),
  /** How often (real ms) the world's clock runs scheduled replies and chatter. */
  SANDBOX_TICK_MS: z.coerce.number().int().min(10).max(10_000).default(200),
  /** How often (real ms) changes are written to the database. */
  SANDBOX_FLUSH_MS: z.coerce.number().int().min(20).max(60_000).default(250),
  /** `roles`: world control needs an admin/owner/operator token; `open`: anyone on the network (tests, local demos). */
  SANDBOX_CONTROL_AUTH: z.enum(['roles', 'open']).default('roles'),
  /** Token of the demo notification bot (a sandbox-only value; give the notifier the same one). */
  SANDBOX_DEMO_BOT_TOKEN: z
    .string()
    .regex(/^\d{1,12}:[A-Za-z0-9_-]{8,100}$/, 'a bot token like 123456:abc-DEF_ghi')
    .default('8000000001:sandbox-demo-notify-token'),
});

export type SandboxConfig = z.output<typeof sandboxEnv>;
