// What a FloodWait means for a parser account: a short one is waited out on the spot, a long
// one pauses the account (its chats go to the campaign's other parser accounts meanwhile).

export type FloodDecision = { kind: 'sleep'; ms: number } | { kind: 'pause'; seconds: number; until: Date };

/**
 * `seconds` are Telegram's; `timeScale` > 1 shortens the real wait (the sandbox's clock runs
 * faster by the same factor), so `until` is in real time.
 */
export function floodDecision(
  seconds: number,
  longSeconds: number,
  timeScale: number,
  now: Date,
): FloodDecision {
  const realMs = Math.ceil((seconds * 1000) / timeScale);
  if (seconds <= longSeconds) return { kind: 'sleep', ms: realMs };
  return { kind: 'pause', seconds, until: new Date(now.getTime() + realMs) };
}
