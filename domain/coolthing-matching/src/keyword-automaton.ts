const ROOT = 0;

/**
 * Aho-Corasick automaton over token ids instead of characters. One pass over a message's tokens
 * reports every pattern (a keyword's sequence of stem ids) ending at each token, in time that
 * depends on the message length and not on how many patterns there are.
 */
export class KeywordAutomaton {
  /** Start state, and the state after a token that is in no pattern. */
  static readonly ROOT = ROOT;

  // Transitions out of the root, indexed by symbol (0 = stay at the root): the hot case.
  private readonly rootNext: Int32Array;
  // Every other transition, keyed by state * alphabetSize + symbol.
  private readonly edges = new Map<number, number>();
  private readonly fail: Int32Array;
  /** outputs[outputStart[s] .. outputStart[s + 1]) are the patterns that end in state s. */
  readonly outputStart: Int32Array;
  readonly outputs: Int32Array;

  /**
   * @param patterns non-empty sequences of symbols in [0, alphabetSize); the outputs report a
   *   pattern by its index in this list.
   */
  constructor(
    patterns: readonly (readonly number[])[],
    private readonly alphabetSize: number,
  ) {
    this.rootNext = new Int32Array(alphabetSize);
    const children: [symbol: number, next: number][][] = [[]];
    const ends: number[][] = [[]];
    patterns.forEach((pattern, index) => {
      if (pattern.length === 0) throw new RangeError(`pattern ${index} is empty`);
      let state = ROOT;
      for (const symbol of pattern) {
        if (!Number.isInteger(symbol) || symbol < 0 || symbol >= alphabetSize) {
          throw new RangeError(`pattern ${index} has symbol ${symbol} outside [0, ${alphabetSize})`);
        }
        let next = this.child(state, symbol);
        if (next === undefined) {
          next = children.length;
          children.push([]);
          ends.push([]);
          children[state]?.push([symbol, next]);
          if (state === ROOT) this.rootNext[symbol] = next;
          else this.edges.set(state * alphabetSize + symbol, next);
        }
        state = next;
      }
      ends[state]?.push(index);
    });

    // Breadth-first, so a state's failure state (always shallower) is finished before it is used.
    const stateCount = children.length;
    this.fail = new Int32Array(stateCount);
    const order = [ROOT];
    for (let head = 0; head < order.length; head++) {
      const state = order[head] ?? ROOT;
      for (const [symbol, next] of children[state] ?? []) {
        this.fail[next] = state === ROOT ? ROOT : this.next(this.fail[state] ?? ROOT, symbol);
        order.push(next);
      }
    }

    // A state also reports what its failure state reports: a shorter pattern that ends here too.
    const reported: number[][] = [];
    for (const state of order) {
      const own = ends[state] ?? [];
      reported[state] = state === ROOT ? own : own.concat(reported[this.fail[state] ?? ROOT] ?? []);
    }
    this.outputStart = new Int32Array(stateCount + 1);
    let total = 0;
    for (let state = 0; state < stateCount; state++) {
      this.outputStart[state] = total;
      total += reported[state]?.length ?? 0;
    }
    this.outputStart[stateCount] = total;
    this.outputs = new Int32Array(total);
    for (let state = 0; state < stateCount; state++) {
      this.outputs.set(reported[state] ?? [], this.outputStart[state]);
    }
  }

  /** Number of states, root included. */
  get stateCount(): number {
    return this.fail.length;
  }

  /** The state after reading `symbol` in `state`; a negative symbol (a word in no pattern) resets. */
  next(state: number, symbol: number): number {
    if (symbol < 0) return ROOT;
    let current = state;
    for (;;) {
      if (current === ROOT) return this.rootNext[symbol] ?? ROOT;
      const target = this.edges.get(current * this.alphabetSize + symbol);
      if (target !== undefined) return target;
      current = this.fail[current] ?? ROOT;
    }
  }

  private child(state: number, symbol: number): number | undefined {
    if (state === ROOT) {
      const next = this.rootNext[symbol] ?? ROOT;
      return next === ROOT ? undefined : next;
    }
    return this.edges.get(state * this.alphabetSize + symbol);
  }
}
