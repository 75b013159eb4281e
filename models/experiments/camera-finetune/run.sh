#!/bin/sh
# Issue 17.4 on a simulated camera (trainer/README.md "Your camera, your model"): one fixed camera at one ISO,
# 60 noisy shots of training photos to fine-tune on (no clean copies), CBSD68 through the same camera as held-out
# shots (evaluation only), two noisy-only fine-tunes of denoise-fast, then the held-out scores.
# Run from the repository root with the trainer and the CLI built (Release). Writes under runs/camera-finetune.
set -eu
T="dotnet trainer/AePaint.Trainer/bin/Release/net10.0/aepaint-train.dll"
A="dotnet src/AePaint.Cli/bin/Release/net10.0/aepaint.dll"
R=runs/camera-finetune
E=models/experiments/camera-finetune
CAMERA="--noise camera --shot 0.004 --read 2e-4 --chroma-blur 1 --sharpen 0.5 --quality 90"
mkdir -p $R/src
# shots.txt: 60 of the training photos at most 1024 px on a side, evenly spaced (astronaut.png left out).
while read -r f; do ln -sf "$(realpath "../shared/data/train/$f")" "$R/src/$(dirname "$f" | tr / _)_$(basename "$f")"; done < $E/shots.txt
$T degrade --set $R/src $CAMERA --noisy-only --seed 117 -o $R/shots
$T degrade --set ../shared/data/eval/CBSD68 $CAMERA --seed 17 -o $R/heldout
for route in n2n pd2; do
  opts=""; [ $route = pd2 ] && opts="--options $E/pd2.json"
  $T denoise $opts --noisy-only --from models/denoise-fast.onnx --data $R/shots --name cam-$route \
    --threads 1 --minutes 40 --steps 1000 --lr 1.5e-4 --patch 64 --batch 4 --run $R/ft-$route
done
# The guard exports nothing on correlated noise without clean references; export the best checkpoints to score them.
for route in n2n pd2; do $T export $R/ft-$route/checkpoints/best.ckpt -o $R/cam-$route.onnx; done
$A eval real --set $R/heldout -m denoise-fast -m $R/cam-n2n.onnx -m $R/cam-pd2.onnx --peers none --no-ssim --sigma-sweep 4,6,8,11,15 -o $R/heldout-scores
# (the committed heldout-default.md / heldout-finetuned.md were written by two such evals, run by hand)
