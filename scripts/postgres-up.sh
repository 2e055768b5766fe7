#!/usr/bin/env bash
# Starts the machine's PostgreSQL cluster when it is not already answering on 127.0.0.1:5432.
set -euo pipefail
ready() { pg_isready -h 127.0.0.1 -p 5432 -q; }
if ready; then exit 0; fi
version="$(ls /etc/postgresql | sort -V | tail -n 1)"
pg_ctlcluster --skip-systemctl-redirect "${version}" main start
for _ in $(seq 1 30); do
  if ready; then exit 0; fi
  sleep 1
done
echo "postgres-up: PostgreSQL did not answer on 127.0.0.1:5432 within 30 s" >&2
exit 1
