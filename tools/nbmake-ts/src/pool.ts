/** Runs many notebooks, `jobs` at a time; each kernel gets its own OS-assigned ports. Results keep input order. */
import { runNotebook, type NotebookResult, type RunOptions } from "./run";

export async function runNotebooks(
  paths: string[],
  options: RunOptions & { jobs?: number } = {},
  onResult: (result: NotebookResult) => void = () => {},
): Promise<NotebookResult[]> {
  const results: NotebookResult[] = new Array(paths.length);
  let next = 0;
  const worker = async () => {
    while (next < paths.length) {
      const index = next++;
      results[index] = await runNotebook(paths[index], options);
      onResult(results[index]);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(options.jobs ?? 1, paths.length)) }, worker));
  return results;
}
