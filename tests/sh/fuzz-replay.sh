#!/bin/sh
# run-once
# Every fuzz harness once over its seed corpus and tests/fuzz/regress/
# (the inputs that once crashed or hung gongshi), under ASan + UBSan.
# Fuzzing itself is `make fuzz`; this only replays.
# The replay's build goes into this test's own folder, which tests/run.sh
# deletes when the test passes: make check is to leave little behind.
out=${OUT:-build-fuzz}
mkdir -p "$out"
out=$(cd "$out" && pwd)
cd "$(dirname "$0")/../.." && REPLAY_B="$out/replay" exec sh tests/fuzz/run.sh --replay
