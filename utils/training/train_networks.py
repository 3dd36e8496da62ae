"""Trains the extraction model's small networks (see utils/extraction/learned-model.ts).

Called by utils/training/network.ts (npm run train:extract), never by hand. Plain numpy (the only
Python package this project's machines have; tested with numpy 2.4): a multilayer perceptron with
ReLU hidden layers, trained with Adam on a weighted cross-entropy (sigmoid for one output, softmax
for several) plus an L2 penalty. Deterministic: every random draw comes from the job's seed, and
the caller runs it with single-threaded BLAS.

stdin: JSON {"dir": d, "jobs": [{"name", "rows": "<file of float32>", "width", "targets",
"weights", "hidden", "outputs", "epochs", "batch", "rate", "l2", "seed"}]}; `rows` is row-major
float32, `targets` and `weights` are float32 files of one value per row.
stdout: JSON {name: {"mean", "std", "layers": [{"w": row-major inputs x outputs, "b"}]}}.
"""

import json
import sys

import numpy as np

if int(np.__version__.split(".")[0]) < 2:
    sys.exit(f"numpy >= 2 needed, found {np.__version__}")


def fix(values):
    """Four significant digits: the model file stays small, the outputs barely move."""
    return [float(f"{x:.4g}") for x in np.asarray(values, dtype=np.float64).ravel()]


def train(job, directory):
    width = job["width"]
    x = np.fromfile(f"{directory}/{job['rows']}", dtype=np.float32).reshape(-1, width).astype(np.float64)
    y = np.fromfile(f"{directory}/{job['targets']}", dtype=np.float32).astype(np.float64)
    w = np.fromfile(f"{directory}/{job['weights']}", dtype=np.float32).astype(np.float64)
    mean = x.mean(axis=0)
    std = x.std(axis=0)
    std[std < 1e-5] = 1.0
    xs = (x - mean) / std
    outputs = job["outputs"]
    targets = y[:, None] if outputs == 1 else np.eye(outputs)[y.astype(int)]

    rng = np.random.default_rng(job["seed"])
    sizes = [width, *job["hidden"], outputs]
    params = []
    for inputs, outs in zip(sizes[:-1], sizes[1:]):
        limit = np.sqrt(6.0 / (inputs + outs))
        params.append(rng.uniform(-limit, limit, size=(inputs, outs)))
        params.append(np.zeros(outs))
    moments = [np.zeros_like(p) for p in params]
    squares = [np.zeros_like(p) for p in params]
    rate, l2, beta1, beta2, step = job["rate"], job["l2"], 0.9, 0.999, 0

    for _ in range(job["epochs"]):
        order = rng.permutation(len(xs))
        for start in range(0, len(order), job["batch"]):
            batch = order[start : start + job["batch"]]
            activations = [xs[batch]]
            for index in range(0, len(params), 2):
                z = activations[-1] @ params[index] + params[index + 1]
                activations.append(np.maximum(z, 0) if index < len(params) - 2 else z)
            logits = activations[-1]
            if outputs == 1:
                predicted = 1.0 / (1.0 + np.exp(-logits))
            else:
                shifted = np.exp(logits - logits.max(axis=1, keepdims=True))
                predicted = shifted / shifted.sum(axis=1, keepdims=True)
            weight = w[batch][:, None]
            grad = (predicted - targets[batch]) * weight / weight.sum()
            grads = [None] * len(params)
            for index in range(len(params) - 2, -1, -2):
                grads[index] = activations[index // 2].T @ grad + 2 * l2 * params[index]
                grads[index + 1] = grad.sum(axis=0)
                if index:
                    grad = (grad @ params[index].T) * (activations[index // 2] > 0)
            step += 1
            for i, g in enumerate(grads):
                moments[i] = beta1 * moments[i] + (1 - beta1) * g
                squares[i] = beta2 * squares[i] + (1 - beta2) * g * g
                corrected = moments[i] / (1 - beta1**step)
                params[i] -= rate * corrected / (np.sqrt(squares[i] / (1 - beta2**step)) + 1e-8)

    layers = [{"w": fix(params[i]), "b": fix(params[i + 1])} for i in range(0, len(params), 2)]
    return {"mean": fix(mean), "std": fix(std), "layers": layers}


def main():
    request = json.load(sys.stdin)
    json.dump({job["name"]: train(job, request["dir"]) for job in request["jobs"]}, sys.stdout)


main()
