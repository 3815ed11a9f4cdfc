// Every file and stdin line the command line reads, read with a cap: at most cap+1 bytes
// are ever held, so /dev/zero or a 600 MB line costs a one-line error, not the machine.

import { open } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { InputError } from './errors.js';

const KB = 1024;
const MB = 1024 * KB;

/** The caps, in bytes, each with what it is and why it is that size. */
export const READ_CAPS = {
  /** GitHub allows 65,536 characters in a PR description; in UTF-8 that is at most 4 bytes each. */
  prBody: { bytes: 256 * KB, what: 'a PR description' },
  /** GitHub caps webhook payloads at 25 MB. */
  event: { bytes: 25 * MB, what: 'an event payload' },
  /** "List commits on a pull request" returns at most 250 commits; 5 MB is far past that. */
  commits: { bytes: 5 * MB, what: 'a commits file' },
  /** A question file of thousands of JSON lines. */
  questions: { bytes: 5 * MB, what: 'a question file' },
  /** One question per stdin line: room for the answerer's 2,000 characters at 4 bytes each. */
  questionLine: { bytes: 8 * KB, what: 'a question' },
} as const;

export type CapName = keyof typeof READ_CAPS;

/** "256 KB", "25 MB": how the caps are named in messages. */
export function formatBytes(n: number): string {
  if (n >= MB && n % MB === 0) return `${n / MB} MB`;
  if (n >= KB && n % KB === 0) return `${n / KB} KB`;
  return `${n} bytes`;
}

/** A file or line past its cap (an InputError: exit 2, one line). */
export class TooLargeError extends InputError {
  override name = 'TooLargeError';
}

function tooLarge(label: string, cap: CapName): InputError {
  const { bytes, what } = READ_CAPS[cap];
  return new TooLargeError(`${label} is too large (over ${formatBytes(bytes)}, the limit for ${what})`);
}

/**
 * The bytes of `file` (`-`: stdin), refused past the cap. `label` names it in messages
 * ("body file notes.md"). Reads at most cap+1 bytes, whatever the file claims to be.
 */
export async function readCapped(file: string, label: string, cap: CapName, stdin: Readable = process.stdin): Promise<Buffer> {
  const limit = READ_CAPS[cap].bytes;
  if (file === '-') return readStreamCapped(stdin, limit, () => tooLarge(label, cap));
  let handle;
  try {
    handle = await open(file, 'r');
  } catch (err) {
    throw new InputError(`cannot read ${label} (${(err as NodeJS.ErrnoException).code ?? 'unreadable'})`);
  }
  try {
    const buf = Buffer.alloc(limit + 1);
    let used = 0;
    while (used < buf.length) {
      const { bytesRead } = await handle.read(buf, used, buf.length - used, null);
      if (bytesRead === 0) break;
      used += bytesRead;
    }
    if (used > limit) throw tooLarge(label, cap);
    return buf.subarray(0, used);
  } catch (err) {
    if (err instanceof InputError) throw err;
    throw new InputError(`cannot read ${label} (${(err as NodeJS.ErrnoException).code ?? 'unreadable'})`);
  } finally {
    await handle.close();
  }
}

async function readStreamCapped(input: Readable, limit: number, onTooLarge: () => InputError): Promise<Buffer> {
  const parts: Buffer[] = [];
  let used = 0;
  for await (const chunk of input) {
    const buf = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
    used += buf.length;
    // Stop reading at once: the rest of the stream is never pulled in.
    if (used > limit) throw onTooLarge();
    parts.push(buf);
  }
  return Buffer.concat(parts, used);
}

/** The text of a capped file; not UTF-8 is left to the caller's own checks (U+FFFD). */
export async function readCappedText(file: string, label: string, cap: CapName): Promise<string> {
  return (await readCapped(file, label, cap)).toString('utf8');
}

export type Line = { n: number; text: string } | { n: number; tooLong: true; bytes: number };

/**
 * Lines of a stream, numbered from 1, without their `\n` or `\r\n`. A line longer than
 * `maxBytes` is not buffered: its bytes are counted and dropped, and it comes out as
 * `{ tooLong }` so the batch goes on. (`readline` holds a whole line before yielding it.)
 */
export async function* cappedLines(input: Readable, maxBytes: number): AsyncGenerator<Line> {
  let parts: Buffer[] = [];
  let held = 0;
  let dropped = 0; // > 0: the current line is over the cap and being skipped
  let n = 0;
  const finish = (): Line => {
    n++;
    const line: Line = dropped ? { n, tooLong: true, bytes: dropped } : { n, text: stripCr(Buffer.concat(parts, held).toString('utf8')) };
    parts = [];
    held = 0;
    dropped = 0;
    return line;
  };
  for await (const chunk of input) {
    const buf = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
    let from = 0;
    while (from < buf.length) {
      const nl = buf.indexOf(10, from);
      const end = nl < 0 ? buf.length : nl;
      take(buf.subarray(from, end));
      from = end + 1;
      if (nl >= 0) yield finish();
    }
  }
  if (held || dropped) yield finish();

  function take(piece: Buffer): void {
    if (!piece.length) return;
    if (dropped || held + piece.length > maxBytes) {
      dropped += held + piece.length;
      parts = [];
      held = 0;
      return;
    }
    parts.push(piece);
    held += piece.length;
  }
}

const stripCr = (s: string) => (s.endsWith('\r') ? s.slice(0, -1) : s);

/** The one-line message for an over-long stdin line. */
export function lineTooLongMessage(line: { n: number; bytes: number }): string {
  return `line ${line.n} of stdin is too long (over ${formatBytes(READ_CAPS.questionLine.bytes)}, the limit for ${READ_CAPS.questionLine.what}); skipped`;
}
