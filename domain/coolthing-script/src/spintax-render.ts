// Turns a parsed spintax AST into one concrete message.
import type { RenderContext } from './render-context';
import { randomInt, type Rng } from './rng';
import type { SpinNode } from './spintax-parser';
import { variableName, type Variable } from './variables';

/** The visible stand-in for a value the context does not have, e.g. `[chat.title]`. */
export function placeholder(name: string): string {
  return `[${name}]`;
}

function present(value: string | undefined): string | undefined {
  return value !== undefined && value.trim() !== '' ? value.trim() : undefined;
}

/** The value of a variable, or undefined when the context lacks it. */
export function resolveVariable(variable: Variable, rng: Rng, context: RenderContext): string | undefined {
  switch (variable.kind) {
    case 'chat.title':
      return present(context.chat?.title);
    case 'campaign.name':
      return present(context.campaign?.name);
    case 'role': {
      const value = present(context.roles?.[variable.role]?.[variable.field]);
      return variable.field === 'username' ? value?.replace(/^@+/, '') || undefined : value;
    }
    case 'random.int':
      return String(randomInt(rng, variable.min, variable.max));
  }
}

function renderNodes(nodes: readonly SpinNode[], rng: Rng, context: RenderContext): string {
  let out = '';
  for (const node of nodes) {
    switch (node.kind) {
      case 'text':
        out += node.value;
        break;
      case 'group': {
        const choice = node.alternatives[Math.floor(rng() * node.alternatives.length)] ?? [];
        out += renderNodes(choice, rng, context);
        break;
      }
      case 'variable':
        out += resolveVariable(node.variable, rng, context) ?? placeholder(variableName(node.variable));
        break;
      case 'bad-variable':
        out += placeholder(node.raw);
        break;
    }
  }
  return out;
}

/**
 * Renders one variant. Runs of spaces are collapsed and the ends trimmed, because optional
 * fragments (`I {really |}like it`) would otherwise leave double spaces; line breaks are kept.
 */
export function renderSpintax(nodes: readonly SpinNode[], rng: Rng, context: RenderContext = {}): string {
  return renderNodes(nodes, rng, context).replace(/ {2,}/g, ' ').replace(/ +\n/g, '\n').trim();
}
