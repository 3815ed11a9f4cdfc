// Prometheus metrics for GET /metrics: requests by platform and command, latency, errors.
// prom-client: the standard Node client, text exposition format done right.

import { Counter, Histogram, Registry } from 'prom-client';

export interface Metrics {
  registry: Registry;
  requests: Counter<'platform' | 'command'>;
  errors: Counter<'platform' | 'command'>;
  latency: Histogram<'platform' | 'command'>;
  /** Store calls answered by their fallback (store down or past its deadline), by kind. */
  storeFaults: Counter<'op'>;
}

export function createMetrics(): Metrics {
  const registry = new Registry();
  return {
    registry,
    requests: new Counter({ name: 'onramp_requests_total', help: 'Chat requests handled', labelNames: ['platform', 'command'], registers: [registry] }),
    errors: new Counter({ name: 'onramp_errors_total', help: 'Chat requests that failed unexpectedly', labelNames: ['platform', 'command'], registers: [registry] }),
    latency: new Histogram({
      name: 'onramp_request_duration_seconds',
      help: 'Time from receiving a chat request to having its reply',
      labelNames: ['platform', 'command'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [registry],
    }),
    storeFaults: new Counter({
      name: 'onramp_store_faults_total',
      help: 'Store calls that failed or missed their deadline: reads answered empty, writes dropped, limits let through',
      labelNames: ['op'],
      registers: [registry],
    }),
  };
}
