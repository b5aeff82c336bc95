#!/usr/bin/env bash
# swift-did: decentralized identity for Swift. Apache-2.0.
# HTTP load benchmark of did-resolver (goals P6 and P7 of Benchmarks/README.md), a script, not a test.
#
# did-resolver (release build) and nginx serving the SAME response bytes (captured from did-resolver, same
# Content-Type, keep-alive) both run pinned to core 0; wrk runs pinned to core 1 (`wrk -t1 -c8 --latency`), over
# 127.0.0.1 only, the two servers alternating within each run:
#   P6  one cached did:key  (GET /1.0/identifiers/did:key:z6Mk…, Accept: application/did+json)
#   P7  did:web cache hits over 1,000 rotating DIDs, served by a local HTTPS origin (Benchmarks/load/origin.py,
#       a throw-away CA, --ca-file and --allow-private-network), warmed before measuring; the origin must see no
#       request during the measured windows.
# Prints req/s, p50 and p99 of each server and the ratio to nginx for every run, then the medians; also the
# req/s of did-resolver's /health in the same run (the HTTP stack alone, no resolution) to show where time goes.
#
# Usage: Benchmarks/load/run.sh   (or `make bench-load`, which installs wrk and nginx-light first)
# Environment: RUNS (default 3), DURATION (wrk -d, default 10s), DIDS (default 1000),
#              DID_RESOLVER (a built binary: skips the release build).
set -euo pipefail
cd "$(dirname "$0")/../.."

runs=${RUNS:-3}
duration=${DURATION:-10s}
dids=${DIDS:-1000}
did_key=did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK
accept=application/did+json

for tool in wrk nginx taskset openssl python3 curl; do
  command -v "$tool" >/dev/null 2>&1 || {
    echo "error: $tool is missing (make bench-deps installs wrk nginx-light openssl python3 curl util-linux)" >&2
    exit 1
  }
done
[ "$(nproc)" -ge 2 ] || { echo "error: needs 2 CPU cores (server on core 0, wrk on core 1)" >&2; exit 1; }

resolver=${DID_RESOLVER:-}
if [ -z "$resolver" ]; then
  swift build -c release --product did-resolver
  resolver="$(swift build -c release --show-bin-path)/did-resolver"
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/swift-did-load.XXXXXX")
chmod 755 "$work"
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do
    for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$pid" 2>/dev/null || true
  done
  rm -rf "$work"
}
trap cleanup EXIT

free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
wait_for() { # URL [curl options…]: until it answers 200, at most 30 s
  local url=$1
  shift
  for _ in $(seq 150); do
    curl -fsS -o /dev/null "$@" "$url" 2>/dev/null && return 0
    sleep 0.2
  done
  echo "error: $url does not answer" >&2
  return 1
}

# A throw-away CA and a certificate for localhost (the did:web origin).
(
  cd "$work"
  curve=(-newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes)
  openssl req -x509 "${curve[@]}" -keyout ca.key -out ca.pem -days 1 -subj "/CN=swift-did load CA" \
    -addext basicConstraints=critical,CA:TRUE -addext keyUsage=critical,keyCertSign,cRLSign 2>/dev/null
  openssl req "${curve[@]}" -keyout origin.key -out origin.csr -subj /CN=localhost 2>/dev/null
  printf 'subjectAltName=DNS:localhost\nbasicConstraints=critical,CA:FALSE\nextendedKeyUsage=serverAuth\n' >origin.ext
  openssl x509 -req -in origin.csr -CA ca.pem -CAkey ca.key -CAcreateserial -out origin.pem -days 1 \
    -extfile origin.ext 2>/dev/null
)

# The did:web origin: ROOT/u/N/did.json for did:web:localhost%3APORT:u:N.
origin_port=$(free_port)
python3 - "$work/origin" "$origin_port" "$dids" <<'EOF'
import json, os, sys
root, port, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
key = "z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK"
for n in range(count):
    did = f"did:web:localhost%3A{port}:u:{n}"
    method = f"{did}#key-1"
    document = {
        "@context": ["https://www.w3.org/ns/did/v1", "https://w3id.org/security/multikey/v1"],
        "id": did,
        "verificationMethod": [{"id": method, "type": "Multikey", "controller": did, "publicKeyMultibase": key}],
        "authentication": [method],
        "assertionMethod": [method],
    }
    os.makedirs(f"{root}/u/{n}", exist_ok=True)
    with open(f"{root}/u/{n}/did.json", "w") as f:
        json.dump(document, f)
EOF
python3 Benchmarks/load/origin.py "$work/origin.pem" "$work/origin.key" "$work/origin" "$origin_port" &
pids+=($!)
wait_for "https://localhost:$origin_port/__requests" --cacert "$work/ca.pem"

# did-resolver on core 0, rate limit off (one client, 127.0.0.1, makes every request).
resolver_port=$(free_port)
taskset -c 0 "$resolver" --host 127.0.0.1 --port "$resolver_port" --ca-file "$work/ca.pem" \
  --allow-private-network --rate-limit 0 --log-level error >"$work/resolver.log" 2>&1 &
pids+=($!)
wait_for "http://127.0.0.1:$resolver_port/health"

# Warm the cache and capture the bytes nginx will serve, under the path nginx maps each request to (it decodes
# %3A to ':' before looking up the file).
www="$work/www"
mkdir -p "$www/1.0/identifiers"
: >"$work/paths-web"
for n in $(seq 0 $((dids - 1))); do
  echo "/1.0/identifiers/did:web:localhost%3A$origin_port:u:$n" >>"$work/paths-web"
done
echo "/1.0/identifiers/$did_key" >"$work/paths-key"
echo "/health" >"$work/paths-health"
capture() { # PATH: fetch from did-resolver into the nginx tree; fails unless 200 with the expected Content-Type
  local path=$1 file
  file="$www${path//%3A/:}"
  curl -fsS -H "Accept: $accept" -o "$file" -w '%{content_type}\n' "http://127.0.0.1:$resolver_port$path"
}
export -f capture
export www accept resolver_port
types=$(cat "$work/paths-key" "$work/paths-web" | xargs -P 8 -I{} bash -c 'capture "$1"' _ {} | sort | uniq -c)
if [ "$(echo "$types" | awk '{print $2}')" != "$accept" ]; then
  echo "error: did-resolver answered with Content-Types: $types" >&2
  exit 1
fi
captured=$(find "$www" -type f | wc -l)
[ "$captured" = $((dids + 1)) ] || { echo "error: captured $captured responses, expected $((dids + 1))" >&2; exit 1; }
chmod -R a+rX "$www"
key_bytes=$(wc -c <"$www/1.0/identifiers/$did_key")
web_bytes=$(wc -c <"$www/1.0/identifiers/did:web:localhost:$origin_port:u:0")

# nginx on core 0 (one worker), the same bytes with the same Content-Type and keep-alive.
nginx_port=$(free_port)
mkdir -p "$work/nginx-tmp"
cat >"$work/nginx.conf" <<EOF
worker_processes 1;
daemon off;
user $(id -un) $(id -gn);
pid $work/nginx.pid;
error_log $work/nginx-error.log warn;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path $work/nginx-tmp/body;
  proxy_temp_path $work/nginx-tmp/proxy;
  fastcgi_temp_path $work/nginx-tmp/fastcgi;
  uwsgi_temp_path $work/nginx-tmp/uwsgi;
  scgi_temp_path $work/nginx-tmp/scgi;
  keepalive_requests 10000000;
  keepalive_timeout 75s;
  types { }
  default_type $accept;
  server {
    listen 127.0.0.1:$nginx_port;
    root $www;
    location / { add_header Cache-Control "public, max-age=3600"; add_header Vary Accept; }
  }
}
EOF
taskset -c 0 nginx -c "$work/nginx.conf" &
pids+=($!)
wait_for "http://127.0.0.1:$nginx_port/1.0/identifiers/$did_key"
for path in "/1.0/identifiers/$did_key" "$(head -1 "$work/paths-web")"; do
  cmp -s <(curl -fsS -H "Accept: $accept" "http://127.0.0.1:$resolver_port$path") \
    <(curl -fsS -H "Accept: $accept" "http://127.0.0.1:$nginx_port$path") ||
    { echo "error: nginx and did-resolver differ for $path" >&2; exit 1; }
done

# wrk on core 1. Prints "req/s p50_ms p99_ms"; fails on socket errors or non-2xx answers.
measure() { # PORT PATHS_FILE DURATION
  local out
  out=$(taskset -c 1 wrk -t1 -c8 -d"$3" --latency -H "Accept: $accept" -s Benchmarks/load/rotate.lua \
    "http://127.0.0.1:$1" -- "$2")
  if echo "$out" | grep -q -e 'Non-2xx' -e 'Socket errors'; then
    echo "error: wrk saw errors:" >&2
    echo "$out" >&2
    return 1
  fi
  echo "$out" | awk '
    function ms(v) { if (v ~ /us$/) return v / 1000; if (v ~ /ms$/) return v + 0; if (v ~ /s$/) return v * 1000; return v }
    /Requests\/sec:/ { rps = $2 }
    $1 == "50%" { p50 = ms($2) }
    $1 == "99%" { p99 = ms($2) }
    END { printf "%.0f %.3f %.3f\n", rps, p50, p99 }'
}

origin_requests() { curl -fsS --cacert "$work/ca.pem" "https://localhost:$origin_port/__requests"; }

# Warm-up of both servers (JIT-free, but connection set-up, allocator and caches).
for port in "$resolver_port" "$nginx_port"; do
  measure "$port" "$work/paths-key" 2s >/dev/null
  measure "$port" "$work/paths-web" 2s >/dev/null
done
warmed=$(origin_requests)

echo "did-resolver: $resolver"
echo "bytes: did:key document $key_bytes B, did:web document $web_bytes B; $dids did:web DIDs; wrk -t1 -c8 -d$duration"
echo
echo "| run | load avg (1 min) | goal | did-resolver req/s | p50 ms | p99 ms | nginx req/s | p50 ms | p99 ms | ratio | /health req/s |"
echo "| --- | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
results="$work/results"
: >"$results"
for run in $(seq "$runs"); do
  for goal in P6 P7; do
    paths="$work/paths-key"
    [ "$goal" = P7 ] && paths="$work/paths-web"
    load=$(cut -d' ' -f1 /proc/loadavg)
    line=$(measure "$resolver_port" "$paths" "$duration")
    read -r r_rps r_p50 r_p99 <<<"$line"
    line=$(measure "$nginx_port" "$paths" "$duration")
    read -r n_rps n_p50 n_p99 <<<"$line"
    health=""
    if [ "$goal" = P6 ]; then
      line=$(measure "$resolver_port" "$work/paths-health" "$duration")
      health=${line%% *}
    fi
    ratio=$(awk -v a="$r_rps" -v b="$n_rps" 'BEGIN { printf "%.2f", a / b }')
    echo "$goal $r_rps $r_p50 $r_p99 $n_rps $n_p50 $n_p99 $ratio $load" >>"$results"
    echo "| $run | $load | $goal | $r_rps | $r_p50 | $r_p99 | $n_rps | $n_p50 | $n_p99 | ${ratio}× | $health |"
  done
done
after=$(origin_requests)
if [ "$after" != "$warmed" ]; then
  echo "error: the origin served $((after - warmed)) requests during the measured windows (P7 is not all cache hits)" >&2
  exit 1
fi
echo
echo "Medians over $runs runs (each column separately; goal ≥ 0.8× nginx, floor 0.6×):"
echo "| goal | did-resolver req/s | p50 ms | p99 ms | nginx req/s | p50 ms | p99 ms | ratio |"
echo "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
for goal in P6 P7; do
  row="| $goal |"
  for column in 2 3 4 5 6 7 8; do
    value=$(awk -v g="$goal" -v c="$column" '$1 == g { print $c }' "$results" | sort -g |
      awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else printf "%g\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }')
    [ "$column" = 8 ] && value="${value}×"
    row="$row $value |"
  done
  echo "$row"
done
echo "origin requests: $warmed while warming, 0 while measuring"
