// A small work queue, shared by the autograder (exercises, submissions, seeded draws), `npm run check` (through
// the autograder's grading) and nbmake-ts (notebooks): a few at a time on few cores.

/** Maps `items` through `work` (given each item and its index), at most `jobs` at a time, keeping the order. */
export async function pool<T, R>(items: T[], jobs: number, work: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await work(items[i], i);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(jobs, items.length)) }, worker));
  return results;
}
