import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { ZodError } from 'zod';
import { HttpProblem, type FieldError } from '../problem';

/** Answers a problem as application/problem+json with its headers. */
export function problemResponse(c: Context, problem: HttpProblem): Response {
  const body = problem.toJSON(c.req.path);
  const requestId = c.get('requestId' as never) as string | undefined;
  if (requestId) body.requestId = requestId;
  const headers: Record<string, string> = {
    'content-type': 'application/problem+json',
    ...problem.extra.headers,
  };
  return c.body(JSON.stringify(body), problem.status as ContentfulStatusCode, headers);
}

export function zodFieldErrors(error: ZodError, prefix?: string): FieldError[] {
  return error.issues.map((i) => ({
    path: [prefix, ...i.path.map(String)].filter(Boolean).join('.') || '(root)',
    message: i.message,
  }));
}

/** Maps anything thrown during a request to a problem; unknown errors become a bare 500. */
export function toProblem(err: unknown): { problem: HttpProblem; unexpected: boolean } {
  if (err instanceof HttpProblem) return { problem: err, unexpected: false };
  if (err instanceof ZodError) {
    return {
      problem: new HttpProblem(400, 'Bad request', 'Request validation failed.', {
        errors: zodFieldErrors(err),
      }),
      unexpected: false,
    };
  }
  if (err instanceof HTTPException) {
    const status = err.status;
    const title = status === 413 ? 'Payload too large' : status === 400 ? 'Bad request' : 'Request refused';
    return { problem: new HttpProblem(status, title, err.message || title), unexpected: false };
  }
  if (err instanceof SyntaxError) {
    return {
      problem: new HttpProblem(400, 'Bad request', 'Malformed JSON in request body.'),
      unexpected: false,
    };
  }
  const name = (err as { name?: string } | null)?.name;
  if (name === 'BrokenCircuitError' || name === 'ServiceUnavailableError') {
    return {
      problem: new HttpProblem(503, 'Service unavailable', (err as Error).message),
      unexpected: false,
    };
  }
  return {
    problem: new HttpProblem(
      500,
      'Internal error',
      'Something went wrong on our side; the request id identifies it.',
    ),
    unexpected: true,
  };
}
