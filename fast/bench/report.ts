/** The benchmark's output: a table for people, or one JSON object per line for programs. */
import { Result } from "./measure";

type WithRatios = Result & { vs_pytorch: number | null; cpu_vs_pytorch: number | null; vs_pytorch_cuda: number | null };

/**
 * Each result with its ratio to PyTorch on the same workload (> 1 means slower): of wall-clock ms per step,
 * and of CPU ms per step (the steadier of the two when other processes share the machine); and, when PyTorch
 * ran on a CUDA GPU too, of wall-clock ms per step to that.
 */
export function withRatios(results: Result[]): WithRatios[] {
  const reference = (impl: string) => new Map(results.filter((r) => r.impl === impl).map((r) => [r.workload, r]));
  const [torch, cuda] = [reference("pytorch"), reference("pytorch-cuda")];
  const ratio = (a: number | null, b: number | null | undefined) => (a !== null && b ? a / b : null);
  return results.map((r) => ({
    ...r,
    vs_pytorch: ratio(r.ms_per_step, torch.get(r.workload)?.ms_per_step),
    cpu_vs_pytorch: ratio(r.cpu_ms_per_step, torch.get(r.workload)?.cpu_ms_per_step),
    vs_pytorch_cuda: ratio(r.ms_per_step, cuda.get(r.workload)?.ms_per_step),
  }));
}

export function table(results: Result[]): string {
  const withCuda = results.some((r) => r.impl === "pytorch-cuda");
  const header = ["workload", "backend", "impl", "ms/step", "cpu ms/step", "final loss", "× PyTorch", "cpu × PyTorch", ...(withCuda ? ["× PyTorch CUDA"] : []), ""];
  const rows = withRatios(results).map((r) => [
    r.workload,
    r.backend,
    r.impl,
    fixed(r.ms_per_step),
    fixed(r.cpu_ms_per_step),
    r.final_loss === null ? "" : r.final_loss.toExponential(2),
    times(r.impl === "pytorch" ? null : r.vs_pytorch),
    times(r.impl === "pytorch" ? null : r.cpu_vs_pytorch),
    ...(withCuda ? [times(r.impl === "pytorch-cuda" ? null : r.vs_pytorch_cuda)] : []),
    r.note ?? "",
  ]);
  const last = header.length - 1;
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => (i < 3 || i === last ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join("  ").trimEnd();
  return [line(header), line(widths.map((w) => "-".repeat(w))), ...rows.map(line)].join("\n");
}

function times(ratio: number | null): string {
  return ratio === null ? "" : ratio.toFixed(2);
}

function fixed(ms: number | null): string {
  if (ms === null) return "–";
  return ms >= 100 ? ms.toFixed(0) : ms >= 10 ? ms.toFixed(1) : ms.toFixed(2);
}
