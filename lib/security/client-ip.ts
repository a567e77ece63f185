import { isIP } from 'node:net';
import { proxyEnv } from '@/lib/env';

/**
 * The header the server stamps with the TCP peer's address (lib/security/socket-address.ts),
 * overwriting anything a client sent under that name. Next.js offers route handlers and
 * server actions no socket: it only fills X-Forwarded-For with the peer's address when the
 * request has none, so a client that sends its own X-Forwarded-For hides the real one.
 */
export const SOCKET_ADDRESS_HEADER = 'x-psg-socket-address';

/**
 * An address as a rate-limit key: IPv4-mapped IPv6 as plain IPv4, and other IPv6
 * addresses as their /64, the block one subscriber gets (otherwise a single home could
 * rotate through 2^64 addresses). null for anything that is not an IP address.
 */
export function addressKey(raw: string | null | undefined): string | null {
  if (!raw) return null;
  let value = raw.trim();
  // "[2001:db8::1]:443" and "192.0.2.1:443", as some proxies write them.
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(value);
  if (bracketed?.[1]) value = bracketed[1];
  else if (/^\d{1,3}(\.\d{1,3}){3}:\d+$/.test(value)) value = value.slice(0, value.lastIndexOf(':'));
  value = value.replace(/%.*$/, ''); // zone id
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(value);
  if (mapped?.[1]) value = mapped[1];
  const family = isIP(value);
  if (family === 4) return value;
  if (family !== 6) return null;
  const [head, tail = ''] = value.toLowerCase().split('::');
  const left = head ? head.split(':') : [];
  const right = value.includes('::') ? (tail ? tail.split(':') : []) : [];
  // An embedded IPv4 tail ("64:ff9b::192.0.2.1") counts as two groups; it is past the /64.
  const width = (groups: string[]) => groups.reduce((n, g) => n + (g.includes('.') ? 2 : 1), 0);
  const groups = [...left, ...Array(Math.max(0, 8 - width(left) - width(right))).fill('0'), ...right];
  return `${groups
    .slice(0, 4)
    .map((g) => g.replace(/^0+(?=.)/, ''))
    .join(':')}::/64`;
}

/**
 * The client's address, as a rate-limit key. The chain is X-Forwarded-For followed by the
 * socket's peer; each trusted proxy appended the address it saw, so the client is the entry
 * `hops` places from the end. With 0 hops that is the socket itself and X-Forwarded-For is
 * never read. If the chain is shorter than the hops configured, the first entry is used
 * (as Express's "trust proxy" does).
 */
export function clientAddress(headers: Headers, hops: number = proxyEnv().TRUSTED_PROXY_HOPS): string | null {
  const socket = headers.get(SOCKET_ADDRESS_HEADER);
  const forwarded =
    hops > 0
      ? (headers.get('x-forwarded-for') ?? '')
          .split(',')
          .map((entry) => entry.trim())
          .filter(Boolean)
      : [];
  const chain = [...forwarded, socket];
  return addressKey(chain[Math.max(0, chain.length - 1 - hops)]);
}
