/** A failure that retrying cannot fix: the message goes to the dead-letter queue at once. */
export class PermanentError extends Error {
  override name = 'PermanentError';
}
