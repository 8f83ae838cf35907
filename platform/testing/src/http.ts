export interface JsonAnswer<T = unknown> {
  status: number;
  /** The body parsed as JSON, or its text when it is not JSON; undefined when empty. */
  body: T;
  text: string;
  headers: Headers;
}

/** One HTTP call with an optional JSON body; any status comes back (tests check refusals too). */
export async function callJson<T = unknown>(
  method: string,
  url: string,
  options: { body?: unknown; headers?: Record<string, string> } = {},
): Promise<JsonAnswer<T>> {
  const res = await fetch(url, {
    method,
    headers: {
      ...(options.body === undefined ? {} : { 'content-type': 'application/json' }),
      ...options.headers,
    },
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  });
  const text = await res.text();
  let body: unknown = text || undefined;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    // Not JSON: the text stands.
  }
  return { status: res.status, body: body as T, text, headers: res.headers };
}

/** The same, for a call that must succeed: a status of 300 or more throws, naming the call. */
export async function fetchJson<T = unknown>(
  method: string,
  url: string,
  options: { body?: unknown; headers?: Record<string, string> } = {},
): Promise<T> {
  const answer = await callJson<T>(method, url, options);
  if (answer.status >= 300)
    throw new Error(`${method} ${url}: ${answer.status} ${answer.text.slice(0, 300)}`);
  return answer.body;
}
