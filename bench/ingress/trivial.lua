-- wrk script: POST /bench/trivial with the same method and an empty body, the baseline.
function request()
  return wrk.format("POST", "/bench/trivial", { ["Content-Length"] = "0" }, nil)
end
