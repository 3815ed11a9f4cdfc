// Keyv's embedded store: a Map persisted to one JSON file. keyv-file writes in place (a
// crash mid-write truncates it) and silently empties a corrupt file; this store writes a
// temp file and renames it over the old one, and moves a corrupt file aside with a warning.

import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

const WRITE_DELAY_MS = 25;

export class AtomicFileStore extends Map<string, unknown> {
  private timer: NodeJS.Timeout | undefined;
  private dirty = false;
  private readonly ready: boolean;

  constructor(
    readonly path: string,
    private readonly warn: (message: string) => void = (m) => process.stderr.write(`${m}\n`),
  ) {
    super();
    for (const [k, v] of this.load()) super.set(k, v);
    this.ready = true;
  }

  private load(): Array<[string, unknown]> {
    if (!existsSync(this.path)) return [];
    const text = readFileSync(this.path, 'utf8');
    try {
      const data = JSON.parse(text) as unknown;
      if (!data || typeof data !== 'object' || Array.isArray(data)) throw new Error('not an object');
      const now = Date.now();
      return Object.entries(data as Record<string, unknown>).filter(([, v]) => !expired(v, now));
    } catch {
      const aside = `${this.path}.corrupt-${new Date().toISOString().replace(/[:.]/g, '-')}`;
      renameSync(this.path, aside);
      this.warn(`store file ${this.path} was not valid JSON; moved it to ${aside} and started empty`);
      return [];
    }
  }

  override set(key: string, value: unknown): this {
    super.set(key, value);
    // Map's constructor calls set() before our fields exist.
    if (this.ready) this.schedule();
    return this;
  }

  override delete(key: string): boolean {
    const had = super.delete(key);
    if (had) this.schedule();
    return had;
  }

  override clear(): void {
    super.clear();
    this.schedule();
  }

  private schedule(): void {
    this.dirty = true;
    this.timer ??= setTimeout(() => this.flush(), WRITE_DELAY_MS);
    this.timer.unref?.();
  }

  /** Writes pending changes now: temp file, then rename (atomic on POSIX). */
  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    if (!this.dirty) return;
    this.dirty = false;
    mkdirSync(dirname(this.path), { recursive: true });
    const tmp = `${this.path}.${process.pid}.tmp`;
    writeFileSync(tmp, JSON.stringify(Object.fromEntries(this)));
    renameSync(tmp, this.path);
  }

  /** The keys of one Keyv namespace, without its `<namespace>:` prefix (a snapshot). */
  keysIn(namespace: string): string[] {
    const prefix = `${namespace}:`;
    return [...this.keys()].filter((k) => k.startsWith(prefix)).map((k) => k.slice(prefix.length));
  }

  /** Called by Keyv's disconnect(). */
  async disconnect(): Promise<void> {
    this.flush();
  }
}

// Keyv stores `{ value, expires }`, serialized or not depending on version; drop what has lapsed.
function expired(v: unknown, now: number): boolean {
  let data = v;
  if (typeof v === 'string' && v.startsWith('{')) {
    try {
      data = JSON.parse(v);
    } catch {
      return false;
    }
  }
  const expires = (data as { expires?: unknown } | null)?.expires;
  return typeof expires === 'number' && expires < now;
}
