// A/B assignment of chats to variant groups.
import { deriveSeed, rngFromSeed, shuffled } from './rng';

/**
 * Balanced, seeded assignment: group sizes differ by at most one, and which chat lands in which
 * group depends only on the seed and the set of chat ids (not their order). With no labels
 * every chat gets `null` (no A/B test).
 */
export function assignVariants(
  chatIds: readonly string[],
  labels: readonly string[],
  seed: string | number,
): Map<string, string | null> {
  const assignment = new Map<string, string | null>();
  if (labels.length === 0) {
    for (const chatId of chatIds) assignment.set(chatId, null);
    return assignment;
  }
  const rng = rngFromSeed(deriveSeed(seed, 'variants'));
  const distinct = [...new Set(chatIds)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  // Shuffling the labels too means the group that gets the extra chat is chosen by the seed.
  const order = shuffled(rng, labels);
  shuffled(rng, distinct).forEach((chatId, i) => assignment.set(chatId, order[i % order.length] ?? null));
  return assignment;
}
