import { createRoute, z, type RouteConfig, type RouteHandler } from '@hono/zod-openapi';
import type { AppEnv } from './env';

/** One operation: its OpenAPI declaration (validation, types, docs) and its handler. */
export interface RouteDef {
  readonly config: RouteConfig;
  readonly handler: RouteHandler<RouteConfig, AppEnv>;
}

/** Declares an operation; request parts are validated before the handler runs. */
export function defineRoute<R extends RouteConfig>(config: R, handler: RouteHandler<R, AppEnv>): RouteDef {
  return { config: createRoute(config), handler: handler as unknown as RouteDef['handler'] };
}

/** The problem+json body every error shares, for OpenAPI documents. */
export const ProblemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string().optional(),
    instance: z.string().optional(),
    requestId: z.string().optional(),
    errors: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  })
  .openapi('Problem');

/** `{ content: application/json schema, description }` for a response. */
export function jsonBody<S extends z.ZodType>(schema: S, description: string) {
  return { content: { 'application/json': { schema } }, description } as const;
}

/** Problem responses for the given statuses, described for the docs. */
export function problems(...statuses: (400 | 401 | 403 | 404 | 409 | 413 | 422 | 429 | 503)[]) {
  const text: Record<number, string> = {
    400: 'Invalid request',
    401: 'Missing or invalid access token',
    403: 'Not allowed',
    404: 'Not found',
    409: 'Conflict with the current state',
    413: 'Body too large',
    422: 'Understood but cannot be processed',
    429: 'Rate limited',
    503: 'A dependency is unavailable',
  };
  return Object.fromEntries(
    statuses.map((s) => [
      s,
      { content: { 'application/problem+json': { schema: ProblemSchema } }, description: text[s]! },
    ]),
  ) as Record<
    number,
    { content: { 'application/problem+json': { schema: typeof ProblemSchema } }; description: string }
  >;
}

/** Request body declaration for JSON input. */
export function jsonInput<S extends z.ZodType>(schema: S, description?: string) {
  return {
    body: {
      content: { 'application/json': { schema } },
      required: true,
      ...(description ? { description } : {}),
    },
  } as const;
}

export { z };
