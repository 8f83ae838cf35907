import { Counter, Gauge, type Registry } from 'prom-client';

/** The films service's domain metrics, next to the platform's HTTP and bus series. */
export class FilmsMetrics {
  readonly searches: Counter<'kind' | 'mode'>;
  readonly ratings: Counter<'action'>;
  readonly comments: Counter<'action'>;
  readonly embeddedFilms: Gauge;

  constructor(registry: Registry) {
    const registers = [registry];
    this.searches = new Counter({
      name: 'cinema_films_searches_total',
      help: 'Searches by kind (search, smart) and the mode that answered (fulltext, semantic)',
      labelNames: ['kind', 'mode'],
      registers,
    });
    this.ratings = new Counter({
      name: 'cinema_films_ratings_total',
      help: 'Ratings set and removed',
      labelNames: ['action'],
      registers,
    });
    this.comments = new Counter({
      name: 'cinema_films_comments_total',
      help: 'Comments posted, edited, deleted, hidden and restored',
      labelNames: ['action'],
      registers,
    });
    this.embeddedFilms = new Gauge({
      name: 'cinema_films_embedded_films',
      help: 'Films with an up-to-date vector for the configured embedding model',
      registers,
    });
  }
}
