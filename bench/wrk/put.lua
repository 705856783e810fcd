-- PutIntegrationResponse: PUT the URL given to wrk with a fixed JSON body (each request replaces
-- the same integration response wholesale, as a second put does on AWS).
-- Argument: the file holding the JSON body.
dofile(debug.getinfo(1, "S").source:sub(2):match("^(.*/)") .. "common.lua")

wrk.method = "PUT"
wrk.headers["Content-Type"] = "application/json"

function init(args)
  local f = assert(io.open(args[1], "r"))
  wrk.body = f:read("*a")
  f:close()
end
