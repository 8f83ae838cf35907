// Input pieces shared by several operations. Objects are strict: a misnamed field is a 400,
// not a silently ignored value (the original's edit form posted names its handler did not read).
import { z } from '@switchyard/kit';
import { MAX_DELAY_SECONDS, parseRangeText, rangeProblem } from '../domain/ranges';
import { isTimeZone } from '../domain/schedule';
import { PROXY_TYPES } from '../domain/types';

export const Phone = z
  .string()
  .trim()
  .regex(/^\+?[\d ()-]{7,20}$/, 'a phone number in international format')
  .refine((p) => {
    const digits = p.replace(/\D/g, '').length;
    return digits >= 7 && digits <= 15;
  }, '7 to 15 digits');

export const ApiId = z
  .number()
  .int()
  .min(1)
  .max(2 ** 31);
export const ApiHash = z.string().regex(/^[0-9a-f]{32}$/i, '32 hex digits');

const Host = z
  .string()
  .trim()
  .min(1)
  .max(253)
  .regex(/^[A-Za-z0-9.-]+$|^\[[0-9a-fA-F:]+\]$/, 'a host name or IP address');

export const ProxyInputSchema = z
  .strictObject({
    type: z.enum(PROXY_TYPES),
    host: Host,
    port: z.number().int().min(1).max(65535),
    username: z.string().min(1).max(255).optional(),
    /** Write-only. */
    password: z.string().min(1).max(255).optional(),
    /** MTProxy secret (hex or base64), write-only. */
    secret: z
      .string()
      .min(16)
      .max(512)
      .regex(/^[A-Za-z0-9+/=_-]+$/, 'hex or base64')
      .optional(),
    tls: z.boolean().optional(),
  })
  .openapi('ProxyInput');

/** `"180-300"`, `"30"` or `{ "min": 180, "max": 300 }`: always whole seconds with min <= max. */
export const SecondsRangeInput = z
  .union([z.string().max(20), z.strictObject({ min: z.number(), max: z.number() })])
  .transform((value, ctx) => {
    const range = typeof value === 'string' ? parseRangeText(value) : value;
    if (!range) {
      ctx.addIssue({ code: 'custom', message: 'expected "min-max" seconds, for example "180-300"' });
      return z.NEVER;
    }
    const problem = rangeProblem(range, MAX_DELAY_SECONDS);
    if (problem) {
      ctx.addIssue({ code: 'custom', message: problem });
      return z.NEVER;
    }
    return range;
  })
  .openapi({ description: '"min-max" seconds or {min, max}', example: '180-300' });

const Time = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'HH:MM');

export const SendWindowInput = z
  .strictObject({
    days: z
      .array(z.number().int().min(1).max(7))
      .min(1)
      .max(7)
      .refine((d) => new Set(d).size === d.length, 'each weekday once'),
    start: Time,
    end: Time,
  })
  .refine((w) => w.start !== w.end, {
    message: 'a window must not start and end at the same time',
    path: ['end'],
  });

export const TimeZone = z
  .string()
  .min(1)
  .max(64)
  .refine(isTimeZone, 'an IANA time zone such as Europe/Moscow');

export const ScheduleInput = z.strictObject({
  timezone: TimeZone.optional(),
  windows: z.array(SendWindowInput).max(21).optional(),
});

export const PacingInput = z.strictObject({
  newLeadDelaySeconds: SecondsRangeInput.optional(),
  answerDelaySeconds: SecondsRangeInput.optional(),
});

export const CapsInput = z.strictObject({
  perAccountPerDay: z.number().int().min(0).max(10_000).optional(),
  perCampaignPerDay: z.number().int().min(0).max(1_000_000).optional(),
});

export const FollowUpInput = z.strictObject({
  enabled: z.boolean().optional(),
  afterHours: z
    .number()
    .int()
    .min(1)
    .max(24 * 30)
    .optional(),
  maxFollowUps: z.number().int().min(0).max(10).optional(),
});

export const Keywords = z.array(z.string().trim().min(1).max(100)).max(1000);
export const Languages = z.array(z.string().regex(/^[a-z]{2}$/, 'a two-letter language code')).max(20);

export const Text = (max: number) => z.string().trim().max(max);
export const OptionalText = (max: number) => z.string().trim().max(max).nullable().optional();
