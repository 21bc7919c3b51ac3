"""Writes test/fixtures/torch-recurrent.json: PyTorch's own outputs and gradients for nn.RNN (tanh, relu),
nn.LSTM and nn.GRU with 1 and 2 layers, and with bias=False, so the TypeScript layers can be checked against them.

Each case holds the module's state_dict exported the way students export theirs
({k: v.tolist() for k, v in m.state_dict().items()}), an input batch (batch-first), initial states, and
the results for the scalar loss L = sum(output * w_out) + sum(h_n * w_h) (+ sum(c_n * w_c) for LSTM):
output, h_n, c_n and dL/d(every parameter, input, h0, c0).

Run from the repository root:  /usr/bin/python3 scripts/torch/make_recurrent_fixtures.py
"""
import json

import torch

BATCH, STEPS, INPUT, HIDDEN = 2, 5, 3, 4
# (name, module, layers, nonlinearity, bias). New cases go at the end: each draws from the one seeded
# generator, so the cases before them keep their numbers.
CASES = [
    ("rnn_tanh_1", "RNN", 1, "tanh", True),
    ("rnn_tanh_2", "RNN", 2, "tanh", True),
    ("rnn_relu_1", "RNN", 1, "relu", True),
    ("rnn_relu_2", "RNN", 2, "relu", True),
    ("lstm_1", "LSTM", 1, None, True),
    ("lstm_2", "LSTM", 2, None, True),
    ("gru_1", "GRU", 1, None, True),
    ("gru_2", "GRU", 2, None, True),
    ("rnn_tanh_1_no_bias", "RNN", 1, "tanh", False),
    ("lstm_2_no_bias", "LSTM", 2, None, False),
    ("gru_1_no_bias", "GRU", 1, None, False),
]


def rounded(tensor):
    """Nested lists with 9 significant digits: enough to give back the same float32 exactly."""
    return json.loads(json.dumps(tensor.detach().tolist()), parse_float=lambda s: float("%.9g" % float(s)))


def make_case(name, kind, layers, nonlinearity, bias):
    options = dict(input_size=INPUT, hidden_size=HIDDEN, num_layers=layers, batch_first=True, bias=bias)
    if nonlinearity:
        options["nonlinearity"] = nonlinearity
    module = getattr(torch.nn, kind)(**options)
    x = torch.randn(BATCH, STEPS, INPUT, requires_grad=True)
    h0 = torch.randn(layers, BATCH, HIDDEN, requires_grad=True)
    c0 = torch.randn(layers, BATCH, HIDDEN, requires_grad=True) if kind == "LSTM" else None
    if c0 is None:
        output, h_n = module(x, h0)
    else:
        output, (h_n, c_n) = module(x, (h0, c0))
    w_out, w_h = torch.randn_like(output), torch.randn_like(h_n)
    loss = (output * w_out).sum() + (h_n * w_h).sum()
    case = {
        "name": name,
        "module": kind,
        "options": {
            "inputSize": INPUT, "hiddenSize": HIDDEN, "numLayers": layers,
            **({"nonlinearity": nonlinearity} if nonlinearity else {}), **({} if bias else {"bias": False}),
        },
        "state_dict": {k: rounded(v) for k, v in module.state_dict().items()},
        "x": rounded(x),
        "h0": rounded(h0),
        "loss_weights": {"output": rounded(w_out), "h": rounded(w_h)},
    }
    if c0 is not None:
        case["c0"] = rounded(c0)
        w_c = torch.randn_like(c_n)
        case["loss_weights"]["c"] = rounded(w_c)
        loss = loss + (c_n * w_c).sum()
    loss.backward()
    expected = {"output": rounded(output), "h_n": rounded(h_n), "loss": loss.item()}
    if c0 is not None:
        expected["c_n"] = rounded(c_n)
    grads = {k: rounded(p.grad) for k, p in module.named_parameters()}
    grads["x"], grads["h0"] = rounded(x.grad), rounded(h0.grad)
    if c0 is not None:
        grads["c0"] = rounded(c0.grad)
    expected["grads"] = grads
    case["expected"] = expected
    return case


def main():
    torch.manual_seed(2024)
    fixture = {
        "about": "made by scripts/torch/make_recurrent_fixtures.py with PyTorch " + torch.__version__,
        "cases": [make_case(*c) for c in CASES],
    }
    with open("test/fixtures/torch-recurrent.json", "w") as f:
        json.dump(fixture, f, separators=(",", ":"))


if __name__ == "__main__":
    main()
