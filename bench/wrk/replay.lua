-- Sends each request of a plan file exactly once, split between the wrk threads
-- (line i goes to thread i % threads), then stops. Used to seed 100,000 integration responses.
-- Plan lines: METHOD <tab> PATH <tab> JSON-BODY (body may be empty); each must be a create that
-- answers 201. Once a thread has sent its share, its idle connections send a filler
-- `GET /restapis?limit=1` (answered 200, not counted) rather than repeating a create, which
-- would fail (PutMethod on an existing method is a 409) or make the count ambiguous.
-- Arguments: plan file, thread count, marker-file prefix (see common.lua mark_finished).
dofile(debug.getinfo(1, "S").source:sub(2):match("^(.*/)") .. "common.lua")

local items, pos, share, prefix = {}, 1, 0, nil
local verified = false
local filler = nil

function init(args)
  local nthreads = tonumber(args[2])
  prefix = args[3]
  local i = 0
  for line in io.lines(args[1]) do
    if i % nthreads == tid - 1 then
      local method, path, body = line:match("^(%u+)\t([^\t]+)\t?(.*)$")
      if body == "" then body = nil end
      items[#items + 1] = wrk.format(method, path, aws_headers(body ~= nil), body)
    end
    i = i + 1
  end
  share = #items
  filler = wrk.format("GET", "/restapis?limit=1", aws_headers(false))
  ok, bad, last_bad = 0, 0, 0
  if share == 0 then mark_finished(prefix) end
end

function request()
  -- wrk calls request() once on the first thread before the run to check the script; hand it
  -- the first item without consuming it.
  if tid == 1 and not verified then
    verified = true
    return items[1] or filler
  end
  local r = items[pos] or filler
  pos = pos + 1
  return r
end

function response(status, headers, body)
  if status == 200 then return end -- a filler
  if status == 201 then ok = ok + 1 else bad = bad + 1; last_bad = status end
  if ok + bad == share then
    mark_finished(prefix)
    wrk.thread:stop()
  end
end
