import { defineRoute, jsonBody, problems, z } from '@switchyard/kit';
import { countryName } from '../domain/countries';
import { genreNameRu } from '../domain/genres';
import { filterValues } from '../repositories/catalogue';
import type { Deps } from './deps';
import { adultParam, schemas } from './schemas';

export const filterValuesRoute = (deps: Deps) =>
  defineRoute(
    {
      method: 'get',
      path: '/filters',
      tags: ['catalogue'],
      summary: 'Genres, countries and years present in the catalogue, with film counts',
      request: { query: z.object({ adult: adultParam }) },
      responses: { 200: jsonBody(schemas.FilterValues, 'Filter values'), ...problems(400) },
    },
    async (c) => {
      const adult = c.req.valid('query').adult;
      const values = await deps.listing.get(`filters:${adult}`, () => filterValues(deps.db, adult));
      return c.json(
        {
          genres: values.genres.map((g) => ({ name: g.name, nameRu: genreNameRu(g.name), count: g.count })),
          countries: values.countries.map((x) => ({
            code: x.code,
            name: countryName(x.code, 'en'),
            nameRu: countryName(x.code, 'ru'),
            count: x.count,
          })),
          years: values.years,
        },
        200,
      );
    },
  );
