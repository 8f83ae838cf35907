/**
 * What every CoolThing system test starts its services with: an owner to sign in as, the
 * gateway's and identity's limits out of the way, and a quiet sandbox whose clock runs `scale`
 * times faster than real time (the services' own waits are scaled to match by each harness).
 */
export function systemTestEnv(options: {
  owner: { email: string; password: string };
  scale: number;
  /** The admin's demo campaign and script (what `npm start` shows). */
  demo: boolean;
}): Record<string, string> {
  return {
    LOG_LEVEL: 'warn',
    OWNER_EMAIL: options.owner.email,
    OWNER_PASSWORD: options.owner.password,
    IDENTITY_KEY_ACTIVATION_DELAY_SECONDS: '0',
    RATE_LIMIT_PER_MINUTE: '100000',
    SANDBOX_TIME_SCALE: String(options.scale),
    SANDBOX_CHATTER: 'off',
    SANDBOX_CONTROL_AUTH: 'open',
    COOLTHING_DEMO: String(options.demo),
    ADMIN_FLOOD_SWEEP_SECONDS: '1',
  };
}
