import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { throttledEditor } from '../src/adapters/throttled-editor.js';

const INTERVAL = 1000;

/** An edit function whose calls are recorded and settled by the test. */
function controlledEdit() {
  const calls: Array<{ text: string; at: number; resolve: () => void; reject: (e: Error) => void }> = [];
  let active = 0;
  let maxActive = 0;
  const edit = vi.fn(
    (text: string) =>
      new Promise<void>((resolve, reject) => {
        active++;
        maxActive = Math.max(maxActive, active);
        const done = () => void active--;
        calls.push({ text, at: Date.now(), resolve: () => (done(), resolve()), reject: (e) => (done(), reject(e)) });
      }),
  );
  return { edit, calls, maxActive: () => maxActive };
}

/** An edit function that settles at once. */
function instantEdit() {
  const calls: Array<{ text: string; at: number }> = [];
  const edit = vi.fn(async (text: string) => void calls.push({ text, at: Date.now() }));
  return { edit, calls };
}

beforeEach(() => {
  vi.useFakeTimers();
  vi.setSystemTime(new Date('2026-03-01T00:00:00Z'));
});
afterEach(() => {
  vi.useRealTimers();
});

describe('throttledEditor', () => {
  it('sends the first edit at once and then at most one per interval', async () => {
    const { edit, calls } = instantEdit();
    const ed = throttledEditor(INTERVAL, edit);
    ed.push('a');
    await vi.advanceTimersByTimeAsync(0);
    expect(calls.map((c) => c.text)).toEqual(['a']);

    await vi.advanceTimersByTimeAsync(100);
    ed.push('ab');
    await vi.advanceTimersByTimeAsync(INTERVAL - 200); // 900 ms after the first edit
    expect(calls).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(100); // 1000 ms after the first edit
    expect(calls.map((c) => c.text)).toEqual(['a', 'ab']);

    for (let i = 0; i < 50; i++) {
      ed.push(`text ${i}`);
      await vi.advanceTimersByTimeAsync(100);
    }
    await vi.advanceTimersByTimeAsync(INTERVAL);
    for (let i = 1; i < calls.length; i++) expect(calls[i]!.at - calls[i - 1]!.at).toBeGreaterThanOrEqual(INTERVAL);
    // 5 s of pushes every 100 ms: about one edit per second, not fifty.
    expect(calls.length).toBeGreaterThanOrEqual(5);
    expect(calls.length).toBeLessThanOrEqual(8);
    expect(calls.at(-1)!.text).toBe('text 49');
    await ed.finish();
  });

  it('sends only the latest text pushed before an edit goes out', async () => {
    const { edit, calls } = instantEdit();
    const ed = throttledEditor(INTERVAL, edit);
    ed.push('a');
    await vi.advanceTimersByTimeAsync(0);
    ed.push('ab');
    ed.push('abc');
    ed.push('abcd');
    await vi.advanceTimersByTimeAsync(INTERVAL);
    expect(calls.map((c) => c.text)).toEqual(['a', 'abcd']);
    await vi.advanceTimersByTimeAsync(10 * INTERVAL);
    expect(calls).toHaveLength(2); // nothing new pushed, nothing re-sent
    await ed.finish();
  });

  it('keeps one edit in flight and sends the text that arrived meanwhile once it settles', async () => {
    const { edit, calls, maxActive } = controlledEdit();
    const ed = throttledEditor(INTERVAL, edit);
    ed.push('a');
    await vi.advanceTimersByTimeAsync(0);
    expect(calls).toHaveLength(1);

    ed.push('ab');
    await vi.advanceTimersByTimeAsync(5 * INTERVAL); // the first edit is still pending
    ed.push('abc');
    await vi.advanceTimersByTimeAsync(5 * INTERVAL);
    expect(calls).toHaveLength(1);

    calls[0]!.resolve();
    await vi.advanceTimersByTimeAsync(0); // the interval has long passed: send at once
    expect(calls.map((c) => c.text)).toEqual(['a', 'abc']);
    expect(maxActive()).toBe(1);
    calls[1]!.resolve();
    await ed.finish();
  });

  it('finish() waits for the edit in flight and stops further edits', async () => {
    const { edit, calls } = controlledEdit();
    const ed = throttledEditor(INTERVAL, edit);
    ed.push('a');
    await vi.advanceTimersByTimeAsync(0);
    ed.push('ab'); // pending when finish() is called: dropped

    let finished = false;
    const finishing = ed.finish().then(() => (finished = true));
    await vi.advanceTimersByTimeAsync(3 * INTERVAL);
    expect(finished).toBe(false);

    ed.push('abc'); // after finish(): ignored
    calls[0]!.resolve();
    await finishing;
    expect(finished).toBe(true);
    await vi.advanceTimersByTimeAsync(10 * INTERVAL);
    expect(calls.map((c) => c.text)).toEqual(['a']);
  });

  it('finish() with nothing in flight resolves at once and nothing is sent after it', async () => {
    const { edit, calls } = instantEdit();
    const ed = throttledEditor(INTERVAL, edit);
    ed.push('a');
    await ed.finish();
    await vi.advanceTimersByTimeAsync(10 * INTERVAL);
    expect(calls).toEqual([]);
    expect(ed.started).toBe(false);
  });

  it('reports a failed edit to onError and keeps editing', async () => {
    const { edit, calls } = controlledEdit();
    const errors: Error[] = [];
    const ed = throttledEditor(INTERVAL, edit, (e) => errors.push(e));
    ed.push('a');
    await vi.advanceTimersByTimeAsync(0);
    ed.push('ab');
    calls[0]!.reject(new Error('rate limited'));
    await vi.advanceTimersByTimeAsync(0);
    expect(errors.map((e) => e.message)).toEqual(['rate limited']);

    await vi.advanceTimersByTimeAsync(INTERVAL);
    expect(calls.map((c) => c.text)).toEqual(['a', 'ab']);
    calls[1]!.reject(new Error('again'));
    await vi.advanceTimersByTimeAsync(0);
    ed.push('abc');
    await vi.advanceTimersByTimeAsync(INTERVAL);
    expect(calls.map((c) => c.text)).toEqual(['a', 'ab', 'abc']);
    expect(errors.map((e) => e.message)).toEqual(['rate limited', 'again']);
    calls[2]!.resolve();
    await ed.finish();
    expect(errors).toHaveLength(2);
  });

  it('swallows a failed edit without onError (finish() still resolves)', async () => {
    const edit = vi.fn(async () => {
      throw new Error('boom');
    });
    const ed = throttledEditor(INTERVAL, edit);
    ed.push('a');
    await vi.advanceTimersByTimeAsync(0);
    ed.push('b');
    await vi.advanceTimersByTimeAsync(INTERVAL);
    expect(edit).toHaveBeenCalledTimes(2);
    await expect(ed.finish()).resolves.toBeUndefined();
  });

  it('is started only once an edit was sent, even a failing one', async () => {
    const { edit, calls } = controlledEdit();
    const ed = throttledEditor(INTERVAL, edit, () => {});
    expect(ed.started).toBe(false);
    ed.push('a');
    expect(ed.started).toBe(false); // pushed, not yet sent
    await vi.advanceTimersByTimeAsync(0);
    expect(ed.started).toBe(true);
    calls[0]!.reject(new Error('x'));
    await ed.finish();
    expect(ed.started).toBe(true);
  });
});
