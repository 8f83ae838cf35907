/** A field-level validation error inside a problem document. */
export interface FieldError {
  path: string;
  message: string;
}

/** An RFC 9457 problem: thrown anywhere in a request, answered as application/problem+json. */
export class HttpProblem extends Error {
  override name = 'HttpProblem';
  constructor(
    readonly status: number,
    readonly title: string,
    readonly detail?: string,
    readonly extra: {
      type?: string;
      errors?: FieldError[];
      headers?: Record<string, string>;
      [k: string]: unknown;
    } = {},
  ) {
    super(detail ?? title);
  }

  toJSON(instance?: string): Record<string, unknown> {
    const { headers: _headers, type, ...rest } = this.extra;
    return {
      type: type ?? `https://switchyard.dev/problems/${slug(this.title)}`,
      title: this.title,
      status: this.status,
      ...(this.detail ? { detail: this.detail } : {}),
      ...(instance ? { instance } : {}),
      ...rest,
    };
  }
}

const slug = (s: string) =>
  s
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');

export const badRequest = (detail: string, errors?: FieldError[]) =>
  new HttpProblem(400, 'Bad request', detail, errors ? { errors } : {});
export const unauthorized = (detail = 'Sign in to continue.') =>
  new HttpProblem(401, 'Unauthorized', detail, { headers: { 'WWW-Authenticate': 'Bearer' } });
export const forbidden = (detail = 'You are not allowed to do this.') =>
  new HttpProblem(403, 'Forbidden', detail);
export const notFound = (what = 'Resource') => new HttpProblem(404, 'Not found', `${what} not found.`);
export const conflict = (detail: string) => new HttpProblem(409, 'Conflict', detail);
export const unprocessable = (detail: string, errors?: FieldError[]) =>
  new HttpProblem(422, 'Unprocessable content', detail, errors ? { errors } : {});
export const tooManyRequests = (retryAfterSeconds: number, detail = 'Too many requests; try again later.') =>
  new HttpProblem(429, 'Too many requests', detail, {
    headers: { 'Retry-After': String(Math.max(1, Math.ceil(retryAfterSeconds))) },
  });
export const serviceUnavailable = (detail: string, retryAfterSeconds?: number) =>
  new HttpProblem(
    503,
    'Service unavailable',
    detail,
    retryAfterSeconds ? { headers: { 'Retry-After': String(retryAfterSeconds) } } : {},
  );
