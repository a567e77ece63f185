// A local SMTP server for tests: accepts every mail, parses it with mailparser, and keeps
// it in memory. Optionally serves what it received over HTTP, for browser tests.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export type ReceivedMail = {
  to: string[];
  from: string;
  subject: string;
  text: string;
  html: string;
  headers: Record<string, string>;
  receivedAt: number;
};

export type SmtpSink = {
  smtpUrl: string;
  httpUrl?: string;
  mails: ReceivedMail[];
  waitForMail: (to: string, opts?: { after?: number; timeoutMs?: number }) => Promise<ReceivedMail>;
  close: () => Promise<void>;
};

export async function startSmtpSink(opts: { http?: boolean; port?: number } = {}): Promise<SmtpSink> {
  const mails: ReceivedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    size: 1024 * 1024,
    onData(stream, session, callback) {
      simpleParser(stream)
        .then((parsed) => {
          // The raw header lines (mailparser folds List-* headers into one object otherwise).
          const headers: Record<string, string> = {};
          for (const line of parsed.headerLines) headers[line.key] = line.line.slice(line.line.indexOf(':') + 1).trim();
          mails.push({
            to: session.envelope.rcptTo.map((r) => r.address.toLowerCase()),
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
            subject: parsed.subject ?? '',
            text: parsed.text ?? '',
            html: typeof parsed.html === 'string' ? parsed.html : '',
            headers,
            receivedAt: Date.now(),
          });
          callback();
        })
        .catch(callback);
    },
  });
  // A sender killed mid-conversation (the crash tests do this) resets its connection: expected, not a failure.
  server.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'ECONNRESET') console.error('[smtp-sink]', error);
  });
  await new Promise<void>((resolve) => server.listen(opts.port ?? 0, '127.0.0.1', resolve));
  const smtpPort = (server.server.address() as AddressInfo).port;

  let httpServer: http.Server | undefined;
  let httpUrl: string | undefined;
  if (opts.http) {
    httpServer = http.createServer((req, res) => {
      const url = new URL(req.url ?? '/', 'http://sink');
      const to = url.searchParams.get('to')?.toLowerCase();
      const found = to ? mails.filter((m) => m.to.includes(to)) : mails;
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(found));
    });
    await new Promise<void>((resolve) => httpServer!.listen(0, '127.0.0.1', resolve));
    httpUrl = `http://127.0.0.1:${(httpServer.address() as AddressInfo).port}`;
  }

  return {
    smtpUrl: `smtp://127.0.0.1:${smtpPort}`,
    httpUrl,
    mails,
    async waitForMail(to, { after = 0, timeoutMs = 10_000 } = {}) {
      const until = Date.now() + timeoutMs;
      while (Date.now() < until) {
        const mail = mails.find((m) => m.to.includes(to.toLowerCase()) && m.receivedAt >= after);
        if (mail) return mail;
        await new Promise((r) => setTimeout(r, 50));
      }
      throw new Error(`No mail to ${to} within ${timeoutMs} ms`);
    },
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      if (httpServer) await new Promise<void>((resolve) => httpServer!.close(() => resolve()));
    },
  };
}
