/** A signing key's timeline. */
export interface KeyTimes {
  kid: string;
  createdAt: Date;
  /** Published from creation; signs from here on until a newer key activates. */
  activatesAt: Date;
}

export interface KeyPolicy {
  /** How long after creation a new key starts signing (verifiers fetch it meanwhile). */
  activationDelayMs: number;
  /** How long a key stays published after it stopped signing: access-token TTL + clock skew, at least. */
  retiredKeepMs: number;
  /** Age of the newest key after which a new one is created. */
  rotationIntervalMs: number;
}

export interface KeySchedule {
  /** The key that signs now (the newest active one). */
  signing: string | undefined;
  /** Keys in the JWKS: pending, signing, and retired ones still inside their grace period. */
  published: string[];
  /** Retired keys whose grace period is over. */
  removable: string[];
  /** When each retired key stopped signing. */
  retiredAt: Record<string, Date>;
}

const byActivation = (a: KeyTimes, b: KeyTimes) =>
  a.activatesAt.getTime() - b.activatesAt.getTime() || a.createdAt.getTime() - b.createdAt.getTime();

/** Which key signs, which are published and which can go, at `now`. */
export function keySchedule(
  keys: readonly KeyTimes[],
  now: Date,
  policy: Pick<KeyPolicy, 'retiredKeepMs'>,
): KeySchedule {
  const t = now.getTime();
  const sorted = [...keys].sort(byActivation);
  const active = sorted.filter((k) => k.activatesAt.getTime() <= t);
  const pending = sorted.filter((k) => k.activatesAt.getTime() > t);
  const signing = active.at(-1);
  const published: string[] = [];
  const removable: string[] = [];
  const retiredAt: Record<string, Date> = {};
  active.forEach((key, i) => {
    const next = active[i + 1];
    if (!next) {
      published.push(key.kid);
      return;
    }
    retiredAt[key.kid] = next.activatesAt;
    if (next.activatesAt.getTime() + policy.retiredKeepMs <= t) removable.push(key.kid);
    else published.push(key.kid);
  });
  published.push(...pending.map((k) => k.kid));
  return { signing: signing?.kid, published, removable, retiredAt };
}

/** True when the newest key is older than the rotation interval (or there is none). */
export function rotationDue(
  keys: readonly KeyTimes[],
  now: Date,
  policy: Pick<KeyPolicy, 'rotationIntervalMs'>,
): boolean {
  const newest = Math.max(...keys.map((k) => k.createdAt.getTime()));
  return keys.length === 0 || newest + policy.rotationIntervalMs <= now.getTime();
}

/** When a key created at `now` starts signing; the very first key signs at once (nothing else can). */
export function activationOf(
  keys: readonly KeyTimes[],
  now: Date,
  policy: Pick<KeyPolicy, 'activationDelayMs'>,
): Date {
  const anyActive = keys.some((k) => k.activatesAt.getTime() <= now.getTime());
  return anyActive ? new Date(now.getTime() + policy.activationDelayMs) : now;
}
