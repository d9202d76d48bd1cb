#!/usr/bin/env bash
# nestship's main job on the bundled example (examples/nest-prisma-api):
#   1. init    writes the container setup (on the committed example: every file identical)
#   2. check   lints it
#   3. verify  builds the image with BuildKit and proves every promise against a real PostgreSQL
# Run `bash scripts/up.sh` first: it starts the engine, the base images and PostgreSQL.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
example=examples/nest-prisma-api
admin=${NESTSHIP_PG_URL:-postgresql://postgres:postgres@127.0.0.1:54329/postgres}
db=nestship_example
url="${admin%/*}/$db"

# A fresh database with the committed migrations applied. `prisma migrate deploy` needs a schema
# engine from Prisma's servers, which machines without internet access cannot fetch, so the
# migration SQL is applied with PostgreSQL's own client; the migrate image carries the real CLI.
echo "example: fresh database $db with the committed migrations" >&2
psql -q "$admin" -v ON_ERROR_STOP=1 -c "DROP DATABASE IF EXISTS $db" -c "CREATE DATABASE $db"
for migration in "$example"/prisma/migrations/*/migration.sql; do
  psql -q "$url" -v ON_ERROR_STOP=1 -f "$migration"
done

echo "example: nestship init $example" >&2
node bin/nestship.js init "$example"

echo "example: nestship check $example" >&2
node bin/nestship.js check "$example"

# PRISMA_SCHEMA_ENGINE_BINARY lets `prisma generate` run without downloading an engine it never
# uses; on a machine that reaches Prisma's servers the build arg changes nothing.
echo "example: nestship verify $example" >&2
node bin/nestship.js verify "$example" \
  --env "DATABASE_URL=$url" \
  --build-arg PRISMA_SCHEMA_ENGINE_BINARY=/bin/false
