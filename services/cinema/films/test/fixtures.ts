/** A small catalogue of our own for tests: real films where facts matter, fillers for paging. */
export interface FixtureFilm {
  slug: string;
  title: string;
  original_title: string;
  title_ru: string | null;
  tagline: string | null;
  overview: string;
  overview_ru: string | null;
  release_date: string | null;
  runtime: number | null;
  genres: string[];
  countries: string[];
  languages: string[];
  companies: string[];
  budget: number | null;
  adult: boolean;
  popularity: number;
  imdb_id: string | null;
  trailer_youtube_id: string | null;
}

const film = (f: Partial<FixtureFilm> & Pick<FixtureFilm, 'slug' | 'title'>): FixtureFilm => ({
  original_title: f.title,
  title_ru: null,
  tagline: null,
  overview: '',
  overview_ru: null,
  release_date: null,
  runtime: null,
  genres: [],
  countries: [],
  languages: ['en'],
  companies: [],
  budget: null,
  adult: false,
  popularity: 10,
  imdb_id: null,
  trailer_youtube_id: null,
  ...f,
});

export const namedFilms: FixtureFilm[] = [
  film({
    slug: 'the-godfather-1972',
    title: 'The Godfather',
    title_ru: 'Крёстный отец',
    tagline: "An offer you can't refuse.",
    overview:
      'The aging patriarch of an organized crime dynasty transfers control of his clandestine empire to his reluctant son.',
    overview_ru: 'Стареющий глава мафиозного клана передаёт управление своей империей младшему сыну.',
    release_date: '1972-03-14',
    runtime: 175,
    genres: ['Drama', 'Crime'],
    countries: ['US'],
    companies: ['Paramount Pictures'],
    budget: 6000000,
    popularity: 95,
    imdb_id: 'tt0068646',
    trailer_youtube_id: 'sY1S34973zA',
  }),
  film({
    slug: 'moon-2009',
    title: 'Moon',
    title_ru: 'Луна 2112',
    overview:
      'Astronaut Sam Bell nears the end of a lonely three-year shift mining helium on the far side of the Moon, until he meets someone who looks exactly like him.',
    overview_ru:
      'Астронавт Сэм Белл заканчивает трёхлетнюю одинокую смену по добыче гелия на обратной стороне Луны.',
    release_date: '2009-06-12',
    runtime: 97,
    genres: ['Science Fiction', 'Drama'],
    countries: ['GB'],
    popularity: 60,
    imdb_id: 'tt1182345',
  }),
  film({
    slug: 'gravity-2013',
    title: 'Gravity',
    title_ru: 'Гравитация',
    overview:
      'Two astronauts work together to survive after an accident leaves them stranded in orbit, drifting through space.',
    overview_ru: 'Двое астронавтов пытаются выжить после аварии на орбите.',
    release_date: '2013-10-04',
    runtime: 91,
    genres: ['Science Fiction', 'Thriller'],
    countries: ['US', 'GB'],
    popularity: 80,
  }),
  film({
    slug: 'amelie-2001',
    title: 'Amélie',
    original_title: "Le Fabuleux Destin d'Amélie Poulain",
    title_ru: 'Амели',
    overview:
      'A shy waitress in Montmartre decides to change the lives of the people around her for the better.',
    overview_ru: 'Застенчивая официантка с Монмартра решает изменить жизнь окружающих к лучшему.',
    release_date: '2001-04-25',
    runtime: 122,
    genres: ['Comedy', 'Romance'],
    countries: ['FR', 'DE'],
    languages: ['fr'],
    popularity: 70,
  }),
  film({
    slug: 'cinema-paradiso-1988',
    title: 'Cinema Paradiso',
    original_title: 'Nuovo Cinema Paradiso',
    title_ru: 'Новый кинотеатр «Парадизо»',
    overview: 'A filmmaker recalls his childhood falling in love with the movies at his village theatre.',
    release_date: '1988-11-17',
    runtime: 155,
    // Drama is first among genres, France second among countries: the original's zipped
    // jsonb filter could never find this film for genre=Drama&country=FR.
    genres: ['Drama', 'Romance'],
    countries: ['IT', 'FR'],
    languages: ['it'],
    popularity: 55,
  }),
  film({
    slug: '100-wolf-2020',
    title: '100% Wolf',
    overview: 'A boy from a family of werewolves transforms into a poodle instead of a wolf.',
    release_date: '2020-06-26',
    genres: ['Animation', 'Family'],
    countries: ['AU'],
    popularity: 20,
  }),
  film({
    slug: 'night-visitors-1999',
    title: 'Night Visitors',
    overview: 'An adults-only picture kept out of the catalogue unless asked for.',
    release_date: '1999-01-01',
    genres: ['Drama'],
    countries: ['US'],
    adult: true,
    popularity: 99,
  }),
  film({
    slug: 'untitled-project',
    title: 'Untitled Project',
    overview: 'A film whose release date nobody knows yet.',
    genres: ['Documentary'],
    countries: ['CA'],
    popularity: 5,
  }),
];

/** Fillers with distinct titles and dates and some equal popularities (to test tie-breaks). */
export const fillerFilms: FixtureFilm[] = Array.from({ length: 22 }, (_, i) => {
  const n = String(i + 1).padStart(2, '0');
  return film({
    slug: `filler-${n}`,
    title: `Filler ${n}`,
    overview: `Filler number ${n} for paging tests.`,
    release_date: `${1950 + i * 3}-0${(i % 9) + 1}-15`,
    genres: i % 2 ? ['Comedy'] : ['Western', 'Drama'],
    countries: i % 3 ? ['US'] : ['SE'],
    popularity: 30 + (i % 4),
  });
});

export const fixtureCatalogue: FixtureFilm[] = [...namedFilms, ...fillerFilms];
