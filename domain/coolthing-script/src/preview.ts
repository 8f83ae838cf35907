// The editor's preview: N complete renderings of the script, and how many variants it has.
import type { RenderContext } from './render-context';
import { deriveSeed, rngFromSeed } from './rng';
import type { Script } from './schema';
import { sequenceLines, variantLabels, type ResolvedReplyTo } from './sequence';
import { countVariants, multiplyCounts, VARIANT_COUNT_LIMIT } from './spintax-analysis';
import { parseSpintax } from './spintax-parser';
import { renderSpintax } from './spintax-render';

export const MAX_PREVIEW_COUNT = 100;

export interface PreviewOptions {
  /** 1..MAX_PREVIEW_COUNT renderings. */
  count: number;
  seed: string | number;
  context?: RenderContext;
}

export interface PreviewLine {
  /** 1-based script line. */
  line: number;
  role: number;
  roleName: string;
  text: string;
  replyTo: ResolvedReplyTo;
}

export interface ScriptPreview {
  /** 0-based; rendering i is the same for the same seed whatever `count` is. */
  index: number;
  /** A/B group shown; renderings cycle through the groups so each one is seen. */
  variant: string | null;
  lines: PreviewLine[];
}

/**
 * Renders the script `count` times. Best effort: a script with spintax errors still renders
 * (broken variables show as `[name]`), so the preview keeps working while the author types.
 */
export function previewScript(script: Script, options: PreviewOptions): ScriptPreview[] {
  const { count, seed, context = {} } = options;
  if (!Number.isInteger(count) || count < 1 || count > MAX_PREVIEW_COUNT) {
    throw new RangeError(`preview count must be an integer from 1 to ${MAX_PREVIEW_COUNT}`);
  }
  const labels = variantLabels(script);
  const parsed = script.lines.map((line) => parseSpintax(line.text).nodes);
  const roleNames = new Map(script.roles.map((role) => [role.index, role.name]));
  return Array.from({ length: count }, (_, index) => {
    const rng = rngFromSeed(deriveSeed(seed, 'preview', index));
    const variant = labels.length === 0 ? null : (labels[index % labels.length] ?? null);
    const lines = sequenceLines(script, variant).map(({ lineNo, line, replyTo }) => ({
      line: lineNo,
      role: line.role,
      roleName: roleNames.get(line.role) ?? `role ${line.role}`,
      text: renderSpintax(parsed[lineNo - 1] ?? [], rng, context),
      replyTo,
    }));
    return { index, variant, lines };
  });
}

export interface VariantCount {
  /** Variants of each line's text, in script order. */
  perLine: number[];
  /** Distinct whole-script renderings, summed over A/B groups; saturates at `limit`. */
  total: number;
  /** True when `total` hit the limit ("1,000,000,000,000+"). */
  saturated: boolean;
  limit: number;
}

/** How many different renderings the script has, for the editor's "1,024 variants". */
export function countScriptVariants(script: Pick<Script, 'lines'>): VariantCount {
  const perLine = script.lines.map((line) => countVariants(parseSpintax(line.text).nodes));
  const groups = variantLabels(script);
  let total = 0;
  for (const variant of groups.length === 0 ? [null] : groups) {
    let product = 1;
    for (const { lineNo } of sequenceLines(script, variant))
      product = multiplyCounts(product, perLine[lineNo - 1] ?? 1);
    total = Math.min(VARIANT_COUNT_LIMIT, total + product);
  }
  return { perLine, total, saturated: total >= VARIANT_COUNT_LIMIT, limit: VARIANT_COUNT_LIMIT };
}
