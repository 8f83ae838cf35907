// Spintax: `{a|b|{c|d}}` picks one alternative, `{{name}}` is a variable, `\{ \} \| \\` are
// literal characters. Text is parsed once into an AST; rendering and counting walk the AST.
//
// Decisions (the editor and the docs rely on them):
// - An empty alternative is allowed (`{a||b}`, `{really |}`): it makes a fragment optional.
//   A group whose alternatives are all empty (`{}`, `{|}`) is an error: almost always a typo.
// - `{{` followed by characters other than `{ } |` and then `}}` is a variable. Anything else
//   starting with `{{` is a nested group, so `{{a|b}|c}` still works.
// - `|` outside any group is plain text; so is a backslash before any other character.
// - The parser recovers after errors and still returns an AST, so a live preview can render
//   a half-typed line.
import { parseVariable, type Variable } from './variables';

export type SpinNode =
  | { kind: 'text'; value: string }
  | { kind: 'group'; offset: number; length: number; alternatives: SpinNode[][] }
  | { kind: 'variable'; offset: number; length: number; variable: Variable }
  /** A `{{...}}` that did not parse; kept so previews show `[raw]` where it stands. */
  | { kind: 'bad-variable'; offset: number; length: number; raw: string };

export type SpintaxErrorCode =
  | 'unexpected_close'
  | 'unclosed_group'
  | 'empty_group'
  | 'unknown_variable'
  | 'invalid_variable'
  | 'too_deep';

export interface SpintaxError {
  code: SpintaxErrorCode;
  message: string;
  /** 0-based UTF-16 offset in the text, as editors count. */
  offset: number;
  length: number;
  /** 1-based row within the text (texts may span several rows). */
  row: number;
  /** 1-based column within that row. */
  column: number;
}

export interface ParsedSpintax {
  nodes: SpinNode[];
  errors: SpintaxError[];
}

/** Deeper nesting is never meaningful and would let one text exhaust the stack. */
export const MAX_GROUP_DEPTH = 32;
/** Past this many errors in one text, more of them tell the author nothing new. */
export const MAX_ERRORS_PER_TEXT = 50;

const VARIABLE = /\{\{([^{}|]*)\}\}/y;
const ESCAPABLE = new Set(['{', '}', '|', '\\']);

/** 1-based row and column of an offset. */
export function locate(text: string, offset: number): { row: number; column: number } {
  let row = 1;
  let rowStart = 0;
  for (let i = 0; i < offset && i < text.length; i += 1) {
    if (text[i] === '\n') {
      row += 1;
      rowStart = i + 1;
    }
  }
  return { row, column: offset - rowStart + 1 };
}

class Parser {
  private pos = 0;
  private reportedTooDeep = false;
  readonly errors: SpintaxError[] = [];

  constructor(private readonly text: string) {}

  parse(): SpinNode[] {
    return this.sequence(0);
  }

  private fail(code: SpintaxErrorCode, message: string, offset: number, length: number): void {
    if (this.errors.length >= MAX_ERRORS_PER_TEXT) return;
    this.errors.push({ code, message, offset, length, ...locate(this.text, offset) });
  }

  /** Reads nodes until the end, or (inside a group) until the `|` or `}` that ends an alternative. */
  private sequence(depth: number): SpinNode[] {
    const nodes: SpinNode[] = [];
    let literal = '';
    const flush = (): void => {
      if (literal !== '') nodes.push({ kind: 'text', value: literal });
      literal = '';
    };
    while (this.pos < this.text.length) {
      const ch = this.text[this.pos] as string;
      if (ch === '\\') {
        const next = this.text[this.pos + 1];
        const escaped = next !== undefined && ESCAPABLE.has(next);
        literal += escaped ? next : ch;
        this.pos += escaped ? 2 : 1;
      } else if (ch === '{' && depth >= MAX_GROUP_DEPTH) {
        if (!this.reportedTooDeep) {
          this.fail('too_deep', `groups nest deeper than ${MAX_GROUP_DEPTH} levels`, this.pos, 1);
        }
        this.reportedTooDeep = true;
        literal += ch;
        this.pos += 1;
      } else if (ch === '{') {
        flush();
        nodes.push(this.variable() ?? this.group(depth));
      } else if ((ch === '}' || ch === '|') && depth > 0) {
        break;
      } else {
        if (ch === '}')
          this.fail('unexpected_close', '"}" closes nothing (write \\} for a literal brace)', this.pos, 1);
        literal += ch;
        this.pos += 1;
      }
    }
    flush();
    return nodes;
  }

  private variable(): SpinNode | undefined {
    VARIABLE.lastIndex = this.pos;
    const match = VARIABLE.exec(this.text);
    if (!match) return undefined;
    const offset = this.pos;
    const length = match[0].length;
    const raw = (match[1] ?? '').trim();
    this.pos += length;
    const parsed = parseVariable(raw);
    if (parsed.ok) return { kind: 'variable', offset, length, variable: parsed.variable };
    this.fail(parsed.code, parsed.message, offset, length);
    return { kind: 'bad-variable', offset, length, raw };
  }

  private group(depth: number): SpinNode {
    const offset = this.pos;
    this.pos += 1;
    const alternatives: SpinNode[][] = [];
    for (;;) {
      alternatives.push(this.sequence(depth + 1));
      const ch = this.text[this.pos];
      this.pos += ch === undefined ? 0 : 1;
      if (ch === '|') continue;
      if (ch === undefined) {
        this.fail('unclosed_group', '"{" is never closed (write \\{ for a literal brace)', offset, 1);
      }
      break;
    }
    const length = this.pos - offset;
    if (alternatives.every((alternative) => alternative.length === 0)) {
      this.fail('empty_group', 'group has no text in any alternative', offset, length);
    }
    return { kind: 'group', offset, length, alternatives };
  }
}

/** Parses spintax; never throws. `errors` is empty when the text is valid. */
export function parseSpintax(text: string): ParsedSpintax {
  const parser = new Parser(text);
  const nodes = parser.parse();
  return { nodes, errors: parser.errors };
}
