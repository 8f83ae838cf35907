/**
 * In embedded mode every service lives in one process, so a call from the gateway or from
 * one service to another need not cross a socket: the callee's app answers the Request
 * directly. Same handlers, same middleware; no TCP, no HTTP parsing. Services started
 * without the runner's consent (distributed mode) never register, and calls go over HTTP.
 */
type Handler = (request: Request) => Response | Promise<Response>;

const local = new Map<string, Handler>();

/** Makes a service's app answer requests for `baseUrl` in-process. */
export function registerLoopback(baseUrl: string, handler: Handler): () => void {
  const origin = new URL(baseUrl).origin;
  local.set(origin, handler);
  return () => {
    if (local.get(origin) === handler) local.delete(origin);
  };
}

/** `fetch`, answered in-process when the target is a service of this process. */
export async function platformFetch(input: string | URL, init?: RequestInit): Promise<Response> {
  const url = typeof input === 'string' ? new URL(input) : input;
  const handler = local.get(url.origin);
  if (!handler) return fetch(url, init);
  const signal = init?.signal;
  if (signal?.aborted) throw signal.reason ?? new DOMException('aborted', 'AbortError');
  const answer = Promise.resolve(handler(new Request(url, init)));
  if (!signal) return answer;
  // Keep fetch's contract: an abort (a deadline) rejects even if the handler is still busy.
  return new Promise<Response>((resolve, reject) => {
    const onAbort = () => reject(signal.reason ?? new DOMException('aborted', 'AbortError'));
    signal.addEventListener('abort', onAbort, { once: true });
    answer.then(
      (res) => {
        signal.removeEventListener('abort', onAbort);
        resolve(res);
      },
      (err) => {
        signal.removeEventListener('abort', onAbort);
        reject(err);
      },
    );
  });
}
