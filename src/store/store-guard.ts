// Store faults must cost an answer milliseconds, not seconds: every call gets a short
// deadline, and once a call fails the store counts as down, so the calls after it return
// their fallback at once (a read: nothing; a write: dropped; a limit: allowed) until a
// background probe reaches the store again.

export const STORE_TIMINGS = {
  /** Longest a single store call may take before its fallback is used. */
  deadlineMs: 250,
  /** How often a store that is down is probed. */
  probeMs: 500,
} as const;

export type StoreOp = 'read' | 'write' | 'limit';
export type StoreHealth = { ok: true } | { ok: false; reason: string };

export interface GuardOptions {
  deadlineMs?: number;
  probeMs?: number;
  /** A cheap round trip to the store (Redis PING, SQLite SELECT 1). */
  probe: () => Promise<unknown> | unknown;
  warn?: (message: string) => void;
}

export class StoreGuard {
  private reason: string | undefined;
  private probeTimer: NodeJS.Timeout | undefined;
  private probing = false;
  private stopped = false;
  private readonly listeners: Array<(op: StoreOp) => void> = [];
  private readonly deadlineMs: number;
  private readonly probeMs: number;

  constructor(private readonly o: GuardOptions) {
    this.deadlineMs = o.deadlineMs ?? STORE_TIMINGS.deadlineMs;
    this.probeMs = o.probeMs ?? STORE_TIMINGS.probeMs;
  }

  /** `work` within the deadline, else `fallback` (counted as a fault of kind `op`). */
  async run<T>(op: StoreOp, work: () => Promise<T> | T, fallback: T): Promise<T> {
    if (this.reason !== undefined || this.stopped) {
      this.count(op);
      return fallback;
    }
    try {
      return await withDeadline(work, this.deadlineMs);
    } catch (err) {
      this.fail(describe(err));
      this.count(op);
      return fallback;
    }
  }

  /** Marks the store down (the client's own error events land here too). */
  fail(reason: string): void {
    if (this.stopped) return;
    if (this.reason === undefined) {
      this.o.warn?.(`store unavailable (${reason}); answering without memory or limits until it is back`);
      this.probeTimer = setInterval(() => void this.probe(), this.probeMs);
      this.probeTimer.unref();
    }
    this.reason = reason;
  }

  health(): StoreHealth {
    return this.reason === undefined ? { ok: true } : { ok: false, reason: this.reason };
  }

  onFault(listener: (op: StoreOp) => void): void {
    this.listeners.push(listener);
  }

  /** No more calls reach the store (it is closing). */
  stop(): void {
    this.stopped = true;
    clearInterval(this.probeTimer);
  }

  private async probe(): Promise<void> {
    if (this.probing || this.stopped) return;
    this.probing = true;
    try {
      await withDeadline(this.o.probe, this.deadlineMs);
      clearInterval(this.probeTimer);
      this.probeTimer = undefined;
      this.reason = undefined;
      this.o.warn?.('store reachable again');
    } catch {
      // Still down; the reason stays the one that started the outage (or the client's latest).
    } finally {
      this.probing = false;
    }
  }

  private count(op: StoreOp): void {
    for (const l of this.listeners) {
      try {
        l(op);
      } catch {
        // A metrics hook must never turn a fallback into a failure.
      }
    }
  }
}

/**
 * `work()`, rejected when it has not settled within `ms`. Synchronous work (SQLite) has
 * settled when it returns, and no timer could interrupt it, so it gets none.
 */
export function withDeadline<T>(work: () => Promise<T> | T, ms: number): Promise<T> {
  let result: Promise<T> | T;
  try {
    result = work();
  } catch (e) {
    return Promise.reject(e instanceof Error ? e : new Error(String(e)));
  }
  if (!(result instanceof Promise)) return Promise.resolve(result);
  const pending = result;
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
    pending.then(
      (v) => {
        clearTimeout(timer);
        resolve(v);
      },
      (e: unknown) => {
        clearTimeout(timer);
        reject(e instanceof Error ? e : new Error(String(e)));
      },
    );
  });
}

function describe(err: unknown): string {
  const message = err instanceof Error ? err.message : String(err);
  return message.split('\n')[0]!.slice(0, 200) || 'unknown error';
}
