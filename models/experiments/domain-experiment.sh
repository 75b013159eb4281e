#!/bin/bash
# Issues 8 and 9, the domain experiment, from the repository root (after models/experiments/make-domains.sh):
# 1. fine-tune the shipped denoiser on each domain with the hold-out guard (--from), 2. score base and fine-tunes on
# both domains' test photos (AWGN σ 25, never seen by the fine-tunes), 3. train the embedder, stamp each model's
# training domain into its card, 4. measure how often Auto picks the model that scores best.
set -e
T="dotnet run --project trainer/AePaint.Trainer -c Release --"
A="dotnet run --project src/AePaint.Cli -c Release --"
mkdir -p runs/domain-models
for d in nature built; do
  $T denoise --from models/denoise-fast.onnx --data runs/domains/$d --name denoise-$d --run runs/ft-$d --threads 1 -o runs/domain-models/denoise-$d.onnx \
    || echo "denoise-$d: not exported (see runs/ft-$d/holdout.txt)"
done
for d in nature built; do
  $A eval denoise --set runs/domains-test/$d --add-noise 25 --peers none -m models/denoise-fast.onnx \
    $(ls runs/domain-models/*.onnx | sed 's/^/-m /') -o runs/domain-eval-$d
done
$T embed --data ../shared/data/train --minutes 15 --threads 2 --run runs/embed-general -o runs/domain-models/embed-general.onnx
cp models/denoise-fast.onnx runs/domain-models/denoise-fast.onnx
$A models embed runs/domain-models/denoise-fast.onnx --data ../shared/data/train --models-dir runs/domain-models
for d in nature built; do
  [ -f runs/domain-models/denoise-$d.onnx ] && $A models embed runs/domain-models/denoise-$d.onnx --data runs/domains/$d --models-dir runs/domain-models
done
$A eval autopick --set runs/domains-test --add-noise 25 --models-dir runs/domain-models \
  $(ls runs/domain-models/denoise-*.onnx | sed 's/^/-m /') -o runs/autopick
