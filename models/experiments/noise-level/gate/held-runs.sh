#!/bin/bash
T=/work/j1/trainer/AePaint.Trainer/bin/Release/net10.0/aepaint-train
M=/work/j1/models/denoise-fast.onnx
D=/work/shared/data/eval
set -x
date -u; uptime
nice -n 5 $T noise check --set dev-set5 -m $M --judged --threads 1 --report held/held-dev-set5.tsv
nice -n 5 $T noise check --set dev-set14 -m $M --judged --threads 1 --report held/held-dev-set14.tsv
nice -n 5 $T noise check --set dev-cbsd68 --take 12 -m $M --judged --threads 1 --report held/held-dev-cbsd68.tsv
nice -n 5 $T noise check --set $D/CBSD68 --clean-jpeg --take 16 -m $M --judged --threads 1 --sigma-sweep 0,1,2,4,8,15 --report held/held-clean-cbsd68.tsv
nice -n 5 $T noise check --set $D/Set14 --clean-jpeg -m $M --judged --threads 1 --sigma-sweep 0,1,2,4,8,15 --report held/held-clean-set14.tsv
date -u; uptime
