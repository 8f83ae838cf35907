import { describe, expect, it } from 'vitest';
import { KeywordAutomaton } from './keyword-automaton';

/** All (end position, pattern) pairs the automaton reports for a symbol sequence. */
function run(automaton: KeywordAutomaton, symbols: readonly number[]): [number, number][] {
  const found: [number, number][] = [];
  let state = KeywordAutomaton.ROOT;
  symbols.forEach((symbol, position) => {
    state = automaton.next(state, symbol);
    for (let k = automaton.outputStart[state] ?? 0; k < (automaton.outputStart[state + 1] ?? 0); k++) {
      found.push([position, automaton.outputs[k] ?? -1]);
    }
  });
  return found.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
}

describe('KeywordAutomaton', () => {
  // The textbook he / she / his / hers example, with letters as symbols.
  const letters = (word: string) => [...word].map((ch) => ch.charCodeAt(0) - 97);
  const automaton = new KeywordAutomaton(['he', 'she', 'his', 'hers'].map(letters), 26);

  it('reports overlapping patterns and patterns inside others', () => {
    expect(run(automaton, letters('ushers'))).toEqual([
      [3, 0],
      [3, 1],
      [5, 3],
    ]);
    expect(run(automaton, letters('hishe'))).toEqual([
      [2, 2],
      [4, 0],
      [4, 1],
    ]);
  });

  it('resets on a symbol that is in no pattern', () => {
    expect(run(automaton, [...letters('h'), -1, ...letters('e')])).toEqual([]);
  });

  it('refuses empty patterns and symbols outside the alphabet', () => {
    expect(() => new KeywordAutomaton([[]], 1)).toThrow(/empty/);
    expect(() => new KeywordAutomaton([[3]], 2)).toThrow(/outside/);
  });

  it('builds a state per distinct prefix', () => {
    expect(automaton.stateCount).toBe(1 + 'he'.length + 'she'.length + 'is'.length + 'rs'.length);
  });
});
