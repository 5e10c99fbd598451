-- wrk's done() hook: one line of JSON after wrk's own report, with the percentiles it does not
-- print (p95 among them). Read by bench/wrkout.py; latencies are in microseconds.
done = function(summary, latency, requests)
  local percentiles = {}
  for _, p in ipairs({50, 75, 90, 95, 99, 99.9}) do
    table.insert(percentiles, string.format('"p%s": %d', tostring(p), latency:percentile(p)))
  end
  local errors = summary.errors
  io.write(string.format(
    'WRK_SUMMARY {"requests": %d, "duration_us": %d, "bytes": %d, '
      .. '"errors": {"connect": %d, "read": %d, "write": %d, "status": %d, "timeout": %d}, '
      .. '"latency_us": {"mean": %.1f, "stdev": %.1f, "max": %d, %s}}\n',
    summary.requests, summary.duration, summary.bytes,
    errors.connect, errors.read, errors.write, errors.status, errors.timeout,
    latency.mean, latency.stdev, latency.max, table.concat(percentiles, ", ")
  ))
end
