-- GET the URL given to wrk until exactly N responses arrived in total, then stop.
-- Arguments: N, thread count, marker-file prefix (see common.lua mark_finished).
dofile(debug.getinfo(1, "S").source:sub(2):match("^(.*/)") .. "common.lua")

local share, prefix = 0, nil

function init(args)
  local n, nthreads = tonumber(args[1]), tonumber(args[2])
  prefix = args[3]
  share = math.floor(n / nthreads)
  if tid <= n % nthreads then share = share + 1 end
  ok, bad, last_bad = 0, 0, 0
end

function response(status, headers, body)
  if status >= 200 and status < 300 then ok = ok + 1 else bad = bad + 1; last_bad = status end
  if ok + bad == share then
    mark_finished(prefix)
    wrk.thread:stop()
  end
end
