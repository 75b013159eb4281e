#!/bin/bash
# The held-out checks of the gated judge (run once, after fit.out), from a scratch folder; writes held/.
R=${REPO:-/work/j1}
T=$R/trainer/AePaint.Trainer/bin/Release/net10.0/aepaint-train
M=$R/models/denoise-fast.onnx
D=${AEPAINT_SHARED_DATA:-/work/shared/data}/eval
mkdir -p held
nice -n 5 $T degrade --set $D/Set5 --noise camera --seed 19 -o dev-set5
nice -n 5 $T degrade --set $D/Set14 --noise camera --seed 18 -o dev-set14
nice -n 5 $T degrade --set $D/CBSD68 --noise camera --seed 17 -o dev-cbsd68
set -x
date -u; uptime
nice -n 5 $T noise check --set dev-set5 -m $M --judged --threads 1 --report held/held-dev-set5.tsv
nice -n 5 $T noise check --set dev-set14 -m $M --judged --threads 1 --report held/held-dev-set14.tsv
nice -n 5 $T noise check --set dev-cbsd68 --take 12 -m $M --judged --threads 1 --report held/held-dev-cbsd68.tsv
nice -n 5 $T noise check --set $D/CBSD68 --clean-jpeg --take 16 -m $M --judged --threads 1 --sigma-sweep 0,1,2,4,8,15 --report held/held-clean-cbsd68.tsv
nice -n 5 $T noise check --set $D/Set14 --clean-jpeg -m $M --judged --threads 1 --sigma-sweep 0,1,2,4,8,15 --report held/held-clean-set14.tsv
date -u; uptime
