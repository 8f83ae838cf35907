/** The script most letters of `text` are in: Cyrillic → `ru`, Latin → `en`, else null. */
export function detectLanguage(text: string): 'ru' | 'en' | null {
  let cyrillic = 0;
  let latin = 0;
  for (const ch of text) {
    if (/\p{Script=Cyrillic}/u.test(ch)) cyrillic++;
    else if (/[A-Za-z]/.test(ch)) latin++;
  }
  if (cyrillic === 0 && latin === 0) return null;
  return cyrillic >= latin ? 'ru' : 'en';
}
