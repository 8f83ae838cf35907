import { FILM_GENRES, type FilmGenre } from '@switchyard/contracts';

export { FILM_GENRES, type FilmGenre };

const RUSSIAN: Record<FilmGenre, string> = {
  Action: 'Боевик',
  Adventure: 'Приключения',
  Animation: 'Мультфильм',
  Comedy: 'Комедия',
  Crime: 'Криминал',
  Documentary: 'Документальный',
  Drama: 'Драма',
  Family: 'Семейный',
  Fantasy: 'Фэнтези',
  History: 'История',
  Horror: 'Ужасы',
  Music: 'Музыка',
  Mystery: 'Детектив',
  Romance: 'Мелодрама',
  'Science Fiction': 'Фантастика',
  Thriller: 'Триллер',
  War: 'Военный',
  Western: 'Вестерн',
};

export function isGenre(name: string): name is FilmGenre {
  return (FILM_GENRES as readonly string[]).includes(name);
}

export function genreNameRu(name: string): string {
  return isGenre(name) ? RUSSIAN[name] : name;
}
