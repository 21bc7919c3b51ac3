/**
 * A lecture end to end on the webgpu backend: lecture 05 (vanishing gradients) trains RNNs with the course's
 * optimiser, clipping and fit, and reads ‖∂L/∂h_t‖ back from the fused kernel. Its stored outputs come from the
 * default backend: on a GPU the training curves round differently, so this run checks that every cell runs and
 * that the device line tells the truth, not the numbers (npm test compares those on the default backend).
 */
import { join } from "node:path";
import { expect, it } from "vitest";
import { formatReport, runNotebook } from "../../tools/nbmake-ts/src";

const root = join(__dirname, "..", "..");
const lecture = join(root, "lectures", "05-vanishing-gradients.ipynb");

it("lecture 05 runs top to bottom with COURSE_BACKEND=webgpu, its recurrent layers in the fused WebGPU kernel", async () => {
  expect(process.env.COURSE_BACKEND).toBe("webgpu");
  const result = await runNotebook(lecture, { root, regress: false, timeout: 600 });
  if (!result.passed) expect.fail(formatReport(result, root));
  const outputs = result.notebook.cells.flatMap((cell) => (cell.outputs ?? []) as { text?: string | string[] }[]);
  const printed = outputs.map((output) => [output.text ?? ""].flat().join(""));
  const deviceLine = printed.find((text) => text.startsWith("device: "));
  expect(deviceLine).toMatch(/^device: webgpu \(forced by COURSE_BACKEND=webgpu; adapter: .+\); recurrent layers: the fused WebGPU kernel, beside the tensors\n$/);
  // Its synchronous loops are short enough for Dawn (fast/src/webgpu/read-sync.ts warns otherwise).
  expect(printed.join("")).not.toContain("reads from the GPU without");
}, 900_000);
