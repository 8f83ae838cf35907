/** An error answer of the API (RFC 9457 problem+json), or a network failure (status 0). */
export class ApiError extends Error {
  override name = 'ApiError';
  constructor(
    readonly status: number,
    readonly title: string,
    readonly detail: string | undefined,
    /** Field errors keyed by field name (`body.email` → `email`). */
    readonly fieldErrors: Record<string, string> = {},
    /** Seconds from a Retry-After header (429, 503), when one came. */
    readonly retryAfter: number | null = null,
    /** Extra members of the problem document (`reason`, `attemptsLeft`, ...). */
    readonly extra: Record<string, unknown> = {},
  ) {
    super(detail ?? title);
  }

  get isNetwork(): boolean {
    return this.status === 0;
  }
}

interface ProblemDocument {
  title?: unknown;
  detail?: unknown;
  errors?: unknown;
  [key: string]: unknown;
}

/** `body.email` → `email`, `query.q` → `q`, `body.poster` → `poster`. */
export function fieldName(path: string): string {
  return path.replace(/^(body|query|param|json|form)\./, '');
}

export function parseRetryAfter(value: string | null): number | null {
  if (!value) return null;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, Math.ceil(seconds));
  const date = Date.parse(value);
  return Number.isNaN(date) ? null : Math.max(0, Math.ceil((date - Date.now()) / 1000));
}

/** Reads any non-2xx answer as an ApiError, whether or not it carries a problem document. */
export async function toApiError(res: Response): Promise<ApiError> {
  const retryAfter = parseRetryAfter(res.headers.get('retry-after'));
  let doc: ProblemDocument | null = null;
  const type = res.headers.get('content-type') ?? '';
  if (type.includes('json')) {
    try {
      doc = (await res.json()) as ProblemDocument;
    } catch {
      doc = null;
    }
  }
  const fieldErrors: Record<string, string> = {};
  if (doc && Array.isArray(doc.errors)) {
    for (const e of doc.errors as { path?: unknown; message?: unknown }[]) {
      if (typeof e?.path !== 'string' || typeof e.message !== 'string') continue;
      const name = fieldName(e.path);
      fieldErrors[name] = fieldErrors[name] ? `${fieldErrors[name]}; ${e.message}` : e.message;
    }
  }
  const { title, detail, errors: _errors, status: _status, type: _type, instance: _i, ...extra } = doc ?? {};
  return new ApiError(
    res.status,
    typeof title === 'string' ? title : res.statusText || `HTTP ${res.status}`,
    typeof detail === 'string' ? detail : undefined,
    fieldErrors,
    retryAfter,
    extra,
  );
}

export const networkError = (cause: unknown) =>
  new ApiError(0, 'Network error', cause instanceof Error ? cause.message : undefined);
