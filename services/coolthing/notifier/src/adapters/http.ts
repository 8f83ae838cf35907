/** The part of the platform's service client the adapters use (a fake in tests). */
export interface JsonGetter {
  get<T>(
    path: string,
    options?: { query?: Record<string, string | undefined> },
  ): Promise<{ status: number; data: T }>;
}
