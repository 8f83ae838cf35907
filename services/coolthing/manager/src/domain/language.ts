export type Lang = 'ru' | 'en';

/** The language to write in: the parser's guess, else the script of the text, else the campaign's first. */
export function chooseLanguage(input: {
  detected: string | null;
  text: string;
  campaignLanguages: readonly string[];
}): Lang {
  const d = input.detected?.toLowerCase().slice(0, 2);
  if (d === 'ru' || d === 'en') return d;
  const cyrillic = (input.text.match(/[\u0400-\u04ff]/g) ?? []).length;
  const latin = (input.text.match(/[a-z]/gi) ?? []).length;
  if (cyrillic + latin > 0) return cyrillic >= latin ? 'ru' : 'en';
  const first = input.campaignLanguages[0]?.toLowerCase().slice(0, 2);
  return first === 'ru' ? 'ru' : 'en';
}
