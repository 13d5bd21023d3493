#!/bin/sh
# run-once
# Every fuzz harness once over its seed corpus and tests/fuzz/regress/
# (the inputs that once crashed or hung gongshi), under ASan + UBSan.
# Fuzzing itself is `make fuzz`; this only replays.
cd "$(dirname "$0")/../.." && exec sh tests/fuzz/run.sh --replay
