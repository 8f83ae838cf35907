/**
 * The lane of a key among `lanes`: the same key always lands in the same lane (a user's
 * messages keep their order, so "the second message of a user" is always the duplicate).
 */
export function laneOf(key: string, lanes: number): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    h ^= key.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0) % lanes;
}
