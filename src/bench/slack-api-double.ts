// A loopback stand-in for the parts of Slack's Web API the Bolt app calls (auth.test,
// chat.postMessage, chat.update) and for slash-command response_urls, for `npm run
// loadtest`. It only counts: which response_urls were answered, and when.

import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface SlackApiDouble {
  /** SLACK_API_URL for the app. */
  apiUrl: string;
  /** A response_url for request `id`; the answer to it is recorded under that id. */
  responseUrl(id: string): string;
  /** Request id -> when (performance.now()) its answer arrived. */
  answered: Map<string, number>;
  close(): Promise<void>;
}

const REPLIES: Record<string, object> = {
  '/api/auth.test': { ok: true, user_id: 'UBOT', bot_id: 'BBOT', team_id: 'T1', user: 'onramp' },
  '/api/chat.postMessage': { ok: true, channel: 'C1', ts: '1700000000.000200' },
  '/api/chat.update': { ok: true, channel: 'C1', ts: '1700000000.000200' },
};

export async function startSlackApiDouble(): Promise<SlackApiDouble> {
  const answered = new Map<string, number>();
  const server: Server = createServer((req, res) => {
    // Drain the body without keeping it: only the path matters here.
    req.resume();
    req.on('end', () => {
      const path = (req.url ?? '').split('?')[0]!;
      const respond = /^\/respond\/([\w-]{1,64})$/.exec(path);
      if (respond) answered.set(respond[1]!, performance.now());
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(REPLIES[path] ?? { ok: true }));
    });
  });
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    apiUrl: `${base}/api/`,
    responseUrl: (id) => `${base}/respond/${id}`,
    answered,
    close: () =>
      new Promise((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}
