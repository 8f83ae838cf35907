import { describe, expect, it } from 'vitest';
import { rngFromSeed } from './rng';
import { canRenderBlank, countVariants, VARIANT_COUNT_LIMIT } from './spintax-analysis';
import { MAX_ERRORS_PER_TEXT, parseSpintax, type SpinNode } from './spintax-parser';
import { renderSpintax } from './spintax-render';

function nodes(text: string): SpinNode[] {
  const parsed = parseSpintax(text);
  expect(parsed.errors).toEqual([]);
  return parsed.nodes;
}

function renderMany(text: string, times: number, seed = 'dist'): Map<string, number> {
  const ast = nodes(text);
  const rng = rngFromSeed(seed);
  const seen = new Map<string, number>();
  for (let i = 0; i < times; i += 1) {
    const out = renderSpintax(ast, rng, {});
    seen.set(out, (seen.get(out) ?? 0) + 1);
  }
  return seen;
}

describe('rendering', () => {
  it('produces every alternative of nested groups, with the nested ones sharing their branch', () => {
    const seen = renderMany('{a|b|{c|d}}', 6000);
    expect([...seen.keys()].sort()).toEqual(['a', 'b', 'c', 'd']);
    // a and b each take a third, c and d split the last third.
    expect(seen.get('a')!).toBeGreaterThan(1800);
    expect(seen.get('b')!).toBeGreaterThan(1800);
    expect(seen.get('c')!).toBeGreaterThan(850);
    expect(seen.get('d')!).toBeGreaterThan(850);
  });

  it('combines sibling groups into every product', () => {
    const seen = renderMany('{Hi|Hello} {there|{all|everyone}}', 3000);
    expect(seen.size).toBe(6);
  });

  it('is reproducible for a seed', () => {
    const ast = nodes('{a|b|c|d|e} {f|g|h|i}');
    const run = (): string[] => {
      const rng = rngFromSeed('same');
      return Array.from({ length: 10 }, () => renderSpintax(ast, rng));
    };
    expect(run()).toEqual(run());
  });

  it('reads escapes as literal characters', () => {
    expect(renderSpintax(nodes('\\{not a group\\} a\\|b \\\\ done'), rngFromSeed(1))).toBe(
      '{not a group} a|b \\ done',
    );
    expect(renderSpintax(nodes('C:\\path'), rngFromSeed(1))).toBe('C:\\path');
    const seen = renderMany('{x\\|y|z}', 200);
    expect([...seen.keys()].sort()).toEqual(['x|y', 'z']);
  });

  it('keeps a pipe outside groups as text', () => {
    expect(renderSpintax(nodes('Price | Place'), rngFromSeed(1))).toBe('Price | Place');
  });

  it('makes fragments optional with empty alternatives and tidies the spaces', () => {
    const seen = renderMany('I {really |truly |}like {it|} ', 2000);
    expect([...seen.keys()].sort()).toEqual([
      'I like',
      'I like it',
      'I really like',
      'I really like it',
      'I truly like',
      'I truly like it',
    ]);
    expect(renderSpintax(nodes('line one {x|}  \nline two'), rngFromSeed(5))).toMatch(
      /^line one( x)?\nline two$/,
    );
  });

  it('fills variables from the context and strips "@" from usernames', () => {
    const ast = nodes(
      '{{chat.title}} / {{campaign.name}} / {{role.1.first_name}} {{role.1.last_name}} @{{role.2.username}}',
    );
    const text = renderSpintax(ast, rngFromSeed(1), {
      chat: { title: 'Riverside' },
      campaign: { name: 'Hive' },
      roles: { 1: { first_name: 'Anna', last_name: 'P.' }, 2: { first_name: 'Max', username: '@max' } },
    });
    expect(text).toBe('Riverside / Hive / Anna P. @max');
  });

  it('shows a placeholder for a value the context lacks', () => {
    const ast = nodes('In {{chat.title}}, {{role.2.first_name}} says {{campaign.name}}');
    expect(renderSpintax(ast, rngFromSeed(1), { roles: { 2: { first_name: '  ' } } })).toBe(
      'In [chat.title], [role.2.first_name] says [campaign.name]',
    );
  });

  it('draws random.int within its bounds', () => {
    const seen = renderMany('{{random.int 1 4}}', 500);
    expect([...seen.keys()].sort()).toEqual(['1', '2', '3', '4']);
    expect([...renderMany('{{ random.int -2 -2 }}', 5).keys()]).toEqual(['-2']);
  });

  it('reads "{{" that is not a variable as nested groups', () => {
    const seen = renderMany('{{a|b}|c}', 600);
    expect([...seen.keys()].sort()).toEqual(['a', 'b', 'c']);
    const mixed = renderMany('{{{role.1.first_name}}, hi|Hi}', 200);
    expect([...mixed.keys()].sort()).toEqual(['Hi', '[role.1.first_name], hi']);
  });
});

describe('parse errors', () => {
  it('reports a stray closing brace with its position', () => {
    expect(parseSpintax('ab}c').errors).toEqual([
      expect.objectContaining({ code: 'unexpected_close', offset: 2, length: 1, row: 1, column: 3 }),
    ]);
  });

  it('reports every unclosed group at its opening brace, on the right row', () => {
    const errors = parseSpintax('first row\nsecond {a|{b').errors;
    expect(errors.map((e) => [e.code, e.row, e.column])).toEqual([
      ['unclosed_group', 2, 11],
      ['unclosed_group', 2, 8],
    ]);
  });

  it('rejects groups with no text at all but accepts empty alternatives', () => {
    expect(parseSpintax('x {} y').errors).toEqual([
      expect.objectContaining({ code: 'empty_group', column: 3, length: 2 }),
    ]);
    expect(parseSpintax('{|}').errors.map((e) => e.code)).toEqual(['empty_group']);
    expect(parseSpintax('{a||b}').errors).toEqual([]);
  });

  it('tells unknown variables from malformed ones', () => {
    expect(parseSpintax('{{chat.name}}').errors).toEqual([
      expect.objectContaining({ code: 'unknown_variable', column: 1, length: 13 }),
    ]);
    expect(parseSpintax('{{role.1.nickname}}').errors[0]?.code).toBe('unknown_variable');
    expect(parseSpintax('{{random.int 9 1}}').errors[0]?.code).toBe('invalid_variable');
    expect(parseSpintax('{{random.int one}}').errors[0]?.code).toBe('invalid_variable');
    expect(parseSpintax('{{role.0.username}}').errors[0]?.code).toBe('invalid_variable');
  });

  it('still returns an AST that renders after an error', () => {
    const parsed = parseSpintax('Hi {{chat.name}} {a|b');
    expect(parsed.errors).toHaveLength(2);
    expect(renderSpintax(parsed.nodes, rngFromSeed(1))).toMatch(/^Hi \[chat\.name\] [ab]$/);
  });
});

describe('variant counting', () => {
  it.each([
    ['plain text', 1],
    ['{a|b}', 2],
    ['{a|b}{c|d}', 4],
    ['{a|{b|c}}', 3],
    ['{a|{b|c}} {x|y|}', 9],
    ['{{random.int 1 10}} {a|b}', 20],
    ['{{chat.title}}', 1],
  ])('%s has %i variants', (text, expected) => {
    expect(countVariants(nodes(text))).toBe(expected);
  });

  it('gives 1,024 for ten binary choices', () => {
    expect(countVariants(nodes('{a|b}'.repeat(10)))).toBe(1024);
  });

  it('saturates instead of overflowing', () => {
    expect(countVariants(nodes('{a|b|c|d|e|f|g|h|i|j}'.repeat(40)))).toBe(VARIANT_COUNT_LIMIT);
  });
});

describe('canRenderBlank', () => {
  it.each([
    ['{a|}', true],
    ['  {x|} ', true],
    ['{a|b}', false],
    ['{|{{chat.title}}}', true],
    ['{{chat.title}}', false],
  ])('%s → %s', (text, expected) => {
    expect(canRenderBlank(nodes(text))).toBe(expected);
  });
});

describe('hostile input', () => {
  it('caps nesting depth instead of exhausting the stack', () => {
    const parsed = parseSpintax('{'.repeat(4096));
    expect(parsed.errors.map((e) => e.code)).toContain('too_deep');
    expect(parsed.errors.filter((e) => e.code === 'too_deep')).toHaveLength(1);
    expect(parseSpintax('{a|'.repeat(32) + '}'.repeat(32)).errors).toEqual([]);
  });

  it('caps the number of errors reported for one text', () => {
    expect(parseSpintax('}'.repeat(4096)).errors).toHaveLength(MAX_ERRORS_PER_TEXT);
  });
});
