"""Reference values for the recurrent exercises, from PyTorch (float64).

Writes test/fixtures/torch-cells.json: inputs, weights in PyTorch's layout, and what nn.RNN / nn.LSTM /
nn.GRU compute, plus the BPTT gradients of the vanilla RNN regressor (autograd). Run with
`/usr/bin/python3 scripts/torch/cells.py`; the tests only read the JSON.
"""
import json
import pathlib

import torch

torch.manual_seed(0)
torch.set_default_dtype(torch.float64)
T, I, H = 6, 2, 3


def weights(module):
    return {
        "wIh": module.weight_ih_l0.tolist(),
        "wHh": module.weight_hh_l0.tolist(),
        "bIh": module.bias_ih_l0.tolist(),
        "bHh": module.bias_hh_l0.tolist(),
    }


xs = torch.randn(T, I)
h0 = torch.randn(H) * 0.5
c0 = torch.randn(H) * 0.5
fixture = {"xs": xs.tolist(), "h0": h0.tolist(), "c0": c0.tolist()}

with torch.no_grad():
    rnn = torch.nn.RNN(I, H)
    out, _ = rnn(xs[:, None, :], h0[None, None, :])
    fixture["rnn"] = {"weights": weights(rnn), "hiddens": out[:, 0, :].tolist()}

    lstm = torch.nn.LSTM(I, H)
    out, (hn, cn) = lstm(xs[:, None, :], (h0[None, None, :], c0[None, None, :]))
    fixture["lstm"] = {"weights": weights(lstm), "hiddens": out[:, 0, :].tolist(), "h": hn[0, 0].tolist(), "c": cn[0, 0].tolist()}

    gru = torch.nn.GRU(I, H)
    out, _ = gru(xs[:, None, :], h0[None, None, :])
    fixture["gru"] = {"weights": weights(gru), "hiddens": out[:, 0, :].tolist()}

# BPTT: vanilla RNN + linear head, MSE over every step
rnn = torch.nn.RNN(I, H)
head = torch.nn.Linear(H, 1)
targets = torch.randn(T)
h0_leaf = h0.clone().requires_grad_(True)
out, _ = rnn(xs[:, None, :], h0_leaf[None, None, :])
loss = torch.nn.functional.mse_loss(head(out[:, 0, :])[:, 0], targets)
loss.backward()
fixture["bptt"] = {
    "model": {**weights(rnn), "wHy": head.weight[0].tolist(), "bHy": head.bias.item()},
    "targets": targets.tolist(),
    "loss": loss.item(),
    "gradients": {
        "wIh": rnn.weight_ih_l0.grad.tolist(),
        "wHh": rnn.weight_hh_l0.grad.tolist(),
        "bIh": rnn.bias_ih_l0.grad.tolist(),
        "bHh": rnn.bias_hh_l0.grad.tolist(),
        "wHy": head.weight.grad[0].tolist(),
        "bHy": head.bias.grad.item(),
        "h0": h0_leaf.grad.tolist(),
    },
}

path = pathlib.Path(__file__).resolve().parents[2] / "test" / "fixtures" / "torch-cells.json"
path.write_text(json.dumps(fixture, indent=1) + "\n")
print(f"wrote {path}")
