// A quick run of `npm run loadtest` with small numbers: one rate for a second over a store
// of 1,000 keys, in-process and through the compiled script with --json.

import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { formatLoadtest, runLoadtest } from '../src/bench/loadtest-run.js';
import { scrubbedEnv } from './helpers/cli-env.js';

describe('npm run loadtest (small)', () => {
  it('acks and answers every signed slash command, and reports the latencies per rate', async () => {
    const report = await runLoadtest({ rates: [20], seconds: 1, keys: 1000, drainMs: 5000 });
    expect(report.keys).toBe(1000);
    expect(report.rates).toHaveLength(1);
    const [r] = report.rates;
    expect(r).toMatchObject({ rate: 20, sent: 20, acked: 20, failed: 0, answered: 20 });
    expect(r!.ackP50Ms).toBeGreaterThan(0);
    expect(r!.ackP50Ms).toBeLessThanOrEqual(r!.ackP95Ms);
    expect(r!.ackP95Ms).toBeLessThanOrEqual(r!.ackP99Ms);
    expect(r!.ackP99Ms).toBeLessThanOrEqual(r!.ackMaxMs);
    // Slack's own deadline for an ack.
    expect(r!.ackMaxMs).toBeLessThan(3000);
    const table = formatLoadtest(report).split('\n');
    expect(table[1]).toMatch(/rate\/s\s+sent\s+acked\s+failed\s+ack p50\s+ack p95\s+ack p99/);
    expect(table[2]).toMatch(/^\s*20\s+20\s+20\s+0\s/);
  }, 30_000);

  it('prints JSON with --json and refuses a bad flag in one line (exit 2)', () => {
    const env = scrubbedEnv();
    const ok = spawnSync(process.execPath, ['dist/bench/loadtest.js', '--keys', '500', '--rates', '10', '--seconds', '1', '--json'], { encoding: 'utf8', env, timeout: 30_000 });
    expect(ok.status).toBe(0);
    const report = JSON.parse(ok.stdout);
    expect(report.rates[0]).toMatchObject({ rate: 10, sent: 10, acked: 10, answered: 10 });
    const bad = spawnSync(process.execPath, ['dist/bench/loadtest.js', '--rates', '50,fast'], { encoding: 'utf8', env, timeout: 10_000 });
    expect(bad.status).toBe(2);
    expect(bad.stderr.trim()).toBe('loadtest: --rates must be a whole number from 1 to 1000');
  }, 40_000);
});
