import { describe, expect, it } from 'vitest';
import type { FilmDetails } from '../../api/types';
import { changedInput, createInput, emptyForm, formOf } from './film-form';

const film = {
  id: 7,
  slug: 'alien-1979',
  title: 'Alien',
  originalTitle: 'Alien',
  titleRu: 'Чужой',
  tagline: 'In space no one can hear you scream.',
  releaseDate: '1979-05-25',
  year: 1979,
  runtime: 117,
  genres: ['Horror', 'Science Fiction'],
  countries: ['US', 'GB'],
  adult: false,
  popularity: 70,
  posterUrl: '/p.svg',
  posterGenerated: true,
  rating: { average: null, count: 0 },
  overview: 'A crew meets a creature.',
  overviewRu: null,
  languages: ['en'],
  companies: ['Brandywine', 'Twentieth Century Fox'],
  budget: 11000000,
  imdbId: 'tt0078748',
  imdbUrl: null,
  trailer: null,
  commentsCount: 0,
  createdAt: '',
  updatedAt: '',
  me: null,
} satisfies FilmDetails;

describe('film editor form', () => {
  it('sends only what changed, and a cleared field as null', () => {
    const original = formOf(film);
    const edited = {
      ...original,
      tagline: '',
      runtime: '',
      budget: '12000000',
      countries: 'us, gb, fr',
      slug: '',
    };
    expect(changedInput(original, edited)).toEqual({
      tagline: null,
      runtime: null,
      budget: 12000000,
      countries: ['US', 'GB', 'FR'],
    });
    expect(changedInput(original, original)).toEqual({});
  });

  it('creates with the filled fields only', () => {
    const input = createInput({
      ...emptyForm,
      title: ' Solaris ',
      releaseDate: '1972-03-20',
      genres: ['Drama'],
      companies: 'Mosfilm\n\n',
    });
    expect(input).toEqual({
      title: 'Solaris',
      releaseDate: '1972-03-20',
      genres: ['Drama'],
      companies: ['Mosfilm'],
    });
  });
});
