import { defineRoute, jsonBody, jsonInput, notFound, problems, z } from '@switchyard/kit';
import { ACCOUNT_ROLES } from '../domain/types';
import { findOnboarding, type OnboardingRow } from '../repositories/onboardings';
import { AccountSchema, accountView } from '../views/accounts';
import { IdParam, iso, isoOrThrow, Tags } from '../views/common';
import type { StepResult } from '../app/onboarding';
import { allow, security } from './auth';
import type { Deps } from './deps';
import { ApiHash, ApiId, OptionalText, Phone, ProxyInputSchema } from './inputs';

const tags = ['accounts'];

const OnboardingSchema = z
  .object({
    id: z.string(),
    phone: z.string(),
    step: z.enum(['code', 'password', 'done', 'failed', 'cancelled']),
    codeDelivery: z.string().nullable(),
    codeLength: z.number().int().nullable(),
    passwordHint: z.string().nullable(),
    attempts: z.number().int(),
    attemptsLeft: z.number().int(),
    failure: z.string().nullable(),
    accountId: z.string().nullable(),
    expiresAt: z.string(),
    createdAt: z.string(),
  })
  .openapi('Onboarding');

const StepSchema = z
  .object({
    status: z.enum(['password_needed', 'signed_in']),
    onboarding: OnboardingSchema,
    account: AccountSchema.optional(),
    created: z.boolean().optional(),
  })
  .openapi('OnboardingStep');

const onboardingView = (row: OnboardingRow, maxAttempts: number): z.infer<typeof OnboardingSchema> => ({
  id: row.id,
  phone: row.phone,
  step: row.step,
  codeDelivery: row.code_delivery,
  codeLength: row.code_length,
  passwordHint: row.password_hint,
  attempts: row.attempts,
  attemptsLeft: Math.max(0, maxAttempts - row.attempts),
  failure: row.failure,
  accountId: row.account_id,
  expiresAt: isoOrThrow(row.expires_at),
  createdAt: iso(row.created_at)!,
});

const AccountSettings = {
  role: z.enum(ACCOUNT_ROLES),
  tags: Tags.optional(),
  campaignId: z.string().min(1).max(64).nullable().optional(),
  isReserve: z.boolean().optional(),
  notes: OptionalText(2000),
  apiId: ApiId.optional(),
  /** Write-only. */
  apiHash: ApiHash.optional(),
  proxy: ProxyInputSchema.optional(),
};

export const startOnboardingRoute = (deps: Deps) =>
  defineRoute(
    {
      method: 'post',
      path: '/accounts/onboarding',
      tags,
      summary: 'Start signing in an account: Telegram sends a login code to the phone',
      security,
      request: jsonInput(z.strictObject({ phone: Phone, ...AccountSettings }).openapi('OnboardingStart')),
      responses: {
        201: jsonBody(OnboardingSchema, 'Waiting for the code'),
        ...problems(400, 401, 403, 422, 429, 503),
      },
    },
    async (c) => {
      const actor = allow(c, 'manage');
      const row = await deps.onboarding.start(actor, c.req.valid('json'));
      return c.json(onboardingView(row, deps.config.ADMIN_ONBOARDING_MAX_ATTEMPTS), 201);
    },
  );

export const getOnboardingRoute = (deps: Deps) =>
  defineRoute(
    {
      method: 'get',
      path: '/accounts/onboarding/{id}',
      tags,
      summary: 'Where a sign-in stands',
      security,
      request: { params: IdParam },
      responses: { 200: jsonBody(OnboardingSchema, 'The sign-in'), ...problems(401, 403, 404) },
    },
    async (c) => {
      allow(c, 'manage');
      const row = await findOnboarding(deps.db, c.req.valid('param').id);
      if (!row) throw notFound('Onboarding');
      return c.json(onboardingView(row, deps.config.ADMIN_ONBOARDING_MAX_ATTEMPTS), 200);
    },
  );

const stepAnswer = (deps: Deps, result: StepResult) => ({
  status: result.status,
  onboarding: onboardingView(result.onboarding, deps.config.ADMIN_ONBOARDING_MAX_ATTEMPTS),
  ...(result.status === 'signed_in'
    ? { account: accountView(result.account, deps.clock()), created: result.created }
    : {}),
});

export const submitCodeRoute = (deps: Deps) =>
  defineRoute(
    {
      method: 'post',
      path: '/accounts/onboarding/{id}/code',
      tags,
      summary: 'The login code: signs in, or asks for the 2FA password',
      security,
      request: {
        params: IdParam,
        ...jsonInput(
          z.strictObject({
            code: z
              .string()
              .trim()
              .regex(/^\d{3,10}$/, 'the digits of the code'),
          }),
        ),
      },
      responses: {
        200: jsonBody(StepSchema, 'Signed in, or the password is needed'),
        ...problems(400, 401, 403, 404, 409, 422, 429, 503),
        410: { description: 'The sign-in expired' },
      },
    },
    async (c) => {
      const actor = allow(c, 'manage');
      const result = await deps.onboarding.submitCode(
        actor,
        c.req.valid('param').id,
        c.req.valid('json').code,
      );
      return c.json(stepAnswer(deps, result), 200);
    },
  );

export const submitPasswordRoute = (deps: Deps) =>
  defineRoute(
    {
      method: 'post',
      path: '/accounts/onboarding/{id}/password',
      tags,
      summary: 'The 2FA password: finishes the sign-in',
      security,
      request: { params: IdParam, ...jsonInput(z.strictObject({ password: z.string().min(1).max(256) })) },
      responses: {
        200: jsonBody(StepSchema, 'Signed in'),
        ...problems(400, 401, 403, 404, 409, 422, 429, 503),
        410: { description: 'The sign-in expired' },
      },
    },
    async (c) => {
      const actor = allow(c, 'manage');
      const result = await deps.onboarding.submitPassword(
        actor,
        c.req.valid('param').id,
        c.req.valid('json').password,
      );
      return c.json(stepAnswer(deps, result), 200);
    },
  );

export const cancelOnboardingRoute = (deps: Deps) =>
  defineRoute(
    {
      method: 'delete',
      path: '/accounts/onboarding/{id}',
      tags,
      summary: 'Abandon a sign-in (its pending state is forgotten)',
      security,
      request: { params: IdParam },
      responses: { 200: jsonBody(OnboardingSchema, 'Cancelled'), ...problems(401, 403, 404, 409) },
    },
    async (c) => {
      const actor = allow(c, 'manage');
      const row = await deps.onboarding.cancel(actor, c.req.valid('param').id);
      return c.json(onboardingView(row, deps.config.ADMIN_ONBOARDING_MAX_ATTEMPTS), 200);
    },
  );

export const importSessionRoute = (deps: Deps) =>
  defineRoute(
    {
      method: 'post',
      path: '/accounts/import',
      tags,
      summary: 'Import an existing session string (checked with Telegram, stored sealed, never shown again)',
      security,
      request: jsonInput(
        z
          .strictObject({
            phone: Phone.optional(),
            /** Write-only. */
            session: z.string().min(10).max(4096),
            ...AccountSettings,
          })
          .openapi('AccountImport'),
      ),
      responses: {
        201: jsonBody(AccountSchema, 'A new account'),
        200: jsonBody(AccountSchema, 'The existing account of that Telegram user, with the new session'),
        ...problems(400, 401, 403, 422, 429, 503),
      },
    },
    async (c) => {
      const actor = allow(c, 'manage');
      const { account, created } = await deps.onboarding.importSession(actor, c.req.valid('json'));
      return c.json(accountView(account, deps.clock()), created ? 201 : 200);
    },
  );
