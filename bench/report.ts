/** The benchmark's output: a table for people, or one JSON object per line for programs. */
import { Result } from "./measure";

/** Each result with its ratio to PyTorch on the same workload (ms per step, > 1 means slower). */
export function withRatios(results: Result[]): (Result & { vs_pytorch: number | null })[] {
  const torch = new Map(results.filter((r) => r.impl === "pytorch").map((r) => [r.workload, r.ms_per_step]));
  return results.map((r) => {
    const reference = torch.get(r.workload);
    return { ...r, vs_pytorch: r.ms_per_step !== null && reference ? r.ms_per_step / reference : null };
  });
}

export function table(results: Result[]): string {
  const header = ["workload", "backend", "impl", "ms/step", "cpu ms/step", "final loss", "× PyTorch", ""];
  const rows = withRatios(results).map((r) => [
    r.workload,
    r.backend,
    r.impl,
    fixed(r.ms_per_step),
    fixed(r.cpu_ms_per_step),
    r.final_loss === null ? "" : r.final_loss.toExponential(2),
    r.vs_pytorch === null || r.impl === "pytorch" ? "" : r.vs_pytorch.toFixed(2),
    r.note ?? "",
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => (i < 3 || i === 7 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join("  ").trimEnd();
  return [line(header), line(widths.map((w) => "-".repeat(w))), ...rows.map(line)].join("\n");
}

function fixed(ms: number | null): string {
  if (ms === null) return "–";
  return ms >= 100 ? ms.toFixed(0) : ms >= 10 ? ms.toFixed(1) : ms.toFixed(2);
}
