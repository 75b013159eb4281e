#!/bin/bash
# Issue-8/9 domain experiment: split sun_hays80 (training photos; never evaluation images) by scene into "nature" and
# "built", each into a fine-tune folder (runs/domains/<d>) and a test folder (runs/domains-test/<d>: every 4th photo
# by name, never seen by the fine-tunes). Symlinks only. Run from the repository root.
# Caveat: the shipped denoise-fast trained on all of sun_hays80, test photos included (it is the base either way).
set -e
src=../shared/data/train/sun_hays80
nature="badlands beach butte campsite canal_natural canyon cavern_indoor cliff coast creek desert_sand field_wild
forest_broadleaf forest_needleleaf forest_path hayfield hot_spring ice_shelf iceberg islet marsh mountain pasture pond
sea_cliff ski_slope swamp underwater_coral_reef valley volcano waterfall_block waterfall_plunge watering_hole wave wheat_field"
rm -rf runs/domains runs/domains-test
mkdir -p runs/domains/nature runs/domains/built runs/domains-test/nature runs/domains-test/built
declare -A n
for f in $(ls "$src"/*_sun_*.jpg | sort); do
  scene=$(basename "$f" | sed 's/_sun_.*//')
  if [[ " $(echo $nature) " == *" $scene "* ]]; then d=nature; else d=built; fi
  n[$d]=$(( ${n[$d]:-0} + 1 ))
  if (( ${n[$d]} % 4 == 0 )); then dest=runs/domains-test/$d; else dest=runs/domains/$d; fi
  ln -s "$(realpath "$f")" "$dest/$(basename "$f")"
done
for d in nature built; do echo "$d: $(ls runs/domains/$d | wc -l) fine-tune, $(ls runs/domains-test/$d | wc -l) test"; done
