-- swift-did: decentralized identity for Swift. Apache-2.0.
-- wrk script of the load benchmark: each request takes the next path of the file given after `--` (one per line),
-- round robin, so the connections rotate over all the DIDs.
local paths = {}
local next_index = 0

function init(args)
  for line in io.lines(args[1]) do
    if line ~= "" then paths[#paths + 1] = line end
  end
  if #paths == 0 then error("no paths in " .. tostring(args[1])) end
end

function request()
  next_index = next_index % #paths + 1
  return wrk.format("GET", paths[next_index])
end
