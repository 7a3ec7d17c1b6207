#!/usr/bin/env bash
# Sharded proofs, as a user runs them: parts run by a job runner (here GNU
# parallel), then `spancheck merge`.
#   shard_test.sh SPANCHECK parallel  4 parts with GNU parallel merge to the single run's verdict
#   shard_test.sh SPANCHECK fault     a killed part, a part cut short, a missing part: never holds;
#                                     the cut-short part resumes from its checkpoint, then it holds
#   shard_test.sh SPANCHECK runners SOURCE_DIR
#                                     the README's proof is the one ci/github-shards.yml and
#                                     ci/k8s-shards.yaml run; the Indexed Job's command, run for
#                                     each index (one of them stopped and resumed), merges to holds
set -euo pipefail
spancheck=$1
mode=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"

fail() { echo "FAIL: $*" >&2; exit 1; }
# expect EXIT PATTERN COMMAND...: the command exits with EXIT and prints PATTERN (grep -E, across lines).
expect() {
  local want=$1 pattern=$2; shift 2
  local rc=0
  "$@" >out.txt 2>&1 || rc=$?
  cat out.txt
  [ "$rc" -eq "$want" ] || fail "exit $rc, not $want: $*"
  grep -Ezq -- "$pattern" out.txt || fail "no '$pattern' in the output of: $*"
}
executions() { python3 -c "import json,sys; print(json.load(open(sys.argv[1]))['executions'])" "$1"; }

case $mode in
parallel)
  # A mid-sized proof: popped, 1 pusher, 4 poppers, 4 spans, 4 slots per block.
  proof=(model --variant popped --scenario push-pop --search dpor --pushers 1 --poppers 4 --spans 4 --slots 4)
  expect 0 "HOLDS: popped on push-pop .*1 pusher, 4 poppers, 4 spans" "$spancheck" "${proof[@]}" --json whole.json
  command -v parallel >/dev/null || fail "GNU parallel is not installed (ci/install-deps installs it)"
  parallel --will-cite --halt never "$spancheck" "${proof[@]}" --shard {}/4 --json part-{}.json ::: 1 2 3 4 >/dev/null
  expect 0 "HOLDS: popped on push-pop .*4 of 4 parts merged" "$spancheck" merge part-*.json --json merged.json
  grep -q "exhaustive: every interleaving up to equivalence" out.txt || fail "the merged proof does not say exhaustive"
  # Every class explored: the parts add up to at least the single run.
  whole=$(executions whole.json)
  parts=$(executions merged.json)
  [ "$parts" -ge "$whole" ] || fail "the parts explored $parts executions, fewer than the single run's $whole"
  echo "single run: $whole executions; 4 parts: $parts"
  # The same parts for the leak: the merged verdict is the violation, with a
  # replay line that replays without --shard.
  bug=(model --variant used --scenario two-poppers --search dpor --poppers 3 --spans 4)
  parallel --will-cite --halt never "$spancheck" "${bug[@]}" --shard {}/4 --json bug-{}.json ::: 1 2 3 4 >/dev/null || true
  expect 1 "VIOLATED: block [0-9] leaked.*\[leak\]" "$spancheck" merge bug-*.json
  replay=$(sed -n 's/^Replay: //p' out.txt)
  [ -n "$replay" ] || fail "no replay line in the merged violation"
  case $replay in *--shard*) fail "the replay line needs --shard: $replay" ;; esac
  replay=${replay/#spancheck /$spancheck }
  expect 1 "VIOLATED: block [0-9] leaked.*Replayed the execution" $replay
  ;;
fault)
  proof=(model --variant popped --scenario push-pop --search dpor --pushers 1 --poppers 2 --spans 5 --slots 4)
  for i in 1 3 4; do "$spancheck" "${proof[@]}" --shard $i/4 --json part-$i.json >/dev/null; done
  # Part 2 missing.
  expect 3 "INCONCLUSIVE: .*3 of 4 parts merged.*part 2 of 4 is missing" "$spancheck" merge part-1.json part-3.json part-4.json
  # Part 2 killed outright (SIGKILL, no time to write its report): its report
  # is left empty, so the part is missing, not held.
  big=(model --variant popped --scenario push-pop --search dpor --pushers 1 --poppers 4 --spans 8 --slots 4)
  "$spancheck" "${big[@]}" --shard 2/4 --json killed-2.json >/dev/null 2>&1 &
  pid=$!
  while [ ! -e killed-2.json ]; do sleep 0.05; done
  kill -KILL $pid
  wait $pid || true
  expect 3 "INCONCLUSIVE: .*killed-2.json is empty or cut short.*part 2 of 4 is missing" \
    "$spancheck" merge part-1.json killed-2.json part-3.json part-4.json
  # Part 2 stopped mid-way (as a job runner's time limit would stop it) with
  # a checkpoint: its report says incomplete, and so does the merge.
  expect 3 "INCONCLUSIVE: .*part 2 of 4" \
    "$spancheck" "${proof[@]}" --shard 2/4 --max-executions 2000 --checkpoint part-2.checkpoint --json part-2.json
  expect 3 "INCONCLUSIVE: .*part 2 \(part-2.json\) did not complete: stopped by max-executions" \
    "$spancheck" merge part-*.json
  # Resumed from its checkpoint, the part completes, and the proof holds.
  expect 0 "HOLDS: .*part 2 of 4" \
    "$spancheck" "${proof[@]}" --shard 2/4 --resume part-2.checkpoint --json part-2.json
  expect 0 "HOLDS: .*4 of 4 parts merged" "$spancheck" merge part-*.json --json merged.json
  # Resuming counts on from the checkpoint: the resumed parts add up to what
  # uninterrupted parts explore.
  "$spancheck" "${proof[@]}" --shard 2/4 --json fresh-2.json >/dev/null
  [ "$(executions part-2.json)" -eq "$(executions fresh-2.json)" ] || fail "the resumed part explored $(executions part-2.json) executions, the uninterrupted one $(executions fresh-2.json)"
  # A part of another run (another shape) is a mismatch, not a part.
  "$spancheck" model --variant popped --scenario push-pop --search dpor --pushers 1 --poppers 2 --spans 4 --slots 4 \
    --shard 3/4 --json other-3.json >/dev/null
  expect 3 "other-3.json\) is of another run than part-1.json: shape is" \
    "$spancheck" merge part-1.json part-2.json other-3.json part-4.json
  ;;
runners)
  source_dir=$3
  # The proof as the README states it, and the commands of the two runner files.
  readme_proof=$(sed -n 's/^proof="\(.*\)"$/\1/p' "$source_dir/README.md")
  [ -n "$readme_proof" ] || fail "no proof=\"...\" line in README.md"
  read -r -d '' extract <<'PY' || true
import sys, yaml
doc = yaml.safe_load(open(sys.argv[1]))
if sys.argv[2] == "github":
    steps = doc["jobs"]["part"]["steps"] + doc["jobs"]["merge"]["steps"]
    print("\n".join(s["run"] for s in steps if "run" in s))
else:
    print(doc["spec"]["template"]["spec"]["containers"][0]["args"][0])
    print("completions", doc["spec"]["completions"], doc["spec"]["completionMode"])
PY
  github=$(python3 -c "$extract" "$source_dir/ci/github-shards.yml" github) || fail "ci/github-shards.yml does not parse"
  k8s=$(python3 -c "$extract" "$source_dir/ci/k8s-shards.yaml" k8s) || fail "ci/k8s-shards.yaml does not parse"
  squash() { tr -s ' \n' '  '; }
  for runner in github k8s; do
    text=$(printf '%s' "${!runner}" | squash)
    case $text in *"$readme_proof"*) ;; *) fail "$runner does not run the README's proof: $readme_proof" ;; esac
    case $text in *"--shard "*"/4 --json"*) ;; *) fail "$runner does not run 4 parts with --json reports" ;; esac
  done
  case $(printf '%s' "$github" | squash) in *"spancheck merge part-*.json"*) ;; *) fail "github-shards.yml does not merge the parts" ;; esac
  case $k8s in *"completions 4 Indexed"*) ;; *) fail "k8s-shards.yaml is not an Indexed Job of 4 completions" ;; esac
  # The Indexed Job's command, as a pod runs it: spancheck on the PATH,
  # /reports a folder, JOB_COMPLETION_INDEX set; part 3 is first stopped by
  # a budget (as an evicted pod would be), then run again and resumed.
  command=$(printf '%s\n' "$k8s" | head -n -1 | sed "s|/reports|$work/reports|g")
  mkdir -p reports bin
  ln -s "$spancheck" bin/spancheck
  part() { JOB_COMPLETION_INDEX=$1 PATH="$work/bin:$PATH" bash -c "$command" >/dev/null 2>&1; }
  PATH="$work/bin:$PATH" spancheck $readme_proof --shard 3/4 --max-executions 1000 \
    --checkpoint reports/part-3.checkpoint --json reports/part-3.json >/dev/null 2>&1 || true
  expect 3 "INCONCLUSIVE: .*part 3 \(.*part-3.json\) did not complete" "$spancheck" merge reports/part-3.json
  for i in 0 1 2 3; do part $i || fail "the Indexed Job's command failed for index $i"; done
  expect 0 "HOLDS: popped on push-pop .*4 of 4 parts merged" "$spancheck" merge reports/part-*.json
  ;;
*) fail "unknown mode '$mode'; accepted: parallel, fault, runners" ;;
esac
echo PASS
