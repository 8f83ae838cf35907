import { z } from '@switchyard/kit';

/** A private message as Telegram takes it. */
export const MessageText = z
  .string()
  .trim()
  .min(1)
  .max(4096)
  // Control characters (tab, newline and carriage return aside) are what the check is for.
  // eslint-disable-next-line no-control-regex
  .refine((t) => !/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/.test(t), 'control characters are not allowed');

export const Reason = z.string().trim().min(1).max(500);
