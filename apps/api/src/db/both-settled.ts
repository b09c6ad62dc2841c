// Two pieces of a request's work sent together (two round trips' worth of waiting in one), e.g. a
// read's data statement and its audit row.

/**
 * Both results once both have settled: unlike Promise.all, a failure of one is not reported before
 * the other has finished, so nothing of the request is still running when its answer goes (and an
 * audit row's fate is known before then).
 */
export async function bothSettled<A, B>(a: Promise<A>, b: Promise<B>): Promise<[A, B]> {
  const [first, second] = await Promise.allSettled([a, b]);
  if (first.status === "rejected") throw first.reason;
  if (second.status === "rejected") throw second.reason;
  return [first.value, second.value];
}
