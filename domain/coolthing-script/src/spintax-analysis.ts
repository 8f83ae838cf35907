// Static facts about a parsed text: how many variants it has, whether some variant is blank,
// and which variables it uses. The editor shows the first; the validator and planner use the rest.
import type { SpinNode } from './spintax-parser';
import type { Variable } from './variables';

/**
 * Variant counts saturate here: the editor shows "1,024 variants" but "1,000,000,000,000+"
 * is as precise as anyone needs, and it keeps the arithmetic exact in a double.
 */
export const VARIANT_COUNT_LIMIT = 1_000_000_000_000;

function saturate(n: number): number {
  return Math.min(n, VARIANT_COUNT_LIMIT);
}

/** Multiplies counts, saturating at VARIANT_COUNT_LIMIT. */
export function multiplyCounts(a: number, b: number): number {
  return saturate(a * b);
}

/**
 * Number of variants the text can render to, counted structurally: `{a|b}{c|d}` is 4,
 * `{a|{b|c}}` is 3, `{{random.int 1 10}}` is 10. Alternatives that happen to spell the same
 * words (`{a|a}`) count separately.
 */
export function countVariants(nodes: readonly SpinNode[]): number {
  let count = 1;
  for (const node of nodes) {
    if (node.kind === 'group') {
      let sum = 0;
      for (const alternative of node.alternatives) sum = saturate(sum + countVariants(alternative));
      count = multiplyCounts(count, sum);
    } else if (node.kind === 'variable' && node.variable.kind === 'random.int') {
      count = multiplyCounts(count, node.variable.max - node.variable.min + 1);
    }
  }
  return count;
}

/** True when some variant renders to whitespace only: Telegram refuses empty messages. */
export function canRenderBlank(nodes: readonly SpinNode[]): boolean {
  return nodes.every((node) => {
    switch (node.kind) {
      case 'text':
        return node.value.trim() === '';
      case 'group':
        return node.alternatives.some((alternative) => canRenderBlank(alternative));
      case 'variable':
      case 'bad-variable':
        return false;
    }
  });
}

export interface VariableUse {
  variable: Variable;
  offset: number;
  length: number;
}

/** Every variable the text uses, in order of appearance, whichever alternative it sits in. */
export function collectVariables(nodes: readonly SpinNode[], into: VariableUse[] = []): VariableUse[] {
  for (const node of nodes) {
    if (node.kind === 'variable')
      into.push({ variable: node.variable, offset: node.offset, length: node.length });
    if (node.kind === 'group')
      for (const alternative of node.alternatives) collectVariables(alternative, into);
  }
  return into;
}
