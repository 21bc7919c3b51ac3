/**
 * The PyTorch side of the benchmark: runs pytorch.py (beside this file) in the first Python that has torch, with
 * OpenBLAS pinned and one thread, so "× PyTorch" compares one core with one core (and, for a workload the
 * library runs on two threads, once more on two threads, to show that comparison too). When that torch sees
 * a CUDA GPU, the same workloads run there too ("pytorch-cuda"), the reference for the webgpu backend.
 */
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { Result } from "./measure";

/** Debian's OpenBLAS; `libblas.so.3` may otherwise be the (8× slower) reference BLAS. */
const OPENBLAS = "/usr/lib/x86_64-linux-gnu/openblas-pthread";
const PYTHONS = ["python3", "/usr/bin/python3"];

/** The first python with torch, or null. */
export function findTorchPython(): string | null {
  for (const python of PYTHONS) {
    if (spawnSync(python, ["-c", "import torch"], { stdio: "ignore" }).status === 0) return python;
  }
  return null;
}

/** Whether `python`'s torch sees a CUDA GPU. */
export function torchSeesCuda(python: string): boolean {
  return spawnSync(python, ["-c", "import sys, torch; sys.exit(0 if torch.cuda.is_available() else 1)"], { stdio: "ignore" }).status === 0;
}

export function runTorch(python: string, workloads: string[], steps?: number, warmup?: number, threads = 1, device: "cpu" | "cuda" = "cpu"): Result[] {
  const script = join(__dirname, "pytorch.py");
  const counts = [...(steps ? ["--steps", String(steps)] : []), ...(warmup !== undefined ? ["--warmup", String(warmup)] : [])];
  const args = [script, "--workloads", workloads.join(","), "--threads", String(threads), "--device", device, ...counts];
  const env = {
    ...process.env,
    LD_LIBRARY_PATH: [OPENBLAS, process.env.LD_LIBRARY_PATH].filter(Boolean).join(":"),
    OPENBLAS_NUM_THREADS: String(threads),
    OMP_NUM_THREADS: "1",
    MKL_NUM_THREADS: String(threads),
  };
  const run = spawnSync(python, args, { env, encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] });
  if (run.status !== 0) throw new Error(`${python} ${script} failed with status ${run.status}`);
  return run.stdout.trim().split("\n").filter(Boolean).map((line) => JSON.parse(line) as Result);
}
