#!/usr/bin/env bash
# What one `nestship check` costs as a process, against the floor of starting node at all:
#   bash bench/check-startup.sh [project-dir] [runs]
# It builds first, then times `node bin/nestship.js check DIR` and `node -e ''`, N runs each after
# warm-ups, and prints both means and their ratio. hyperfine is used when installed (Debian:
# `apt-get install -y hyperfine`); otherwise a node loop times the runs. This is a benchmark, not a
# test: machines are noisy, so read the ratio, not the milliseconds.
set -euo pipefail

here="$(cd "$(dirname "$0")/.." && pwd)"
project="${1:-$here/examples/nest-prisma-api}"
runs="${2:-30}"
cd "$here"

[ -f "$project/Dockerfile" ] || { echo "check-startup: no Dockerfile in $project" >&2; exit 2; }
npm run build --silent >&2

# --no-fail: the exit code must not depend on what the project's Dockerfile gets reported for.
check=(node "$here/bin/nestship.js" check "$project" --no-fail)
baseline=(node -e '')

if command -v hyperfine >/dev/null 2>&1; then
  out="$(mktemp)"
  trap 'rm -f "$out"' EXIT
  # hyperfine splits a command like a shell would; %q keeps the empty script and odd paths whole.
  hyperfine --warmup 3 --runs "$runs" --shell=none --export-json "$out" \
    -n "node -e ''" "$(printf '%q ' "${baseline[@]}")" \
    -n "nestship check" "$(printf '%q ' "${check[@]}")" >&2
  node -e '
    const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8")).results;
    const [base, check] = r.map((x) => x.mean * 1000);
    // CPU time (user + system) is steadier than wall time on a busy machine; print both.
    const [baseCpu, checkCpu] = r.map((x) => (x.user + x.system) * 1000);
    console.log(`node -e '"''"': ${base.toFixed(1)} ms, nestship check: ${check.toFixed(1)} ms, ` +
      `ratio ${(check / base).toFixed(2)}x wall; CPU ${baseCpu.toFixed(1)} vs ${checkCpu.toFixed(1)} ms, ` +
      `ratio ${(checkCpu / baseCpu).toFixed(2)}x (hyperfine, ${r[0].times.length} runs each)`);
  ' "$out"
else
  node - "$runs" "${baseline[@]}" -- "${check[@]}" <<'JS'
const { spawnSync } = require('node:child_process');
const runs = Number(process.argv[2]);
const rest = process.argv.slice(3);
const split = rest.indexOf('--');
const commands = [rest.slice(0, split), rest.slice(split + 1)];
const mean = ([cmd, ...args]) => {
  for (let i = 0; i < 3; i++) spawnSync(cmd, args, { stdio: 'ignore' });
  let total = 0n;
  for (let i = 0; i < runs; i++) {
    const start = process.hrtime.bigint();
    spawnSync(cmd, args, { stdio: 'ignore' });
    total += process.hrtime.bigint() - start;
  }
  return Number(total / BigInt(runs)) / 1e6;
};
const [base, check] = commands.map(mean);
console.log(`node -e '': ${base.toFixed(1)} ms, nestship check: ${check.toFixed(1)} ms, ` +
  `ratio ${(check / base).toFixed(2)}x (hrtime loop, ${runs} runs each)`);
JS
fi
