#!/usr/bin/python3
"""Writes the ONNX fixtures of the importer's tests (OnnxImporterTest): small seeded nn.Sequential
models exported with torch.onnx.export, and for each the inputs and PyTorch's own outputs, so the
tests can check that the imported engine model predicts what PyTorch predicts.

The committed files were made with torch 1.13.1 and onnx 1.12.0 (Debian bookworm: apt-get install
python3-torch python3-onnx; run with /usr/bin/python3):

    /usr/bin/python3 scripts/make-onnx-fixtures.py

Each supported model NAME gives NAME.onnx, NAME.inputs.npy (float32 [4, ...sample]) and
NAME.outputs.npy (float32 [4, classes]: the logits; for a model ending in LogSoftmax, the logits
before it, since the importer drops a final softmax). The unsupported-*.onnx files hold one node the
engine has no counterpart for.
"""
import os

import numpy as np
import torch
from torch import nn

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "learnchain-learn", "src", "test",
                   "resources", "io", "learnchain", "learn", "format", "onnx")
SAMPLES = 4


class LastStep(nn.Module):
    """nn.LSTM(batch_first=True) returns (out, (h_n, c_n)); this keeps out[:, -1], the last step."""

    def forward(self, x):
        out, _ = x
        return out[:, -1, :]


class LastHidden(nn.Module):
    """The other common idiom: h_n[-1], the last layer's final hidden state (the same values)."""

    def forward(self, x):
        _, (h, _) = x
        return h[-1]


class View(nn.Module):
    """x.view(x.size(0), -1): the flatten of hand-written forward() methods."""

    def forward(self, x):
        return x.view(x.size(0), -1)


def conv_batchnorm():
    """BatchNorm2d right after a Conv2d, with non-trivial running statistics: torch folds it into the Conv."""
    model = nn.Sequential(nn.Conv2d(1, 3, 3), nn.BatchNorm2d(3), nn.ReLU(), nn.Flatten(), nn.Linear(3 * 6 * 6, 4))
    with torch.no_grad():
        model[1].running_mean.uniform_(-0.5, 0.5)
        model[1].running_var.uniform_(0.5, 2.0)
        model[1].weight.uniform_(0.5, 1.5)
        model[1].bias.uniform_(-0.5, 0.5)
    return model


def models():
    """(name, seed, sample shape, model, export options, layers whose output is the expected logits)."""
    yield ("mlp", 1, (1, 28, 28), lambda: nn.Sequential(
        nn.Flatten(), nn.Linear(784, 32), nn.ReLU(), nn.Dropout(0.2), nn.Linear(32, 16), nn.Tanh(),
        nn.Linear(16, 16), nn.Sigmoid(), nn.Linear(16, 10), nn.LogSoftmax(dim=1)), {}, -1)
    yield ("lenet", 2, (1, 28, 28), lambda: nn.Sequential(
        nn.Conv2d(1, 4, 5, padding=2), nn.ReLU(), nn.MaxPool2d(2), nn.Conv2d(4, 8, 5), nn.ReLU(),
        nn.MaxPool2d(2, 2), nn.Flatten(), nn.Linear(8 * 5 * 5, 32), nn.ReLU(), nn.Linear(32, 10)), {}, None)
    yield ("conv-view", 3, (1, 12, 12), lambda: nn.Sequential(
        nn.Conv2d(1, 3, 3, stride=2, padding=1), nn.Tanh(), View(), nn.Linear(3 * 6 * 6, 5)), {}, None)
    yield ("conv-batchnorm", 9, (1, 8, 8), conv_batchnorm, {}, None)
    yield ("lstm-last-step", 4, (28, 28), lambda: nn.Sequential(
        nn.LSTM(28, 16, batch_first=True), LastStep(), nn.Linear(16, 10)), {}, None)
    yield ("lstm-last-hidden", 5, (7, 6), lambda: nn.Sequential(
        nn.LSTM(6, 5, batch_first=True), LastHidden(), nn.ReLU(), nn.Linear(5, 3)), {"opset_version": 11}, None)
    yield ("lstm-fixed-batch", 6, (5, 4), lambda: nn.Sequential(
        nn.LSTM(4, 3, batch_first=True), LastStep(), nn.Linear(3, 2)), {"fixed_batch": True}, None)
    yield ("unsupported-avgpool", 7, (1, 8, 8), lambda: nn.Sequential(
        nn.AvgPool2d(2), nn.Flatten(), nn.Linear(16, 2)), {}, False)
    yield ("unsupported-dilation", 8, (1, 8, 8), lambda: nn.Sequential(
        nn.Conv2d(1, 2, 3, dilation=2), nn.Flatten(), nn.Linear(2 * 4 * 4, 2)), {}, False)


def export(name, model, sample, options):
    fixed = options.pop("fixed_batch", False)
    path = os.path.join(OUT, name + ".onnx")
    torch.onnx.export(
        model, torch.zeros(1, *sample), path, input_names=["input"], output_names=["logits"],
        dynamic_axes=None if fixed else {"input": {0: "batch"}, "logits": {0: "batch"}}, **options)
    return path


def main():
    os.makedirs(OUT, exist_ok=True)
    for name, seed, sample, make, options, logits_end in models():
        torch.manual_seed(seed)
        model = make().eval()
        path = export(name, model, sample, dict(options))
        if logits_end is False:
            print(f"{path}: {os.path.getsize(path)} bytes (unsupported on purpose)")
            continue
        inputs = torch.rand(SAMPLES, *sample, generator=torch.Generator().manual_seed(100 + seed))
        with torch.no_grad():
            head = model if logits_end is None else model[:logits_end]
            outputs = head(inputs)
        np.save(os.path.join(OUT, name + ".inputs.npy"), inputs.numpy().astype(np.float32))
        np.save(os.path.join(OUT, name + ".outputs.npy"), outputs.numpy().astype(np.float32))
        print(f"{path}: {os.path.getsize(path)} bytes, outputs {tuple(outputs.shape)}")


if __name__ == "__main__":
    main()
