// The Stripe webhook route (app/api/stripe/webhook/route.ts), the same handler `next start`
// runs, served by a process of its own so that a test can kill it mid-event as a crash
// would. Run with: node --conditions=react-server --import tsx tests/support/webhook-process.ts
// (PORT, DATABASE_URL and the STRIPE_* settings from the environment).
import http from 'node:http';

const { POST } = await import('@/app/api/stripe/webhook/route');

const server = http.createServer(
  (req, res) =>
    void (async () => {
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      const headers = new Headers();
      for (const [name, value] of Object.entries(req.headers)) if (typeof value === 'string') headers.set(name, value);
      const response = await POST(new Request(`http://localhost${req.url}`, { method: 'POST', body: Buffer.concat(chunks), headers }));
      res.writeHead(response.status, { 'content-type': 'application/json' });
      res.end(await response.text());
    })().catch((error: unknown) => {
      console.error(error);
      if (!res.headersSent) res.writeHead(500);
      res.end();
    }),
);
server.listen(Number(process.env.PORT), '127.0.0.1', () => console.log('listening'));
