// `npm run bench`: the benchmark suite (filled in by the benchmark issue).
console.log(
  'k8s-chat benchmarks: none exist yet. The benchmark suite (render, append, search, event-to-paint,',
);
console.log('reconnect, bundle sizes, server throughput) lands with the benchmark issue.');
