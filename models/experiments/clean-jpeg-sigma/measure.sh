#!/bin/bash
# usage: measure.sh TAG MODEL.onnx   — the issue-17 measurements of one model, reports under runs/m/TAG-*
set -x
TAG=$1; M=$2
A="nice -n 5 dotnet src/AePaint.Cli/bin/Release/net10.0/aepaint.dll"
T="nice -n 5 dotnet trainer/AePaint.Trainer/bin/Release/net10.0/aepaint-train.dll"
$T noise check --clean-jpeg --set ../shared/data/eval/CBSD68 --take 16 -m $M --sigma-sweep 0 --report runs/m/$TAG-clean-cbsd68.tsv
$T noise check --clean-jpeg --set ../shared/data/eval/Set14 -m $M --sigma-sweep 0 --report runs/m/$TAG-clean-set14.tsv
SW=0,2,4,6,8,11,15,20,27
$A eval real --set runs/dev/set5 -m $M --peers none --no-ssim --sigma-sweep $SW -o runs/m/$TAG-dev-set5
$A eval real --set runs/dev/set14 -m $M --peers none --no-ssim --sigma-sweep $SW -o runs/m/$TAG-dev-set14
$A eval real --set runs/dev/cbsd68 --limit 12 -m $M --peers none --no-ssim --sigma-sweep $SW -o runs/m/$TAG-dev-cbsd68
$A eval real --set ../shared/data/eval/CC15 -m $M --peers none -o runs/m/$TAG-cc15
$A eval real --set ../shared/data/eval/SIDD_samples -m $M --peers none -o runs/m/$TAG-sidd
$A eval denoise --set ../shared/data/eval/CBSD68 --add-noise 15,25,50 -m $M --peers none -o runs/m/$TAG-cbsd68
echo DONE
