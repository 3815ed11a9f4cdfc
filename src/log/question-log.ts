// The private question log: one entry per chat request, so maintainers can see what
// newcomers ask and where the guide has gaps, without a tracking tool. Privacy rules live
// here, not in the callers:
//  - the user only as a salted, truncated sha256 (the salt is random, kept once in the store);
//  - the question text only where it helps the guide: refused, answered with low confidence,
//    or voted not helpful; never the text of a confidently answered question;
//  - every entry expires after ONRAMP_LOG_DAYS (0: nothing is written at all).
// One key per entry (`<iso time>:<random>`), never a shared list, so several replicas can
// write at once without losing each other's entries; reads use Keyv's iterator, which the
// file store (a Map) and @keyv/redis (SCAN) both support.

import { createHash, randomBytes } from 'node:crypto';
import type { Store } from '../store/store.js';

export type Outcome = 'answered' | 'refused' | 'injection' | 'rate-limited' | 'error';

export interface LogEntry {
  at: string;
  platform: string;
  /** The command that ran (`ask`, `issues`, `lint-pr`, `help`), `none` when none could. */
  command: string;
  outcome: Outcome;
  mode?: 'extractive' | 'llm';
  /** The first cited guide section. */
  section?: string;
  confidence?: number;
  vote?: 'up' | 'down';
  ms: number;
  /** Salted hash of `<platform>:<user id>`. */
  user: string;
  /** Only for refused, low-confidence or not-helpful questions (at most 400 characters). */
  question?: string;
}

/** What a caller records: the raw user id (hashed here) and the question (kept only when allowed). */
export type LogRecord = Omit<LogEntry, 'at'>;

export const LOG_NAMESPACE = 'questionlog';
/** Below this an answer counts as low confidence (its question is kept for the guide). */
export const LOW_CONFIDENCE = 0.5;
const MAX_QUESTION_CHARS = 400;
const KEY = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z:[0-9a-f]{12}$/;

/** Whether a question's text may be kept: it helps the guide only when the guide fell short. */
export function keepsText(e: Pick<LogEntry, 'outcome' | 'confidence' | 'vote'>): boolean {
  if (e.outcome === 'refused') return true;
  if (e.outcome !== 'answered') return false;
  return e.vote === 'down' || (e.confidence !== undefined && e.confidence < LOW_CONFIDENCE);
}

export class QuestionLog {
  private salt?: Promise<string>;

  constructor(
    private readonly store: Store,
    /** Retention in days (> 0). */
    readonly days: number,
  ) {}

  get ttlMs(): number {
    return this.days * 24 * 3600_000;
  }

  /** A fresh entry key, sortable by time; unique across replicas. */
  newKey(now = new Date()): string {
    return `${now.toISOString()}:${randomBytes(6).toString('hex')}`;
  }

  /** The random salt, created once and shared through the store (re-read after writing, so replicas converge). */
  private userSalt(): Promise<string> {
    this.salt ??= (async () => {
      const kv = this.store.kv<string>('usersalt');
      const had = await kv.get('salt');
      if (had) return had;
      await kv.set('salt', randomBytes(32).toString('hex'));
      return (await kv.get('salt'))!;
    })();
    this.salt.catch(() => (this.salt = undefined));
    return this.salt;
  }

  async hashUser(platform: string, user: string): Promise<string> {
    return createHash('sha256').update(`${await this.userSalt()}\n${platform}:${user}`).digest('hex').slice(0, 16);
  }

  /** Writes one entry; the question text is dropped unless `keepsText` allows it. */
  async record(key: string, r: LogRecord): Promise<void> {
    const at = key.slice(0, 24);
    const { question, user, ...rest } = r;
    const entry: LogEntry = { at, ...rest, user: await this.hashUser(r.platform, user) };
    if (question && keepsText(entry)) entry.question = question.slice(0, MAX_QUESTION_CHARS);
    await this.store.kv<LogEntry>(LOG_NAMESPACE).set(key, entry, this.remaining(at));
  }

  /** Records a vote on an entry; a not-helpful vote keeps the question (from the reply memory). */
  async vote(key: string, vote: 'up' | 'down', question?: string): Promise<boolean> {
    if (!KEY.test(key)) return false;
    const kv = this.store.kv<LogEntry>(LOG_NAMESPACE);
    const entry = await kv.get(key);
    if (!entry) return false;
    const next: LogEntry = { ...entry, vote };
    const text = next.question ?? question;
    delete next.question;
    if (text && keepsText(next)) next.question = text.slice(0, MAX_QUESTION_CHARS);
    const ttl = this.remaining(entry.at);
    if (ttl <= 0) return false;
    await kv.set(key, next, ttl);
    return true;
  }

  /** Entries at or after `since`, oldest first. */
  async entries(since = 0): Promise<LogEntry[]> {
    const kv = this.store.kv<LogEntry>(LOG_NAMESPACE);
    if (!kv.iterator) throw new Error('this store cannot list the question log');
    const out: Array<[string, LogEntry]> = [];
    for await (const [key, value] of kv.iterator(undefined) as AsyncIterable<[unknown, unknown]>) {
      // Keyv's Map iterator matches the namespace loosely; keep only our keys and shapes.
      if (typeof key !== 'string' || !KEY.test(key) || !isEntry(value)) continue;
      if (Date.parse(value.at) >= since) out.push([key, value]);
    }
    return out.sort((a, b) => (a[0] < b[0] ? -1 : 1)).map(([, v]) => v);
  }

  /** TTL left for an entry written at `at`: retention counts from the request, not the last vote. */
  private remaining(at: string): number {
    return Date.parse(at) + this.ttlMs - Date.now();
  }
}

function isEntry(v: unknown): v is LogEntry {
  const e = v as LogEntry | null;
  return !!e && typeof e === 'object' && typeof e.at === 'string' && typeof e.outcome === 'string' && typeof e.platform === 'string' && typeof e.ms === 'number';
}

/** The log for a store, or undefined when ONRAMP_LOG_DAYS is 0 (nothing is written). */
export function openQuestionLog(store: Store, days: number): QuestionLog | undefined {
  return days > 0 ? new QuestionLog(store, days) : undefined;
}
