import { describe, expect, it } from 'vitest';
import { posterHue, renderPosterSvg, wrapTitle } from './poster-svg';

describe('generated posters', () => {
  it('shows the title and year', () => {
    const svg = renderPosterSvg({ slug: 'moon-2009', title: 'Moon', year: 2009 });
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    expect(svg).toContain('>Moon</text>');
    expect(svg).toContain('>2009</text>');
  });

  it('leaves the year out when it is unknown, never printing "None" or "null"', () => {
    const svg = renderPosterSvg({ slug: 'untitled', title: 'Untitled', year: null });
    expect(svg).not.toMatch(/None|null|undefined|NaN/);
  });

  it('escapes the title so it cannot inject markup', () => {
    const svg = renderPosterSvg({ slug: 'x', title: '<script>alert("x")</script> & Co', year: 2000 });
    expect(svg).not.toContain('<script>');
    expect(svg).toContain('&#60;script&#62;');
    expect(svg).toContain('&#38; Co');
  });

  it('derives a stable colour from the slug', () => {
    expect(posterHue('moon-2009')).toBe(posterHue('moon-2009'));
    const hues = new Set(['a', 'b', 'c', 'd', 'e', 'f'].map(posterHue));
    expect(hues.size).toBeGreaterThan(3);
  });

  it('wraps long titles into a few lines', () => {
    expect(wrapTitle('The Good, the Bad and the Ugly')).toEqual(['The Good, the', 'Bad and the Ugly']);
    const long = wrapTitle('word '.repeat(60));
    expect(long).toHaveLength(6);
    expect(long[5]!.endsWith('…')).toBe(true);
    expect(wrapTitle('Supercalifragilisticexpialidocious')).toEqual([
      'Supercalifragili',
      'sticexpialidocio',
      'us',
    ]);
  });
});
