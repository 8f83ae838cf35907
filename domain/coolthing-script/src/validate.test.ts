import { describe, expect, it } from 'vitest';
import { coworkingAbScript, coworkingScript } from './fixtures';
import type { ScriptError, ScriptErrorCode } from './issues';
import type { ScriptInput } from './schema';
import { validateScript } from './validate';

function base(): ScriptInput {
  return {
    name: 'Test',
    language: 'en',
    roles: [
      { index: 1, name: 'One' },
      { index: 2, name: 'Two' },
    ],
    lines: [
      { role: 1, text: 'Hello {all|everyone}', delay: { min: 0, max: 5 } },
      { role: 2, text: 'Hi {{role.1.first_name}}', delay: { min: 1, max: 2 } },
      { role: 1, text: 'Bye', delay: { min: 1, max: 2 } },
    ],
  };
}

function errorsOf(input: unknown): ScriptError[] {
  const result = validateScript(input);
  if (result.ok) throw new Error('expected the script to be invalid');
  return result.errors;
}

function only(input: unknown, code: ScriptErrorCode): ScriptError {
  const errors = errorsOf(input);
  expect(errors.map((e) => e.code)).toEqual([code]);
  return errors[0]!;
}

describe('validateScript', () => {
  it('accepts a valid script, applies defaults and has no warnings', () => {
    const result = validateScript(base());
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.warnings).toEqual([]);
    expect(result.script.lines[0]).toMatchObject({ replyTo: { kind: 'previous' }, typing: 0 });
  });

  it('accepts the fixtures without warnings', () => {
    expect(validateScript(coworkingScript)).toMatchObject({ ok: true, warnings: [] });
    expect(validateScript(coworkingAbScript)).toMatchObject({ ok: true, warnings: [] });
  });

  it('reports schema errors with their path and line', () => {
    const input = base();
    input.lines[1]!.delay = { min: 10, max: 2 };
    input.lines[2]!.typing = 500;
    const errors = errorsOf(input);
    expect(errors).toEqual([
      expect.objectContaining({ code: 'schema', path: 'lines.1.delay.max', line: 2 }),
      expect.objectContaining({ code: 'schema', path: 'lines.2.typing', line: 3 }),
    ]);
  });

  it('refuses input that is not a script at all', () => {
    expect(errorsOf(null)[0]?.code).toBe('schema');
    expect(errorsOf({ name: 'x', language: 'de', roles: [], lines: [] }).map((e) => e.path)).toEqual([
      'language',
      'roles',
      'lines',
    ]);
  });

  it('keeps checking the rest when a line fails the schema', () => {
    const input = base();
    input.lines[0] = { role: 7, text: 'broken {a|b', delay: { min: 9, max: 1 } };
    const errors = errorsOf(input);
    expect(errors.map((e) => e.code)).toEqual(['schema', 'unknown_role', 'unclosed_group']);
  });

  it('reports duplicate role indexes', () => {
    const input = base();
    input.roles.push({ index: 2, name: 'Again' });
    expect(only(input, 'duplicate_role').path).toBe('roles.2.index');
  });

  it('reports a line spoken by an undeclared role', () => {
    const input = base();
    input.lines[2]!.role = 3;
    expect(only(input, 'unknown_role')).toMatchObject({ path: 'lines.2.role', line: 3 });
  });

  it('reports replies to a later line, to itself and to a missing line', () => {
    const input = base();
    input.lines[0]!.replyTo = { kind: 'line', line: 2 };
    input.lines[1]!.replyTo = { kind: 'line', line: 2 };
    input.lines[2]!.replyTo = { kind: 'line', line: 9 };
    expect(errorsOf(input).map((e) => [e.code, e.line])).toEqual([
      ['reply_to_forward', 1],
      ['reply_to_forward', 2],
      ['reply_to_missing', 3],
    ]);
  });

  it('reports a reply to a line of another A/B group', () => {
    const input = base();
    input.lines[1]!.variant = 'A';
    input.lines[2]!.variant = 'B';
    input.lines[2]!.replyTo = { kind: 'line', line: 2 };
    expect(only(input, 'reply_to_other_variant')).toMatchObject({ line: 3 });
  });

  it('reports spintax errors with line, row and column', () => {
    const input = base();
    input.lines[0]!.text = 'Hello\n{all|everyone';
    input.lines[1]!.text = 'Hi} {}';
    expect(errorsOf(input).map((e) => [e.code, e.line, e.row, e.column])).toEqual([
      ['unclosed_group', 1, 2, 1],
      ['unexpected_close', 2, 1, 3],
      ['empty_group', 2, 1, 5],
    ]);
  });

  it('reports unknown and malformed variables', () => {
    const input = base();
    input.lines[0]!.text = 'In {{chat.name}}';
    input.lines[2]!.text = '{{random.int 5 1}}';
    expect(errorsOf(input).map((e) => [e.code, e.line, e.column, e.length])).toEqual([
      ['unknown_variable', 1, 4, 13],
      ['invalid_variable', 3, 1, 18],
    ]);
  });

  it('reports a variable naming an undeclared role', () => {
    const input = base();
    input.lines[2]!.text = 'Ask @{{role.5.username}}';
    expect(only(input, 'missing_role_variable')).toMatchObject({ line: 3, column: 6, offset: 5, row: 1 });
  });

  it('reports a text that can render empty', () => {
    const input = base();
    input.lines[2]!.text = '{Bye|}';
    expect(only(input, 'blank_text')).toMatchObject({ path: 'lines.2.text', line: 3 });
  });

  it('warns about a role that never speaks and is never mentioned', () => {
    const input = base();
    input.roles.push({ index: 3, name: 'Silent' });
    const result = validateScript(input);
    expect(result.ok).toBe(true);
    expect(result.warnings).toEqual([expect.objectContaining({ code: 'unused_role', path: 'roles.2' })]);
  });

  it('does not call a role unused when a line only mentions it', () => {
    const input = base();
    input.roles.push({ index: 3, name: 'Mentioned' });
    input.lines[2]!.text = 'Ask {{role.3.first_name}}';
    expect(validateScript(input).warnings).toEqual([]);
  });

  it('warns when only one A/B group exists', () => {
    const input = base();
    input.lines[2]!.variant = 'A';
    const result = validateScript(input);
    expect(result.ok).toBe(true);
    expect(result.warnings).toEqual([expect.objectContaining({ code: 'lonely_variant', line: 3 })]);
  });

  it('checks branches: roles, lines, ids, keywords and reply texts', () => {
    const input = base();
    const branch = {
      id: 'b',
      trigger: { kind: 'keywords' as const, words: ['price', '!!!'] },
      role: 4,
      afterLine: 9,
      reply: { kind: 'lines' as const, texts: ['ok {a|b', 'hi {{role.6.first_name}}'] },
      maxPerChat: 1,
      delay: { min: 1, max: 2 },
    };
    input.branches = [
      branch,
      {
        ...branch,
        role: 1,
        afterLine: 1,
        trigger: { kind: 'any' },
        reply: { kind: 'llm', instruction: 'Answer.' },
      },
    ];
    expect(errorsOf(input).map((e) => [e.code, e.path])).toEqual([
      ['branch_unknown_role', 'branches.0.role'],
      ['branch_unknown_line', 'branches.0.afterLine'],
      ['empty_keyword', 'branches.0.trigger.words.1'],
      ['unclosed_group', 'branches.0.reply.texts.0'],
      ['missing_role_variable', 'branches.0.reply.texts.1'],
      ['duplicate_branch_id', 'branches.1.id'],
    ]);
  });

  it('reports every problem in one pass', () => {
    const input = base();
    input.lines[0]!.role = 9;
    input.lines[1]!.text = '{{chat.name}}';
    input.lines[2]!.replyTo = { kind: 'line', line: 3 };
    expect(errorsOf(input)).toHaveLength(3);
  });
});
