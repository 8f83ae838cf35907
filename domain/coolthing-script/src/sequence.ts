// Which lines a chat gets and whom each one answers. Shared by the preview and the run plan,
// so what the editor shows is what the worker sends.
import type { Script, ScriptLine } from './schema';

/** A reply target resolved to a concrete line number of the same chat's sequence. */
export type ResolvedReplyTo = { kind: 'none' } | { kind: 'previous' | 'line'; lineNo: number };

export interface SequencedLine {
  /** 1-based position in the script (not in the chat's sequence), stable across variants. */
  lineNo: number;
  line: ScriptLine;
  replyTo: ResolvedReplyTo;
}

/** Sorted distinct variant labels; empty when the script has no A/B groups. */
export function variantLabels(script: Pick<Script, 'lines'>): string[] {
  const labels = new Set<string>();
  for (const line of script.lines) if (line.variant !== undefined) labels.add(line.variant);
  return [...labels].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/**
 * The lines one chat gets: every unlabelled line plus the lines of its variant. "previous"
 * means the previous line this chat actually gets, and on the first line it means no reply.
 */
export function sequenceLines(script: Pick<Script, 'lines'>, variant: string | null): SequencedLine[] {
  const out: SequencedLine[] = [];
  const included = new Set<number>();
  script.lines.forEach((line, i) => {
    if (line.variant !== undefined && line.variant !== variant) return;
    const lineNo = i + 1;
    const previous = out[out.length - 1];
    let replyTo: ResolvedReplyTo = { kind: 'none' };
    if (line.replyTo.kind === 'previous' && previous) replyTo = { kind: 'previous', lineNo: previous.lineNo };
    // Validation forbids replying to a line the chat does not get; staying safe costs nothing.
    if (line.replyTo.kind === 'line' && included.has(line.replyTo.line))
      replyTo = { kind: 'line', lineNo: line.replyTo.line };
    out.push({ lineNo, line, replyTo });
    included.add(lineNo);
  });
  return out;
}
