import { createHash } from 'node:crypto';

export interface PosterSubject {
  slug: string;
  title: string;
  year: number | null;
}

const escapeXml = (text: string) =>
  text.replace(/\p{Cc}/gu, '').replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

/** Splits a title into at most `maxLines` lines of about `width` characters. */
export function wrapTitle(title: string, width = 16, maxLines = 6): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of title.split(/\s+/).filter(Boolean)) {
    const chunks = word.length > width ? (word.match(new RegExp(`.{1,${width}}`, 'gu')) ?? [word]) : [word];
    for (const chunk of chunks) {
      if (!line) line = chunk;
      else if (line.length + 1 + chunk.length <= width) line += ` ${chunk}`;
      else {
        lines.push(line);
        line = chunk;
      }
    }
  }
  if (line) lines.push(line);
  if (lines.length <= maxLines) return lines;
  const kept = lines.slice(0, maxLines);
  kept[maxLines - 1] = `${kept[maxLines - 1]!.slice(0, width - 1)}…`;
  return kept;
}

/** A hue from the slug, so a film keeps its colour and neighbours differ. */
export function posterHue(slug: string): number {
  return createHash('sha256').update(slug).digest().readUInt16BE(0) % 360;
}

/** A 2:3 poster with the title and year on a colour derived from the slug. */
export function renderPosterSvg(film: PosterSubject): string {
  const hue = posterHue(film.slug);
  const lines = wrapTitle(film.title);
  const fontSize = lines.length > 4 ? 34 : 42;
  const lineHeight = Math.round(fontSize * 1.2);
  const top = 300 - ((lines.length - 1) * lineHeight) / 2;
  const text = lines
    .map(
      (l, i) =>
        `<text x="200" y="${Math.round(top + i * lineHeight)}" font-size="${fontSize}" font-weight="700">${escapeXml(l)}</text>`,
    )
    .join('');
  const year = film.year ? `<text x="200" y="540" font-size="28" opacity="0.8">${film.year}</text>` : '';
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="400" height="600" viewBox="0 0 400 600" role="img" aria-label="${escapeXml(film.title)}">` +
    `<defs><linearGradient id="g" x1="0" y1="0" x2="0.6" y2="1">` +
    `<stop offset="0" stop-color="hsl(${hue},55%,38%)"/><stop offset="1" stop-color="hsl(${(hue + 40) % 360},60%,14%)"/>` +
    `</linearGradient></defs>` +
    `<rect width="400" height="600" fill="url(#g)"/>` +
    `<rect x="16" y="16" width="368" height="568" fill="none" stroke="#fff" stroke-opacity="0.25" stroke-width="2"/>` +
    `<g fill="#fff" text-anchor="middle" font-family="Georgia, 'Times New Roman', serif">${text}${year}</g>` +
    `</svg>`
  );
}
