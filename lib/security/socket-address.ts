import { subscribe } from 'node:diagnostics_channel';
import type { IncomingMessage } from 'node:http';
import type { Socket } from 'node:net';
import { SOCKET_ADDRESS_HEADER } from './client-ip';

let installed = false;

/**
 * Stamps every incoming HTTP request with its TCP peer's address, under
 * SOCKET_ADDRESS_HEADER, before Next.js sees it. Node publishes `http.server.request.start`
 * synchronously for each request, ahead of the server's 'request' event, so this works on
 * the server `next start` and `next dev` create without a custom server. A client that
 * sends the header itself has it overwritten. Called from instrumentation.ts.
 */
export function installSocketAddressHeader(): void {
  if (installed) return;
  installed = true;
  subscribe('http.server.request.start', (message) => {
    const { request, socket } = message as { request: IncomingMessage; socket: Socket };
    const address = socket?.remoteAddress ?? request.socket?.remoteAddress;
    if (address) request.headers[SOCKET_ADDRESS_HEADER] = address;
    else delete request.headers[SOCKET_ADDRESS_HEADER];
  });
}
