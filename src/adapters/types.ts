// What every platform adapter is given and gives back.

export interface AdapterHooks {
  log: { info(msg: string): void; warn(msg: string): void; error(msg: string): void };
  /** Wraps each handled message so serve can count it and wait for it on shutdown. */
  track<T>(work: Promise<T>): Promise<T>;
}

export interface RunningAdapter {
  name: string;
  stop(): Promise<void>;
}
