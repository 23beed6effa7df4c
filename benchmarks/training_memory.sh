#!/bin/bash
# Resident memory of a CPU training run, sampled every 2 s, with its value at each epoch end.
#
#   bash benchmarks/training_memory.sh DATASET_DIR WORKDIR [train overrides...]
#   e.g. autocoding synth specialty=endoscopy n_episodes=1500 seed=5 out=/tmp/mem/extract
#        autocoding build dataset=endoscopy extract=/tmp/mem/extract out=/tmp/mem/ds
#        bash benchmarks/training_memory.sh /tmp/mem/ds /tmp/mem/base
#        bash benchmarks/training_memory.sh /tmp/mem/ds /tmp/mem/mmap callbacks.release_memory.mmap_threshold=131072
#
# Trains experiment=endoscopy/minilm for 5 epochs and stops it once the fit is done (the prediction and calibration
# passes after it are not what this measures). Figures: docs/benchmarks.md, "Training memory".
set -euo pipefail
DATA=$1; WORK=$2; shift 2
rm -rf "$WORK"; mkdir -p "$WORK"
export MLFLOW_DISABLE_TELEMETRY=true DVC_NO_ANALYTICS=1 HF_HUB_OFFLINE=1
autocoding train experiment=endoscopy/minilm data="$DATA" out="$WORK/run" trainer.max_epochs=5 \
  tracking_uri="sqlite:///$WORK/mlflow.db" "$@" > "$WORK/train.log" 2>&1 &
PID=$!
while kill -0 $PID 2>/dev/null; do
  echo "$(date +%H:%M:%S) $(ps -o rss= -p $PID || true)" >> "$WORK/rss.txt"
  if grep -q "fit and predict" "$WORK/train.log"; then kill $PID; break; fi
  sleep 2
done
python3 - "$WORK" <<'PY'
import re, sys
work = sys.argv[1]
rss = [(t, int(r)) for t, r in (line.split() for line in open(f"{work}/rss.txt") if len(line.split()) == 2)]
ends = [line[11:19] for line in open(f"{work}/train.log") if re.match(r"^20.*epoch \d+: val", line)]
for i, end in enumerate(ends):
    upto = [r for t, r in rss if t <= end]
    print(f"epoch {i} ends {end}: RSS {upto[-1] / 1024:.0f} MiB, peak so far {max(upto) / 1024:.0f} MiB")
PY
