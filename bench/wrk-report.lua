-- Loaded into every wrk run by bench/run.ts (wrk -s). Counts how each response was served, by the server's
-- X-Page-Cache header ("hit": the visitor page cache; "miss" or no header: rendered), and the answers
-- outside 2xx/3xx; then prints one line, "BENCH {json}", that run.ts reads. wrk measures the elapsed time
-- (summary.duration) itself; run.ts divides by it.
--
-- With arguments (wrk ... URL -- PATHS_FILE THREADS), each request asks for the next path of the file (one a
-- line) instead of URL's: wrk thread k takes lines k, k + THREADS, ..., so no two threads ask for one path.
local threads = {}

function setup(thread)
  table.insert(threads, thread)
  thread:set("index", #threads)
end

function init(args)
  hits, misses, noHeader, outside = 0, 0, 0, 0
  if args[1] then
    local count, mine, line = tonumber(args[2]), {}, 0
    for path in io.lines(args[1]) do
      if line % count == index - 1 then
        table.insert(mine, path)
      end
      line = line + 1
    end
    local at = 0
    request = function()
      at = at % #mine + 1
      return wrk.format(nil, mine[at])
    end
  end
end

function response(status, headers, body)
  local cache
  for name, value in pairs(headers) do
    if string.lower(name) == "x-page-cache" then
      cache = value
    end
  end
  if cache == "hit" then
    hits = hits + 1
  elseif cache == "miss" then
    misses = misses + 1
  else
    noHeader = noHeader + 1
  end
  if status < 200 or status > 399 then
    outside = outside + 1
  end
end

function done(summary, latency, requests)
  local total = { hits = 0, misses = 0, noHeader = 0, outside = 0 }
  for _, thread in ipairs(threads) do
    for name in pairs(total) do
      total[name] = total[name] + thread:get(name)
    end
  end
  local e = summary.errors
  io.write(string.format(
    'BENCH {"requests":%d,"durationUs":%d,"connectErrors":%d,"readErrors":%d,"writeErrors":%d,' ..
      '"timeouts":%d,"outside2xx3xx":%d,"cacheHits":%d,"cacheMisses":%d,"noCacheHeader":%d,' ..
      '"p50Us":%d,"p99Us":%d,"p999Us":%d,"maxUs":%d}\n',
    summary.requests, summary.duration, e.connect, e.read, e.write, e.timeout, total.outside,
    total.hits, total.misses, total.noHeader,
    latency:percentile(50), latency:percentile(99), latency:percentile(99.9), latency.max))
end
