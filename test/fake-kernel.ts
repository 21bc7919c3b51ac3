/**
 * A stand-in for a running tslab kernel: a loaded `tslab/dist/jupyter.js` whose `lastWriteDisplayData` (the
 * running cell's sender) records what would reach the notebook instead of sending it.
 */
import { tmpdir } from "node:os";
import { join } from "node:path";

export interface Sent {
  content: { data: Record<string, unknown>; metadata: object; transient: { display_id?: string } };
  update?: boolean;
}

/** A fake tslab installed under `root` (its own node_modules, like a second copy of tslab would be). */
export function fakeKernel(root = join(tmpdir(), "fake-kernel")) {
  const file = join(root, "node_modules", "tslab", "dist", "jupyter.js");
  const sent: Sent[] = [];
  const record = (content: Sent["content"], update?: boolean) => void sent.push({ content, update });
  return {
    sent,
    /** Loads this copy with `sender` set (a running kernel), or null (a copy no notebook is connected to). */
    enter(sender: typeof record | null = record) {
      require.cache[file] = { exports: { lastWriteDisplayData: sender } } as unknown as NodeModule;
    },
    leave() {
      delete require.cache[file];
      sent.length = 0;
    },
  };
}
