#!/bin/sh
# Issue 17.4, the calibrate route (trainer/README.md "Your camera, your model"): for each simulated camera, 60 noisy
# JPEGs of training photos (no clean copies) → `aepaint-train denoise --calibrate` fits the camera from them and
# fine-tunes denoise-fast on clean training photos through the fitted camera; CBSD68 through the true camera is
# the held-out set (evaluation only). Run from the repository root with the trainer and the CLI built (Release).
# Writes under runs/camera-calibrate. Usage: calibrate.sh [a|b] (default both, one after the other).
# FIT=1 fits each camera afresh (calibrate.json, 25 min); by default the stored fit (calibrate-long-<cam>.json: the
# fit of calibrate-<cam>-fitted.json, 256² validation crops, validation every 250 steps, no early stop) is reused and
# the fine-tune gets MINUTES (default 32) of training on 1 thread at nice 5. The two cameras can run side by side.
# The README's 52-minute rows: the run continued in a copy (cp -r ft-long ft-long2), then
#   aepaint-train denoise --options ft-long/options.json --threads 1 --minutes 52 --run ft-long2 --resume
# Run as a whole: no — on 2026-12-07 its commands were run by hand (the long fine-tunes of both cameras in parallel).
set -eu
T="dotnet trainer/AePaint.Trainer/bin/Release/net10.0/aepaint-train.dll"
A="dotnet src/AePaint.Cli/bin/Release/net10.0/aepaint.dll"
R=runs/camera-calibrate
E=models/experiments/camera-finetune
mkdir -p $R/src
# shots.txt: the 60 training photos the noisy-only experiment used (≤ 1024 px on a side, evenly spaced).
while read -r f; do ln -sf "$(realpath "../shared/data/train/$f")" "$R/src/$(dirname "$f" | tr / _)_$(basename "$f")"; done < $E/shots.txt
for cam in ${1:-a b}; do
  case $cam in
    a) CAMERA="--shot 0.004 --read 2e-4 --chroma-blur 1 --sharpen 0.5 --quality 90"; SWEEP=12,15,18 ;;  # the noisy-only experiment's camera
    b) CAMERA="--shot 0.012 --read 6e-4 --chroma-blur 0.5 --sharpen 0.8 --quality 75"; SWEEP=20,22,26,30 ;; # higher ISO, q75
  esac
  [ -d $R/$cam/shots ] || $T degrade --set $R/src --noise camera $CAMERA --noisy-only --jpeg-files --seed 117 -o $R/$cam/shots
  [ -d $R/$cam/heldout ] || $T degrade --set ../shared/data/eval/CBSD68 --noise camera $CAMERA --seed 17 -o $R/$cam/heldout
  if [ "${FIT:-0}" = 1 ]; then
    $T denoise --options $E/calibrate.json --calibrate --from models/denoise-fast.onnx --data $R/$cam/shots \
      --clean-photos ../shared/data/train/sun_hays80 --name cam-$cam --threads 1 --minutes 25 --run $R/$cam/ft 2>&1 | tee $R/$cam/ft.log
  else
    nice -n 5 $T denoise --options $E/calibrate-long-$cam.json --from models/denoise-fast.onnx --name cam-$cam \
      --threads 1 --minutes ${MINUTES:-32} --run $R/$cam/ft-long > $R/$cam/ft-long.log 2>&1
  fi
  F=$R/$cam/ft-long; [ "${FIT:-0}" = 1 ] && F=$R/$cam/ft
  # The guard may export nothing; the best checkpoint (if any beat the base) is exported to be scored either way.
  [ -f $F/cam-$cam.onnx ] || [ ! -f $F/checkpoints/best.ckpt ] || $T export $F/checkpoints/best.ckpt -o $R/$cam/cam-$cam.onnx
  $A eval real --set $R/$cam/heldout -m denoise-fast --peers none --no-ssim --sigma-sweep $SWEEP -o $R/$cam/eval-default
  for m in $F/cam-$cam.onnx $R/$cam/cam-$cam.onnx; do
    [ -f $m ] && $A eval real --set $R/$cam/heldout -m $m --peers none --no-ssim -o $R/$cam/eval-finetuned || true
  done
done
