// Edits a message as a streamed answer grows, no more often than the platform allows:
// one edit in flight, at most one per interval, and the latest text always wins.

export interface ThrottledEditor {
  push(text: string): void;
  /** Waits for any edit in flight and stops further edits. */
  finish(): Promise<void>;
  /** True once at least one edit was sent. */
  readonly started: boolean;
}

export function throttledEditor(intervalMs: number, edit: (text: string) => Promise<unknown>, onError?: (err: Error) => void): ThrottledEditor {
  let latest: string | undefined;
  let inflight: Promise<void> | undefined;
  let timer: NodeJS.Timeout | undefined;
  let last = 0;
  let done = false;
  let started = false;

  const send = () => {
    timer = undefined;
    if (done || latest === undefined || inflight) return;
    const text = latest;
    latest = undefined;
    last = Date.now();
    started = true;
    inflight = edit(text)
      .then(() => undefined, (err: Error) => onError?.(err))
      .finally(() => {
        inflight = undefined;
        if (latest !== undefined && !done) schedule();
      });
  };
  const schedule = () => {
    if (timer || done) return;
    timer = setTimeout(send, Math.max(0, intervalMs - (Date.now() - last)));
  };
  return {
    push(text) {
      if (done) return;
      latest = text;
      schedule();
    },
    async finish() {
      done = true;
      if (timer) clearTimeout(timer);
      await inflight;
    },
    get started() {
      return started;
    },
  };
}
