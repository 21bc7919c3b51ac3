"""Writes test/fixtures/seq2seq-reference.json: PyTorch's results for the encoder-decoder of src/seq2seq.ts and
numpy's least squares for the linear baseline of src/baselines.ts (`fitLinear` on multi-step windows), so the
TypeScript code is checked against independent implementations.

Seq2Seq cases (GRU and LSTM): an encoder reads x [B, L, 1]; a decoder started from its final state reads the
last observed value, then each of its own predictions (head = Linear(H, 1)) for `horizon` steps. Each case
holds the state_dict (exported as students export theirs), x, the forecast, and the gradients of
loss = sum(forecast * w) with respect to every parameter.

Run from the repository root:  /usr/bin/python3 scripts/torch/make_seq2seq_fixture.py
"""
import json

import numpy as np
import torch

BATCH, LOOKBACK, HIDDEN, HORIZON = 3, 6, 4, 5


class Seq2Seq(torch.nn.Module):
    def __init__(self, cell):
        super().__init__()
        layer = getattr(torch.nn, cell)
        self.encoder = layer(input_size=1, hidden_size=HIDDEN, batch_first=True)
        self.decoder = layer(input_size=1, hidden_size=HIDDEN, batch_first=True)
        self.head = torch.nn.Linear(HIDDEN, 1)

    def forward(self, x):
        _, state = self.encoder(x)
        step_input = x[:, -1:, :]
        predictions = []
        for _ in range(HORIZON):
            out, state = self.decoder(step_input, state)
            step_input = self.head(out)
            predictions.append(step_input)
        return torch.cat(predictions, dim=1).squeeze(2)


def rounded(tensor):
    """Nested lists with 9 significant digits: enough to give back the same float32 exactly."""
    return json.loads(json.dumps(tensor.detach().tolist()), parse_float=lambda s: float("%.9g" % float(s)))


def seq2seq_case(cell):
    model = Seq2Seq(cell)
    x = torch.randn(BATCH, LOOKBACK, 1)
    forecast = model(x)
    w = torch.randn_like(forecast)
    (forecast * w).sum().backward()
    return {
        "cell": cell,
        "hiddenSize": HIDDEN,
        "horizon": HORIZON,
        "stateDict": {k: rounded(v) for k, v in model.state_dict().items()},
        "x": rounded(x),
        "forecast": rounded(forecast),
        "w": rounded(w),
        "grads": {name: rounded(p.grad) for name, p in model.named_parameters()},
    }


def least_squares_case(rng):
    """Noisy windows with 4 inputs and 3 targets; numpy's lstsq on [inputs, 1]."""
    inputs = rng.normal(size=(40, 4))
    targets = inputs @ rng.normal(size=(4, 3)) + rng.normal(size=3) + 0.1 * rng.normal(size=(40, 3))
    design = np.hstack([inputs, np.ones((40, 1))])
    weights, *_ = np.linalg.lstsq(design, targets, rcond=None)
    return {"inputs": inputs.tolist(), "targets": targets.tolist(), "weights": weights.tolist()}


def main():
    torch.manual_seed(0)
    fixture = {
        "seq2seq": [seq2seq_case("GRU"), seq2seq_case("LSTM")],
        "leastSquares": least_squares_case(np.random.default_rng(0)),
    }
    with open("test/fixtures/seq2seq-reference.json", "w") as f:
        json.dump(fixture, f)
        f.write("\n")


if __name__ == "__main__":
    main()
