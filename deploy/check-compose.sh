#!/usr/bin/env bash
# Checks docker-compose.yml against the Compose schema and resolves every variable, the way
# `docker compose up` would, without a Docker engine: `docker-compose config` only reads files.
# Secrets left empty in .env.example get placeholder values here, so a missing variable still fails.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v docker-compose >/dev/null; then
    echo "check-compose: docker-compose is not installed (Debian: apt-get install docker-compose)" >&2
    exit 1
fi
env_file=$(mktemp)
trap 'rm -f "$env_file"' EXIT
sed -E 's/^([A-Z_]+)=$/\1=placeholder-for-the-check/' .env.example >"$env_file"
docker-compose --project-directory . --env-file "$env_file" config -q
services=$(docker-compose --project-directory . --env-file "$env_file" config --services | sort | tr '\n' ' ')
echo "check-compose: docker-compose.yml is valid; services: $services"
