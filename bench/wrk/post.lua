-- POST the URL given to wrk with a fixed JSON body (CreateApiKey: each request creates a key,
-- AWS generating its value). Argument: the JSON body itself.
dofile(debug.getinfo(1, "S").source:sub(2):match("^(.*/)") .. "common.lua")

wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"

function init(args)
  wrk.body = args[1]
end
