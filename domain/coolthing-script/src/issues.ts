// The shapes validation reports. One list of errors (the script cannot run) and one of
// warnings (it can, but the author probably did not mean it).
import type { SpintaxErrorCode } from './spintax-parser';

export type ScriptErrorCode =
  | 'schema'
  | 'duplicate_role'
  | 'unknown_role'
  | 'reply_to_forward'
  | 'reply_to_missing'
  | 'reply_to_other_variant'
  | SpintaxErrorCode
  | 'missing_role_variable'
  | 'blank_text'
  | 'branch_unknown_role'
  | 'branch_unknown_line'
  | 'duplicate_branch_id'
  | 'empty_keyword';

export type ScriptWarningCode = 'unused_role' | 'lonely_variant';

export interface ScriptIssue<Code extends string> {
  code: Code;
  /** Dotted path into the script JSON with 0-based indexes, e.g. `lines.2.text`. */
  path: string;
  /** 1-based script line the problem belongs to, when it belongs to one. */
  line?: number;
  /** For problems inside a text: 1-based column within `row`. */
  column?: number;
  /** For problems inside a text: 1-based row within the text (texts may span rows). */
  row?: number;
  /** For problems inside a text: 0-based UTF-16 offset and length, to underline it in an editor. */
  offset?: number;
  length?: number;
  message: string;
}

export type ScriptError = ScriptIssue<ScriptErrorCode>;
export type ScriptWarning = ScriptIssue<ScriptWarningCode>;
