#!/bin/bash
# Issue-8/9 domain experiment: split sun_hays80 (training photos; never evaluation images) by scene into
# "nature" and "built" folders of symlinks under runs/domains/. Run from the repository root.
set -e
src=../shared/data/train/sun_hays80
nature="badlands beach butte campsite canal_natural canyon cavern_indoor cliff coast creek desert_sand field_wild
forest_broadleaf forest_needleleaf forest_path hayfield hot_spring ice_shelf iceberg islet marsh mountain pasture pond
sea_cliff ski_slope swamp underwater_coral_reef valley volcano waterfall_block waterfall_plunge watering_hole wave wheat_field"
rm -rf runs/domains && mkdir -p runs/domains/nature runs/domains/built
for f in "$src"/*_sun_*.jpg; do
  scene=$(basename "$f" | sed 's/_sun_.*//')
  if [[ " $(echo $nature) " == *" $scene "* ]]; then d=nature; else d=built; fi
  ln -s "$(realpath "$f")" "runs/domains/$d/$(basename "$f")"
done
echo "nature: $(ls runs/domains/nature | wc -l) photos, built: $(ls runs/domains/built | wc -l) photos"
