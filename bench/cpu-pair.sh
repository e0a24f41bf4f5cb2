#!/bin/bash
# Server CPU per request of two builds (or two data sets) measured at the same moment, so load from other work
# on the machine weighs on both alike (docs/decisions/0034, "Later"). Each side: a built worktree, its own copy
# of a data set (e.g. cp bench/data/full.db /tmp/a.db; an older build needs the kysely_migration rows of later
# migrations removed from its copy) and extra environment ("" for none). Logs in as bench_00001, asks each URL
# a few times, then runs wrk against both servers at once and divides each server's utime+stime (all its
# processes, /proc/<pid>/stat) by the answers it gave. Prints one line per URL: label, answers, CPU ms each.
#   bench/cpu-pair.sh before /work/wt/a /tmp/a.db "" after /work/wt/b /tmp/b.db "SQLITE_CACHE_MB=256"
# DUR (seconds, default 8), CONN (connections per server, default 3), WEBC (workers, default 2), URLS.
declare -A DIR DB ENVS SPID BASE COOKIE
labels=($1 $5); DIR[$1]=$2; DB[$1]=$3; ENVS[$1]=$4; DIR[$5]=$6; DB[$5]=$7; ENVS[$5]=$8
for l in "${labels[@]}"; do
  port=$((20000 + RANDOM % 10000)); BASE[$l]=http://127.0.0.1:$port
  (cd ${DIR[$l]} && exec env ${ENVS[$l]} DATABASE_PATH=${DB[$l]} PORT=$port HOST=127.0.0.1 ORIGIN=${BASE[$l]} LOG_REQUESTS=0 NODE_ENV=production WEB_CONCURRENCY=${WEBC:-2} node build/index.js > /tmp/cpu-pair-server-$l.log 2>&1) &
  SPID[$l]=$!
done
cpu() { local t=0; for p in $1 $(pgrep -P $1); do s=($(sed 's/.*) //' /proc/$p/stat 2>/dev/null)); t=$((t + ${s[11]:-0} + ${s[12]:-0})); done; echo $t; }
for l in "${labels[@]}"; do
  for i in $(seq 1 300); do curl -sf ${BASE[$l]}/healthz >/dev/null && break; sleep 0.2; done
  COOKIE[$l]=$(curl -s -o /dev/null -D - -X POST -H "Origin: ${BASE[$l]}" --data-urlencode "login=bench_00001" --data-urlencode "password=bench password 2026" ${BASE[$l]}/login | grep -i '^set-cookie' | head -1 | sed 's/^[^:]*: //; s/;.*//')
  [ -z "${COOKIE[$l]}" ] && echo "login failed $l"
done
for url in ${URLS:-/ /topics/policy /threads/20003/the-long-conversation-two-thousand-replies}; do
  line="$url"
  for l in "${labels[@]}"; do for i in 1 2 3 4 5 6; do curl -s -o /dev/null -H "Cookie: ${COOKIE[$l]}" ${BASE[$l]}$url; done; done
  declare -A C0 OUT
  for l in "${labels[@]}"; do C0[$l]=$(cpu ${SPID[$l]}); done
  W=(); for l in "${labels[@]}"; do wrk -t1 -c${CONN:-3} -d${DUR:-8}s -H "Cookie: ${COOKIE[$l]}" ${BASE[$l]}$url > /tmp/cpu-pair-wrk-$l.txt & W+=($!); done; wait ${W[@]}
  for l in "${labels[@]}"; do
    c1=$(cpu ${SPID[$l]}); n=$(grep -o '[0-9]* requests in' /tmp/cpu-pair-wrk-$l.txt | cut -d' ' -f1); non=$(grep -i non-2xx /tmp/cpu-pair-wrk-$l.txt)
    line="$line | $l n=$n $(echo "scale=2; ($c1-${C0[$l]})*10/$n" | bc) $non"
  done
  echo "$line"
done
for l in "${labels[@]}"; do kill ${SPID[$l]}; done; wait ${SPID[@]} 2>/dev/null
