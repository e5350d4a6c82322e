-- wrk script: a POST as Google sends a push notification (no body, the X-Goog-* headers), rotating over
-- the channels run.sh registered: channel "bench-<i>" with token "bench-token-<i>", i = 1..CHANNELS.
-- WRK_PATH picks the endpoint: the notification endpoint, or /bench/trivial with the very same request,
-- so wrk's own work and Tomcat's header parsing are equal for both and only the handler differs
-- (as in shared/reference/ceilings.md, whose post.lua was the same for every path).
local path = os.getenv("WRK_PATH") or "/api/calendar/notifications/create"
local channels = tonumber(os.getenv("CHANNELS") or "1000")
local counter = 0
local thread_offset = 0

function setup(thread)
  thread:set("thread_offset", math.random(channels))
end

function init(args)
  counter = tonumber(thread_offset) or 0
end

function request()
  counter = counter + 1
  local i = (counter % channels) + 1
  local headers = {
    ["X-Goog-Channel-ID"] = "bench-" .. i,
    ["X-Goog-Channel-Token"] = "bench-token-" .. i,
    ["X-Goog-Channel-Expiration"] = "Tue, 01 Dec 2026 01:13:52 GMT",
    ["X-Goog-Resource-ID"] = "resource-" .. i,
    ["X-Goog-Resource-URI"] = "https://www.googleapis.com/calendar/v3/calendars/cal-" .. i .. "/events?alt=json",
    ["X-Goog-Resource-State"] = "exists",
    ["X-Goog-Message-Number"] = tostring(100000 + counter),
    ["Content-Length"] = "0"
  }
  return wrk.format("POST", path, headers, nil)
end
