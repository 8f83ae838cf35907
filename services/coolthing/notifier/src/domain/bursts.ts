/**
 * Burst grouping: events of one type and key (a run, a campaign, a service) that arrive close
 * together become one message. A burst opens with its first event and is sent when it has been
 * quiet for `quietMs`, when it has been open for `windowMs` (a steady stream still produces a
 * message per window), or when it holds `maxEvents`. Pure: time is passed in. The repository
 * applies the same rule in SQL through `dueCutoffs`.
 */
export interface BurstPolicy {
  windowMs: number;
  quietMs: number;
  maxEvents: number;
}

export interface OpenBurst {
  openedAt: Date;
  lastEventAt: Date;
  events: number;
}

/** Opened-before and last-event-before instants that make a burst due at `now`. */
export function dueCutoffs(now: Date, policy: BurstPolicy): { openedBefore: Date; quietBefore: Date } {
  return {
    openedBefore: new Date(now.getTime() - policy.windowMs),
    quietBefore: new Date(now.getTime() - policy.quietMs),
  };
}

/** Whether the burst should be sent now. */
export function burstDue(burst: OpenBurst, now: Date, policy: BurstPolicy): boolean {
  const { openedBefore, quietBefore } = dueCutoffs(now, policy);
  return (
    burst.openedAt <= openedBefore || burst.lastEventAt <= quietBefore || burst.events >= policy.maxEvents
  );
}

export interface TimedEvent {
  type: string;
  key: string;
  at: Date;
}

export interface PlannedBurst<E extends TimedEvent> extends OpenBurst {
  type: string;
  key: string;
  items: E[];
  /** When the burst becomes due (its message goes out at the next compose after this). */
  dueAt: Date;
}

/**
 * Which events end up in which message, for events in arrival order: the whole rule in one
 * place, for tests and for reasoning about what operators will see.
 */
export function planBursts<E extends TimedEvent>(
  events: readonly E[],
  policy: BurstPolicy,
): PlannedBurst<E>[] {
  const done: PlannedBurst<E>[] = [];
  const open = new Map<string, PlannedBurst<E>>();
  const dueAt = (b: OpenBurst) =>
    b.events >= policy.maxEvents
      ? b.lastEventAt
      : new Date(Math.min(b.openedAt.getTime() + policy.windowMs, b.lastEventAt.getTime() + policy.quietMs));
  for (const e of events) {
    const id = `${e.type}\u0000${e.key}`;
    const current = open.get(id);
    if (current && e.at < current.dueAt) {
      current.items.push(e);
      current.events++;
      current.lastEventAt = e.at;
      current.dueAt = dueAt(current);
      continue;
    }
    if (current) done.push(current);
    const fresh: PlannedBurst<E> = {
      type: e.type,
      key: e.key,
      items: [e],
      openedAt: e.at,
      lastEventAt: e.at,
      events: 1,
      dueAt: e.at,
    };
    fresh.dueAt = dueAt(fresh);
    open.set(id, fresh);
  }
  return [...done, ...open.values()].sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime());
}
