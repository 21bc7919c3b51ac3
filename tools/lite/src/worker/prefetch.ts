/**
 * The worker's files (files.json, beside its script), asked for the moment the script starts to run: the
 * download overlaps the evaluation of the rest of the bundle (TypeScript, TensorFlow.js, the library), which
 * this module comes before.
 */
export const shippedFiles: Promise<Record<string, string>> = fetch(
  new URL("files.json", self.location.href),
).then(async (response) => {
  if (!response.ok)
    throw new Error(
      `the kernel's files could not be loaded (${response.status} ${response.statusText})`,
    );
  return (await response.json()) as Record<string, string>;
});
shippedFiles.catch(() => {}); // reported when start() awaits it
