// A real S3-compatible server for the storage tests, started by the test itself on
// loopback: fauxqs (an S3/SQS/SNS emulator in Node, pinned in package.json), on a port the
// system chooses, with a bucket made for the test. It keeps objects in its own memory and
// everything goes when the test stops it.
//
// In front of it, an HTTP relay of ours that every request passes through, so that a test
// can see what reached the store (which multipart uploads were begun and never completed
// or aborted: fauxqs has no ListMultipartUploads) and make the store fail on purpose (a
// part refused, a full quota), as a real one does.
//
// What it does not check: signatures (any access key and secret are taken), checksums,
// bucket policies and ACLs, lifecycle rules, and real S3's consistency and latency.
import http from 'node:http';
import net from 'node:net';
import { startFauxqs } from 'fauxqs';

export type S3Request = { method: string; path: string; query: URLSearchParams };
/** An answer the relay gives instead of the store's: an S3 error document. */
export type S3Fault = { status: number; code: string };

export type TestS3 = {
  endpoint: string;
  bucket: string;
  credentials: { accessKeyId: string; secretAccessKey: string };
  /** Multipart uploads the store began and that were neither completed nor aborted. */
  openUploads(): string[];
  /** Every request from now on that `when` picks gets `fault` instead, until cleared. */
  failWhen(when: (request: S3Request) => boolean, fault?: S3Fault): void;
  clearFaults(): void;
  stop(): Promise<void>;
};

export async function startTestS3(bucket = 'psg-test'): Promise<TestS3> {
  const store = await startFauxqs({ port: 0, host: '127.0.0.1', logger: false });
  store.createBucket(bucket);
  const open = new Set<string>();
  let fault: { when: (request: S3Request) => boolean; answer: S3Fault } | null = null;

  const relay = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://relay');
    const request: S3Request = { method: req.method ?? 'GET', path: url.pathname, query: url.searchParams };
    if (fault?.when(request)) {
      const { status, code } = fault.answer;
      // The body is read to its end first, as a store does, so the client sees the answer.
      req.resume();
      req.on('end', () => {
        res.writeHead(status, { 'Content-Type': 'application/xml' });
        res.end(`<?xml version="1.0" encoding="UTF-8"?><Error><Code>${code}</Code><Message>${code} (test fault)</Message></Error>`);
      });
      return;
    }
    const upstream = http.request(
      { host: '127.0.0.1', port: store.port, method: req.method, path: req.url, headers: req.headers },
      (answer) => {
        const status = answer.statusCode ?? 502;
        const uploadId = url.searchParams.get('uploadId');
        // Complete (POST) or abort (DELETE) of a multipart upload that the store accepted.
        if (uploadId && status < 300 && (request.method === 'POST' || request.method === 'DELETE')) open.delete(uploadId);
        res.writeHead(status, answer.headers);
        if (request.method === 'POST' && url.searchParams.has('uploads') && status < 300) {
          // CreateMultipartUpload: its small XML answer names the upload.
          let xml = '';
          answer.on('data', (chunk: Buffer) => {
            xml += chunk.toString('utf8');
            res.write(chunk);
          });
          answer.on('end', () => {
            const id = /<UploadId>([^<]+)<\/UploadId>/.exec(xml)?.[1];
            if (id) open.add(id);
            res.end();
          });
        } else answer.pipe(res);
      },
    );
    upstream.on('error', () => res.destroy());
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => relay.listen(0, '127.0.0.1', () => resolve()));
  const { port } = relay.address() as net.AddressInfo;

  return {
    endpoint: `http://127.0.0.1:${port}`,
    bucket,
    credentials: { accessKeyId: 'psg-test', secretAccessKey: 'psg-test-secret' },
    openUploads: () => [...open],
    failWhen: (when, answer = { status: 500, code: 'InternalError' }) => {
      fault = { when, answer };
    },
    clearFaults: () => {
      fault = null;
    },
    stop: async () => {
      relay.closeAllConnections();
      await new Promise<void>((resolve) => relay.close(() => resolve()));
      await store.stop();
    },
  };
}

/** A loopback port with nothing listening on it: connections are refused at once. */
export async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** A store that takes connections and never answers (a hung server, a black-holing proxy). */
export async function startSilentServer(): Promise<{ endpoint: string; stop: () => Promise<void> }> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('error', () => {});
    socket.on('close', () => sockets.delete(socket));
    socket.resume();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as net.AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    stop: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
