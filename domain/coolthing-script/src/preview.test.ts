import { describe, expect, it } from 'vitest';
import { coworkingAbScript, coworkingContext, coworkingScript } from './fixtures';
import { countScriptVariants, previewScript } from './preview';
import type { Script } from './schema';
import { VARIANT_COUNT_LIMIT } from './spintax-analysis';

const small: Script = {
  name: 'Small',
  language: 'en',
  roles: [
    { index: 1, name: 'One' },
    { index: 2, name: 'Two' },
  ],
  lines: [
    {
      role: 1,
      text: '{Hi|Hello} {{chat.title}}',
      delay: { min: 0, max: 1 },
      replyTo: { kind: 'none' },
      typing: 0,
    },
    { role: 2, text: '{a|b}{c|d}', delay: { min: 0, max: 1 }, replyTo: { kind: 'previous' }, typing: 0 },
    {
      role: 1,
      text: 'A ending',
      delay: { min: 0, max: 1 },
      replyTo: { kind: 'line', line: 1 },
      typing: 0,
      variant: 'A',
    },
    {
      role: 2,
      text: 'B {x|y|z}',
      delay: { min: 0, max: 1 },
      replyTo: { kind: 'previous' },
      typing: 0,
      variant: 'B',
    },
  ],
};

describe('previewScript', () => {
  it('is the same for the same seed', () => {
    const a = previewScript(coworkingScript, { count: 5, seed: 'editor', context: coworkingContext });
    const b = previewScript(coworkingScript, { count: 5, seed: 'editor', context: coworkingContext });
    expect(a).toEqual(b);
  });

  it('differs for a different seed', () => {
    const a = previewScript(coworkingScript, { count: 3, seed: 1, context: coworkingContext });
    const b = previewScript(coworkingScript, { count: 3, seed: 2, context: coworkingContext });
    expect(a.map((p) => p.lines.map((l) => l.text))).not.toEqual(b.map((p) => p.lines.map((l) => l.text)));
  });

  it('keeps rendering i stable whatever the count', () => {
    const three = previewScript(coworkingScript, { count: 3, seed: 's' });
    const ten = previewScript(coworkingScript, { count: 10, seed: 's' });
    expect(ten.slice(0, 3)).toEqual(three);
  });

  it('renders different variants across renderings', () => {
    const previews = previewScript(coworkingScript, { count: 10, seed: 'spread', context: coworkingContext });
    expect(new Set(previews.map((p) => p.lines.map((l) => l.text).join('\n'))).size).toBe(10);
  });

  it('cycles through A/B groups and leaves out the other group', () => {
    const previews = previewScript(small, { count: 4, seed: 1 });
    expect(previews.map((p) => p.variant)).toEqual(['A', 'B', 'A', 'B']);
    expect(previews[0]!.lines.map((l) => l.line)).toEqual([1, 2, 3]);
    expect(previews[1]!.lines.map((l) => l.line)).toEqual([1, 2, 4]);
    expect(previews[1]!.lines[2]).toMatchObject({
      role: 2,
      roleName: 'Two',
      replyTo: { kind: 'previous', lineNo: 2 },
    });
    expect(previews[0]!.lines[2]!.replyTo).toEqual({ kind: 'line', lineNo: 1 });
    expect(previews[0]!.lines[0]!.replyTo).toEqual({ kind: 'none' });
  });

  it('shows placeholders for missing context values', () => {
    const [first] = previewScript(small, { count: 1, seed: 1 });
    expect(first!.lines[0]!.text).toMatch(/^(Hi|Hello) \[chat\.title\]$/);
  });

  it('fills the context it is given', () => {
    const [first] = previewScript(coworkingScript, { count: 1, seed: 9, context: coworkingContext });
    expect(first!.lines[1]!.text).toContain('Hive Coworking');
    expect(first!.lines[6]!.text).toMatch(/^@max\.works /);
    expect(first!.lines.map((l) => l.text).join(' ')).not.toMatch(/\[[a-z.0-9]+\]/);
  });

  it('refuses a silly count', () => {
    expect(() => previewScript(small, { count: 0, seed: 1 })).toThrow(RangeError);
    expect(() => previewScript(small, { count: 101, seed: 1 })).toThrow(RangeError);
    expect(() => previewScript(small, { count: 1.5, seed: 1 })).toThrow(RangeError);
  });
});

describe('countScriptVariants', () => {
  it('multiplies lines within a group and adds the A/B groups', () => {
    // Common lines: 2 × 4 = 8. Group A: × 1, group B: × 3. Total 8 + 24.
    expect(countScriptVariants(small)).toMatchObject({ perLine: [2, 4, 1, 3], total: 32, saturated: false });
  });

  it('saturates for a long rich script', () => {
    const count = countScriptVariants(coworkingScript);
    expect(count.perLine).toEqual([576, 96, 32, 48, 32, 16, 16, 48]);
    expect(count).toMatchObject({ total: VARIANT_COUNT_LIMIT, saturated: true });
    expect(countScriptVariants(coworkingAbScript).saturated).toBe(true);
  });
});
