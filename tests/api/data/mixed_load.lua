-- wrk script for the load test: cycles through the requests in the file named by $MIX (one per
-- line, "R <json>" to read, "W <json>" to write as the editor whose token is in $TOKEN), and
-- prints one JSON line: requests, latency percentiles, and responses that were not clean.
local bodies, writes = {}, {}
for line in io.lines(os.getenv("MIX")) do
  table.insert(writes, line:sub(1, 1) == "W")
  table.insert(bodies, line:sub(3))
end
local read_headers = { ["Content-Type"] = "application/json" }
local write_headers = {
  ["Content-Type"] = "application/json",
  ["Authorization"] = "Bearer " .. os.getenv("TOKEN"),
}

local threads = {}
function setup(thread)
  thread:set("offset", #threads * 7)
  table.insert(threads, thread)
end

bad, counter = 0, 0
function request()
  counter = counter + 1
  local i = (counter + offset) % #bodies + 1
  return wrk.format("POST", nil, writes[i] and write_headers or read_headers, bodies[i])
end

function response(status, headers, body)
  if status ~= 200 or string.find(body, '"errors"', 1, true) then bad = bad + 1 end
end

function done(summary, latency, requests)
  local not_clean = 0
  for _, thread in ipairs(threads) do not_clean = not_clean + thread:get("bad") end
  local e = summary.errors
  io.write(string.format(
    '{"requests": %d, "seconds": %.3f, "p50_ms": %.2f, "p99_ms": %.2f, "max_ms": %.2f, ' ..
    '"not_clean": %d, "socket_errors": %d}\n',
    summary.requests, summary.duration / 1e6, latency:percentile(50) / 1e3,
    latency:percentile(99) / 1e3, latency.max / 1e3, not_clean,
    e.connect + e.read + e.write + e.status + e.timeout))
end
