-- wrk script: POST /bench/trivial with no headers but Content-Length: 0, the lightest request there is.
-- Reported next to the main comparison: it shows what wrk and Tomcat spend on the push headers alone.
function request()
  return wrk.format("POST", "/bench/trivial", { ["Content-Length"] = "0" }, nil)
end
