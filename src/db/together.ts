/**
 * Statements sent together: on PGlite's thread they run back to back in one round trip, and on
 * PostgreSQL they are pipelined on the connection, each in the order it was sent. Awaited like
 * `Promise.all`, except that a failure is thrown only once every statement has settled: inside
 * a transaction, a statement still on its way when the callback threw could otherwise reach the
 * connection after the rollback.
 */
export async function together<T extends readonly unknown[]>(
  ...work: { [K in keyof T]: Promise<T[K]> }
): Promise<T> {
  const settled = await Promise.allSettled(work);
  const failed = settled.find((s): s is PromiseRejectedResult => s.status === "rejected");
  if (failed !== undefined) throw failed.reason;
  return settled.map((s) => (s as PromiseFulfilledResult<unknown>).value) as unknown as T;
}
