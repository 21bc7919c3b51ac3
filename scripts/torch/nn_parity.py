"""Reference numbers for test/nn-parity.test.ts, computed by PyTorch.

Builds the lecture's DNN (Linear(2,32)-ReLU-Linear(32,8)-ReLU-Linear(8,1)) and its MLP-RNN
(Linear(1+l,32)-ReLU-Linear(32,8)-ReLU-Linear(8,1+l), l=1) from a fixed seed, then records forward
outputs, MSE losses, gradients, clip_grad_norm_, and parameters after Adam / SGD-momentum steps.
Run: python3 scripts/torch/nn_parity.py  (writes test/fixtures/nn-parity.json)
"""
import json
import math
from pathlib import Path

import torch

torch.manual_seed(0)
torch.set_default_dtype(torch.float32)
OUT = Path(__file__).resolve().parents[2] / "test" / "fixtures" / "nn-parity.json"


def mlp(inputs, outputs):
    return torch.nn.Sequential(torch.nn.Linear(inputs, 32), torch.nn.ReLU(), torch.nn.Linear(32, 8),
                               torch.nn.ReLU(), torch.nn.Linear(8, outputs))


def lists(tensors):
    """Name -> nested lists, 9 significant digits (enough to restore float32 exactly)."""
    return {name: rounded(t.detach().tolist()) for name, t in tensors.items()}


def rounded(value):
    if isinstance(value, list):
        return [rounded(v) for v in value]
    return float(f"{value:.9g}")


def params(model):
    return lists(dict(model.named_parameters()))


def grads(model):
    return lists({name: p.grad for name, p in model.named_parameters()})


def sine(i):
    return math.sin(2 * math.pi * i / 50)


# --- The DNN on history windows of 2 ------------------------------------------------------------------
x = torch.tensor([[sine(i), sine(i + 1)] for i in range(0, 48, 3)])
y = torch.tensor([[sine(i + 2)] for i in range(0, 48, 3)])
dnn = mlp(2, 1)
initial = {k: v.clone() for k, v in dnn.state_dict().items()}

prediction = dnn(x)
loss = torch.nn.functional.mse_loss(prediction, y)
loss.backward()
dnn_grads = grads(dnn)
total_norm = torch.nn.utils.clip_grad_norm_(dnn.parameters(), max_norm=0.05)
clipped = grads(dnn)


def steps(optimizer, count=3):
    dnn.load_state_dict(initial)
    losses, after = [], []
    for _ in range(count):
        optimizer.zero_grad()
        step_loss = torch.nn.functional.mse_loss(dnn(x), y)
        step_loss.backward()
        optimizer.step()
        losses.append(step_loss.item())
        after.append(params(dnn))
    return {"losses": losses, "params": after}


adam = steps(torch.optim.Adam(dnn.parameters(), lr=0.01))
sgd = steps(torch.optim.SGD(dnn.parameters(), lr=0.1, momentum=0.9))
nesterov = steps(torch.optim.SGD(dnn.parameters(), lr=0.1, momentum=0.9, nesterov=True))

# --- The MLP-RNN along a short series, true BPTT (torch.cat keeps the memory in the graph) ----------------
class RNN(torch.nn.Module):
    """The lecture's RNN, its layers under `layers` as there (so parameters are named layers.0.weight, ...)."""

    def __init__(self):
        super().__init__()
        self.layers = mlp(2, 2)

    def forward(self, inputs, memory):
        return self.layers(torch.cat([inputs, memory], dim=1))


series = [sine(i) for i in range(21)]
rnn = RNN()
rnn_initial = {k: v.clone() for k, v in rnn.state_dict().items()}


def unrolled_loss(start, end, memory):
    errors = []
    for t in range(start, end):
        out = rnn(torch.tensor([[series[t]]]), memory)
        prediction, memory = out[:, :1], out[:, 1:]
        errors.append(torch.nn.functional.mse_loss(prediction, torch.tensor([[series[t + 1]]])))
    return torch.stack(errors).mean(), memory


def train_rnn(epochs, update_every):
    rnn.load_state_dict(rnn_initial)
    optimizer = torch.optim.Adam(rnn.parameters(), lr=0.01)
    steps_count = len(series) - 1
    for _ in range(epochs):
        memory = torch.zeros(1, 1)
        for start in range(0, steps_count, update_every):
            optimizer.zero_grad()
            chunk_loss, memory = unrolled_loss(start, min(start + update_every, steps_count), memory)
            chunk_loss.backward()
            optimizer.step()
            memory = memory.detach()
    return params(rnn)


rnn_loss, _ = unrolled_loss(0, len(series) - 1, torch.zeros(1, 1))
rnn_loss.backward()
rnn_grads = grads(rnn)

fixture = {
    "dnn": {
        "x": x.tolist(), "y": y.tolist(), "state": lists(initial),
        "prediction": rounded(prediction.detach().tolist()), "loss": loss.item(), "grads": dnn_grads,
        "clip": {"maxNorm": 0.05, "totalNorm": total_norm.item(), "grads": clipped},
        "adam": {"lr": 0.01, **adam},
        "sgdMomentum": {"lr": 0.1, "momentum": 0.9, **sgd},
        "sgdNesterov": {"lr": 0.1, "momentum": 0.9, **nesterov},
    },
    "mlpRnn": {
        "series": series, "state": lists(rnn_initial), "loss": rnn_loss.item(), "grads": rnn_grads,
        "adamLr": 0.01,
        "afterTwoEpochs": train_rnn(epochs=2, update_every=len(series) - 1),
        "afterOneEpochEvery5": train_rnn(epochs=1, update_every=5),
    },
}
OUT.parent.mkdir(parents=True, exist_ok=True)
OUT.write_text(json.dumps(fixture, separators=(",", ":")) + "\n")
print(f"wrote {OUT} ({OUT.stat().st_size} bytes)")
