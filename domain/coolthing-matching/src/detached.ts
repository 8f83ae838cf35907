// V8 makes a slice of 13 or more characters a view into the original string. A cache key cut
// from a message would then keep the whole message alive for as long as the key is cached.
const SHARED_SLICE_MIN_LENGTH = 13;
const CHUNK = 4096;

/** A copy of `text` that shares no memory with a longer string it may have been cut from. */
export function detached(text: string): string {
  if (text.length < SHARED_SLICE_MIN_LENGTH) return text;
  const parts: string[] = [];
  const units: number[] = [];
  for (let start = 0; start < text.length; start += CHUNK) {
    units.length = 0;
    const end = Math.min(text.length, start + CHUNK);
    for (let i = start; i < end; i++) units.push(text.charCodeAt(i));
    parts.push(String.fromCharCode(...units));
  }
  return parts.length === 1 ? (parts[0] ?? '') : parts.join('');
}
