-- GET the URL given to wrk, with SDK-like headers (static request: wrk pipelines nothing and
-- pays no per-request Lua cost).
dofile(debug.getinfo(1, "S").source:sub(2):match("^(.*/)") .. "common.lua")
