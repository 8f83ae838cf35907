const english = new Intl.DisplayNames(['en'], { type: 'region', fallback: 'none' });
const russian = new Intl.DisplayNames(['ru'], { type: 'region', fallback: 'none' });

/** True for an ISO 3166-1 alpha-2 code the runtime knows a name for. */
export function isCountryCode(code: string): boolean {
  if (!/^[A-Z]{2}$/.test(code)) return false;
  try {
    return english.of(code) !== undefined;
  } catch {
    return false;
  }
}

export function countryName(code: string, locale: 'en' | 'ru' = 'en'): string {
  try {
    return (locale === 'ru' ? russian : english).of(code) ?? code;
  } catch {
    return code;
  }
}
