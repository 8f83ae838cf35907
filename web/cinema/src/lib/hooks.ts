import { useCallback, useEffect, useRef, useState, type DependencyList } from 'react';

export interface Resource<T> {
  data: T | undefined;
  error: unknown;
  loading: boolean;
  reload(): void;
  /** Change the loaded value in place (after a write the server confirmed). */
  setData(update: (current: T | undefined) => T | undefined): void;
}

/** Loads once per change of `deps`; answers that arrive after a newer load started are dropped. */
export function useResource<T>(load: (signal: AbortSignal) => Promise<T>, deps: DependencyList): Resource<T> {
  const [state, setState] = useState<{ data: T | undefined; error: unknown; loading: boolean }>({
    data: undefined,
    error: undefined,
    loading: true,
  });
  const [round, setRound] = useState(0);
  const loadRef = useRef(load);
  loadRef.current = load;

  useEffect(() => {
    const controller = new AbortController();
    setState((s) => ({ data: s.data, error: undefined, loading: true }));
    loadRef.current(controller.signal).then(
      (data) => !controller.signal.aborted && setState({ data, error: undefined, loading: false }),
      (error: unknown) => !controller.signal.aborted && setState({ data: undefined, error, loading: false }),
    );
    return () => controller.abort();
    // the caller names the dependencies; `load` itself may change every render
  }, [...deps, round]);

  const reload = useCallback(() => setRound((r) => r + 1), []);
  const setData = useCallback(
    (update: (current: T | undefined) => T | undefined) => setState((s) => ({ ...s, data: update(s.data) })),
    [],
  );
  return { ...state, reload, setData };
}

export interface CursorPage<I> {
  items: I[];
  nextCursor: string | null;
}

export interface CursorList<I> {
  items: I[];
  error: unknown;
  loading: boolean;
  hasMore: boolean;
  loadMore(): void;
  reload(): void;
  setItems(update: (items: I[]) => I[]): void;
}

/** A list read page by page with an opaque cursor ("load more" and infinite scroll). */
export function useCursorList<I>(
  fetchPage: (cursor: string | undefined) => Promise<CursorPage<I>>,
  deps: DependencyList,
): CursorList<I> {
  const [items, setItems] = useState<I[]>([]);
  const [cursor, setCursor] = useState<string | null | undefined>(undefined);
  const [error, setError] = useState<unknown>(undefined);
  const [loading, setLoading] = useState(false);
  const [round, setRound] = useState(0);
  const generation = useRef(0);
  const fetchRef = useRef(fetchPage);
  fetchRef.current = fetchPage;

  const fetchNext = useCallback((from: string | undefined, replace: boolean) => {
    const gen = generation.current;
    setLoading(true);
    setError(undefined);
    fetchRef.current(from).then(
      (page) => {
        if (gen !== generation.current) return;
        setItems((prev) => (replace ? page.items : [...prev, ...page.items]));
        setCursor(page.nextCursor);
        setLoading(false);
      },
      (err: unknown) => {
        if (gen !== generation.current) return;
        setError(err);
        setLoading(false);
      },
    );
  }, []);

  useEffect(() => {
    generation.current += 1;
    setItems([]);
    setCursor(undefined);
    fetchNext(undefined, true);
    // the caller names the dependencies; `fetchPage` itself may change every render
  }, [...deps, round, fetchNext]);

  const hasMore = typeof cursor === 'string';
  const loadMore = useCallback(() => {
    if (!loading && typeof cursor === 'string') fetchNext(cursor, false);
  }, [loading, cursor, fetchNext]);
  const reload = useCallback(() => setRound((r) => r + 1), []);
  return { items, error, loading, hasMore, loadMore, reload, setItems };
}

/** Calls `onVisible` when the element scrolls into view (infinite scroll); a button stays as fallback. */
export function useInView(onVisible: () => void, enabled: boolean, version: unknown) {
  const ref = useRef<HTMLDivElement | null>(null);
  const callback = useRef(onVisible);
  callback.current = onVisible;
  useEffect(() => {
    const el = ref.current;
    if (!el || !enabled || typeof IntersectionObserver === 'undefined') return;
    const observer = new IntersectionObserver(
      (entries) => {
        if (entries.some((e) => e.isIntersecting)) callback.current();
      },
      { rootMargin: '600px 0px' },
    );
    observer.observe(el);
    return () => observer.disconnect();
    // observing anew after each page fires again when the sentinel is still on screen
  }, [enabled, version]);
  return ref;
}

/** Seconds left until a moment, ticking once a second (for "resend code in N s"). */
export function useCountdown(): [number, (seconds: number) => void] {
  const [until, setUntil] = useState(0);
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (until <= now) return;
    const timer = setTimeout(() => setNow(Date.now()), 1000);
    return () => clearTimeout(timer);
  }, [until, now]);
  const start = useCallback((seconds: number) => {
    const at = Date.now();
    setNow(at);
    setUntil(at + seconds * 1000);
  }, []);
  return [Math.max(0, Math.ceil((until - now) / 1000)), start];
}

export interface Submission {
  busy: boolean;
  error: unknown;
  /** Server field errors by field name. */
  fields: Record<string, string>;
  run<T>(action: () => Promise<T>): Promise<T | undefined>;
  clear(): void;
}

/** Tracks one form's submit: busy flag, the error it ended with, and field errors for the inputs. */
export function useSubmission(): Submission {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const run = useCallback(async <T>(action: () => Promise<T>) => {
    setBusy(true);
    setError(null);
    try {
      return await action();
    } catch (err) {
      setError(err);
      return undefined;
    } finally {
      setBusy(false);
    }
  }, []);
  const clear = useCallback(() => setError(null), []);
  const fields =
    error && typeof error === 'object' && 'fieldErrors' in error
      ? (error.fieldErrors as Record<string, string>)
      : {};
  return { busy, error, fields, run, clear };
}
