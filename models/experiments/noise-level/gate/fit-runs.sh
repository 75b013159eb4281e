#!/bin/bash
T=/work/j1/trainer/AePaint.Trainer/bin/Release/net10.0/aepaint-train
M=/work/j1/models/denoise-fast.onnx
D=/work/shared/data/eval
set -x
date -u
nice -n 5 $T noise check --set fit/noisy -m $M --judged --threads 1 --report rep/fit-noisy.tsv
date -u
nice -n 5 $T noise check --set fit/clean --clean-jpeg -m $M --judged --threads 1 --sigma-sweep 0,1,2,4,8,15 --report rep/fit-clean.tsv
date -u
nice -n 5 $T noise check --set $D/CC15 -m $M --judged --threads 1 --sigma-sweep 0,2,4,6,8,11,15,20,27,36 --report rep/fit-cc15.tsv
date -u
nice -n 5 $T noise check --set $D/SIDD_samples -m $M --judged --threads 1 --sigma-sweep 0,2,4,6,8,11,15,20,27,33 --report rep/fit-sidd.tsv
date -u
