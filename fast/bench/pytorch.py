"""PyTorch side of `npm run bench`: the same workloads W1-W5, one JSON line per workload on stdout.

Run by fast/bench/torch.ts with OpenBLAS pinned and one thread (see there), and with two threads for the
workloads the library runs on two, and with --device cuda when torch sees a GPU; it can also be run by hand:
    OPENBLAS_NUM_THREADS=1 /usr/bin/python3 fast/bench/pytorch.py --workloads W3 --steps 20 --warmup 5
    python3 fast/bench/pytorch.py --workloads W3,W5 --device cuda
Each line: {"workload", "backend": "cpu", "impl": "pytorch", "ms_per_step" and "cpu_ms_per_step" (medians),
"final_loss", "blas" (the BLAS library the process really loaded)}; impl is "pytorch-2threads" with --threads 2.
With --device cuda: "backend": "cuda", "impl": "pytorch-cuda", "blas" names the GPU, and every step ends with
torch.cuda.synchronize(), so a step's time is the GPU's work, not only its launch.
"""
import argparse
import json
import math
import statistics
import time

import torch

WORKLOADS = {
    # id: (model, hidden, window length, batch, series length, warm-up steps, timed steps) as in bench/workloads.ts
    "W1": ("mlp", None, 2, 32, 1000, 30, 100),
    "W2": ("rnn", 32, 50, 32, 1000, 20, 50),
    "W3": ("lstm", 32, 50, 32, 1000, 20, 50),
    "W4": ("gru", 32, 50, 32, 1000, 20, 50),
    "W5": ("lstm", 128, 200, 64, 10000, 3, 20),
}


class Seq(torch.nn.Module):
    """A recurrent layer and a linear head on every step's hidden state (many-to-many)."""

    def __init__(self, kind, hidden):
        super().__init__()
        cls = {"rnn": torch.nn.RNN, "lstm": torch.nn.LSTM, "gru": torch.nn.GRU}[kind]
        self.rnn = cls(1, hidden, batch_first=True)
        self.head = torch.nn.Linear(hidden, 1)

    def forward(self, x):
        return self.head(self.rnn(x)[0])


def batches(kind, length, batch, points):
    """Windows of the sine series with stride 1, in order, cut into batches (the last partial one dropped)."""
    series = torch.sin(2 * math.pi * torch.arange(points, dtype=torch.float32) / 50)
    if kind == "mlp":  # history of `length` values -> the next value
        x = torch.stack([series[i : i + length] for i in range(points - length)])
        y = series[length:].unsqueeze(1)
    else:  # every step predicts the next value
        x = torch.stack([series[i : i + length] for i in range(points - length)]).unsqueeze(2)
        y = torch.stack([series[i + 1 : i + length + 1] for i in range(points - length)]).unsqueeze(2)
    return [(x[i : i + batch], y[i : i + batch]) for i in range(0, len(x) - batch + 1, batch)]


def model_for(kind, hidden):
    if kind == "mlp":
        return torch.nn.Sequential(
            torch.nn.Linear(2, 32), torch.nn.ReLU(), torch.nn.Linear(32, 8), torch.nn.ReLU(), torch.nn.Linear(8, 1)
        )
    return Seq(kind, hidden)


def run(workload, steps, warmup, threads, device):
    kind, hidden, length, batch, points, default_warmup, default_steps = WORKLOADS[workload]
    steps = steps or default_steps
    warmup = default_warmup if warmup is None else warmup
    torch.manual_seed(0)
    model = model_for(kind, hidden).to(device)
    optimizer = torch.optim.Adam(model.parameters(), lr=0.01)
    data = [(x.to(device), y.to(device)) for x, y in batches(kind, length, batch, points)]
    cuda = device.type == "cuda"
    wall, cpu, loss = [], [], None
    for step in range(warmup + steps):
        x, y = data[step % len(data)]
        started, cpu_started = time.perf_counter(), time.process_time()
        optimizer.zero_grad()
        loss = torch.nn.functional.mse_loss(model(x), y)
        loss.backward()
        optimizer.step()
        if cuda:
            torch.cuda.synchronize()
        if step >= warmup:
            wall.append((time.perf_counter() - started) * 1000)
            cpu.append((time.process_time() - cpu_started) * 1000)
    return {
        "workload": workload,
        "backend": "cuda" if cuda else "cpu",
        "impl": "pytorch-cuda" if cuda else "pytorch" if threads == 1 else f"pytorch-{threads}threads",
        "ms_per_step": statistics.median(wall),
        "cpu_ms_per_step": statistics.median(cpu),
        "final_loss": loss.item(),
        "blas": torch.cuda.get_device_name(device) if cuda else blas_in_use(),
    }


def blas_in_use():
    """The BLAS library this process actually loaded (libblas.so.3 may point at reference BLAS or OpenBLAS)."""
    with open("/proc/self/maps") as maps:
        names = {line.split()[-1].rsplit("/", 1)[-1] for line in maps if "blas" in line.lower()}
    openblas = [name for name in names if "openblas" in name]
    return openblas[0] if openblas else ",".join(sorted(names)) or "unknown"


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--workloads", default=",".join(WORKLOADS))
    parser.add_argument("--steps", type=int, default=None, help="timed steps (default: per workload)")
    parser.add_argument("--warmup", type=int, default=None, help="untimed steps first (default: per workload)")
    parser.add_argument("--threads", type=int, default=1,
                        help="threads of the BLAS (set OPENBLAS_NUM_THREADS to match); PyTorch's own ops stay on one, "
                             "since with both on two threads they fight over two cores (W5: 264 instead of 71 ms/step)")
    parser.add_argument("--device", default="cpu", choices=["cpu", "cuda"], help="where the model trains")
    args = parser.parse_args()
    torch.set_num_threads(1)
    device = torch.device(args.device)
    for workload in args.workloads.split(","):
        print(json.dumps(run(workload, args.steps, args.warmup, args.threads, device)), flush=True)


if __name__ == "__main__":
    main()
