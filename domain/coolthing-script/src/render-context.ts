// What variables resolve against. Everything is optional: the editor's preview often has no
// real chat or accounts yet, and missing values then show as a visible placeholder.

export interface RoleProfile {
  first_name?: string;
  last_name?: string;
  /** With or without the leading "@"; `{{role.N.username}}` renders it without. */
  username?: string;
}

export interface RenderContext {
  chat?: { title?: string };
  campaign?: { name?: string };
  /** Keyed by role index (1-based). */
  roles?: Readonly<Record<number, RoleProfile | undefined>>;
}
