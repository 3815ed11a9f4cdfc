// `npm run loadtest [-- --keys N --rates 50,100,200 --seconds 10 --store SPEC --json]`:
// ack latency p50/p95/p99 and answers per rate (see loadtest-run.ts). Bounded: by default
// three 10 s phases, each followed by at most 10 s of waiting for its answers.

import { parseArgs } from 'node:util';
import { InputError } from '../errors.js';
import { formatLoadtest, runLoadtest } from './loadtest-run.js';

const LIMITS = { keys: 5_000_000, rate: 1000, seconds: 60 };

function wholeNumber(name: string, value: string, min: number, max: number): number {
  const n = Number(value);
  if (!/^\d+$/.test(value.trim()) || n < min || n > max) throw new InputError(`--${name} must be a whole number from ${min} to ${max}`);
  return n;
}

function options() {
  let parsed;
  try {
    parsed = parseArgs({
      options: {
        keys: { type: 'string', default: '300000' },
        rates: { type: 'string', default: '50,100,200' },
        seconds: { type: 'string', default: '10' },
        store: { type: 'string' },
        json: { type: 'boolean', default: false },
      },
    });
  } catch (err) {
    throw new InputError((err as Error).message);
  }
  const { values } = parsed;
  const rates = values.rates.split(',').map((r) => wholeNumber('rates', r, 1, LIMITS.rate));
  if (rates.length > 5) throw new InputError('--rates takes at most 5 rates');
  return {
    keys: wholeNumber('keys', values.keys, 0, LIMITS.keys),
    rates,
    seconds: wholeNumber('seconds', values.seconds, 1, LIMITS.seconds),
    store: values.store,
    json: values.json,
  };
}

try {
  const o = options();
  const report = await runLoadtest(o);
  process.stdout.write(o.json ? `${JSON.stringify(report)}\n` : formatLoadtest(report));
} catch (err) {
  process.stderr.write(`loadtest: ${(err as Error).message.split('\n')[0]}\n`);
  // A bad flag exits 2, like the CLI's own input errors; anything else 1.
  process.exitCode = err instanceof InputError ? 2 : 1;
}
