-- wrk: print one JSON line with the figures bench/run.py reads (p95 and p99 included).
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'JSON {"requests":%d,"duration_us":%d,"p50":%d,"p95":%d,"p99":%d,"errors":%d,"non2xx":%d}\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(95),
    latency:percentile(99),
    e.connect + e.read + e.write + e.timeout, e.status))
end
