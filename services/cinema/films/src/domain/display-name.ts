/**
 * What to call a user who never told us their name. Identity's ids are UUIDv7, whose first
 * characters are a timestamp shared by users who signed up together, so the tail is used.
 */
export function fallbackDisplayName(userId: string): string {
  const tail = userId.replace(/[^A-Za-z0-9]/g, '').slice(-6) || userId.slice(0, 6);
  return `User ${tail}`;
}

export function displayNameOf(userId: string, stored: string | null | undefined): string {
  const name = stored?.trim();
  return name ? name : fallbackDisplayName(userId);
}
