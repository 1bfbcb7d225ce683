-- wrk script: POST the GraphQL body in the file named by $BODY to the URL given to wrk.
local f = assert(io.open(os.getenv("BODY"), "r"))
wrk.method = "POST"
wrk.body = f:read("*a")
f:close()
wrk.headers["Content-Type"] = "application/json"

-- Count responses that carry GraphQL errors, so a fast error is never taken for a fast answer.
local errors = 0
function response(status, headers, body)
  if status ~= 200 or string.find(body, '"errors"', 1, true) then errors = errors + 1 end
end
function done(summary, latency, requests)
  io.write(string.format("graphql_errors_in_last_thread %d\n", errors))
end
