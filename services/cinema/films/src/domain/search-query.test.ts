import { describe, expect, it } from 'vitest';
import { escapeLike, normaliseQuery, queryWords } from './search-query';

describe('search input', () => {
  it('normalises whitespace, control characters and ё', () => {
    expect(normaliseQuery('  Крёстный\t\n  отец \u0000')).toBe('Крестный отец');
  });

  it('escapes LIKE wildcards so they match literally', () => {
    expect(escapeLike('100%_wolf\\')).toBe('100\\%\\_wolf\\\\');
  });

  it('splits a sentence into distinct words without punctuation', () => {
    expect(queryWords('Space film, about a lonely astronaut! space?')).toEqual([
      'space',
      'film',
      'about',
      'a',
      'lonely',
      'astronaut',
    ]);
    expect(queryWords("'); DROP TABLE films; --")).toEqual(['drop', 'table', 'films']);
    expect(queryWords('одинокий астронавт')).toEqual(['одинокий', 'астронавт']);
  });
});
