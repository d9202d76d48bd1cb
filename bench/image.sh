#!/usr/bin/env bash
# The guide's Dockerfile against nestship's on one project, as a table of ratios (see bench/image.ts).
# Usage: bash bench/image.sh [project-dir]
set -euo pipefail
cd "$(dirname "$0")/.."
npm run build --silent
exec node --import tsx bench/image.ts "$@"
