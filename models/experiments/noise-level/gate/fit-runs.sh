#!/bin/bash
# The fit sets of the gated judge, from a scratch folder: ÷2 copies (ffmpeg area filter), camera noise on photos 1–20,
# then the checks. REPO: the checkout (built: dotnet build trainer/AePaint.Trainer -c Release); AEPAINT_SHARED_DATA: shared/data.
R=${REPO:-/work/j1}
T=$R/trainer/AePaint.Trainer/bin/Release/net10.0/aepaint-train
M=$R/models/denoise-fast.onnx
D=${AEPAINT_SHARED_DATA:-/work/shared/data}/eval
S=${AEPAINT_SHARED_DATA:-/work/shared/data}/train/sun_hays80
mkdir -p fit/noisy-src fit/clean rep
i=0
for f in $(ls $S | sort | head -35); do
  i=$((i+1)); d=fit/noisy-src; [ $i -gt 20 ] && d=fit/clean
  nice -n 5 ffmpeg -nostdin -loglevel error -i $S/$f -vf scale=iw/2:ih/2:flags=area $d/${f%.jpg}.png
done
nice -n 5 $T degrade --set fit/noisy-src --noise camera --seed 21 -o fit/noisy
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
