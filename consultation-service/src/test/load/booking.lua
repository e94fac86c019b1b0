-- wrk script: patients race to book random slots (POST /api/v1/appointments). The first request for
-- a slot gets 201, the others 409: the mix measures the booking path and the refusal path together.
-- Needs SLOTS (a file of slot ids, one a line) and TOKEN (a patient's bearer token) in the environment.
local slots = {}
for line in io.lines(os.getenv("SLOTS")) do slots[#slots + 1] = line end
local token = os.getenv("TOKEN")
local counts = {}
local threads = {}

function setup(thread)
  thread:set("id", #threads + 1)
  table.insert(threads, thread)
end

function init(args)
  math.randomseed(os.time() * 1000 + id)
  created, conflicts, other = 0, 0, 0
end

function request()
  local slot = slots[math.random(#slots)]
  return wrk.format("POST", "/api/v1/appointments",
    { ["Authorization"] = "Bearer " .. token, ["Content-Type"] = "application/json" },
    '{"slotId":"' .. slot .. '","reason":"load test"}')
end

function response(status, headers, body)
  if status == 201 then created = created + 1
  elseif status == 409 then conflicts = conflicts + 1
  else other = other + 1 end
end

function done(summary, latency, requests)
  local c, k, o = 0, 0, 0
  for _, t in ipairs(threads) do
    c = c + t:get("created"); k = k + t:get("conflicts"); o = o + t:get("other")
  end
  io.write(string.format("booked (201): %d, taken (409): %d, other: %d\n", c, k, o))
  io.write(string.format("p50 %.1f ms, p90 %.1f ms, p99 %.1f ms, max %.1f ms\n",
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000, latency.max / 1000))
end
