// The embedded database's wire-protocol server: many clients (the app's postgres.js pool,
// pg-boss, scripts, tests) on one PGlite session, without ever sharing statement or
// transaction state.
//
// Why our own, and not @electric-sql/pglite-socket's PGLiteSocketServer: that server queues
// single protocol messages and keeps a client's turn only while PGlite is inside a
// transaction. An extended-protocol exchange (Parse/Bind/Describe/Execute, up to Sync) is
// not a transaction between its messages, so two clients' exchanges interleaved on the one
// session: a Bind met another client's Parse (22P02, 08P01, 34000 under load, and with
// matching shapes silently wrong rows), and one internal error left its queue stuck for
// good (electric-sql/pglite issue #1046, open for 0.2.17; PR #977 is unmerged).
//
// The rules here, from the protocol (https://www.postgresql.org/docs/current/protocol-flow.html):
// - A client's messages run as whole batches, each ended by Sync, Query, Flush, FunctionCall
//   or CopyDone/CopyFail, one batch at a time on the session.
// - A client keeps the session from its first batch until the backend says ReadyForQuery
//   with status idle ('I'): through a transaction block, and through a Flush-ended exchange
//   (postgres.js sends Parse/Describe/Flush, waits, then Bind/Execute/Sync). Only then may
//   another client's batch run.
// - Named prepared statements live for the whole session, so each client's names are
//   prefixed with its own id, and closed when it disconnects.
// - The unnamed statement belongs to whoever parsed it last; a client that binds it after
//   another client's batch ran gets Postgres's own "does not exist" error, never the other
//   client's statement.
// - A client that holds the session idle while others wait (an open transaction left
//   waiting) is cut off after idleInTransactionTimeoutMs, as Postgres's
//   idle_in_transaction_session_timeout would: it must never stop everyone for good.
// - What a client has sent but not yet ended with Sync is held here in memory, so it is
//   bounded (maxPendingBytes): a client past it is cut off, as Postgres refuses a message
//   over its own limit, before it can take the process's memory.
// - Terminate is answered here: it never reaches PGlite, which has only the one session.
import net from 'node:net';
import type { PGlite } from '@electric-sql/pglite';
import { logFor } from '@/lib/log';

const SSL_REQUEST = 80877103;
const GSSENC_REQUEST = 80877104;
const CANCEL_REQUEST = 80877102;
const END_OF_BATCH = new Set(['S', 'Q', 'H', 'F', 'c', 'f']);

export type EmbeddedServerOptions = {
  db: PGlite;
  host?: string;
  port?: number;
  /** How long a client may hold the session idle while others wait (default 15 s). */
  idleInTransactionTimeoutMs?: number;
  /** Bytes a client may have sent and not yet ended with Sync (default 256 MiB). */
  maxPendingBytes?: number;
};

type Batch = {
  conn: Connection;
  bytes: Buffer;
  usesUnnamedFirst: boolean;
  parsesUnnamed: boolean;
  simpleQuery: boolean;
  endsWithSync: boolean;
  cleanUp?: never;
};
/** After a client left: close its statements and, if it held the session, end what it left open. */
type CleanUp = { conn: Connection; cleanUp: { held: boolean; statements: string[] } };
type Work = Batch | CleanUp;

type Connection = {
  id: number;
  socket: net.Socket;
  buffer: Buffer;
  pending: Buffer[];
  pendingBytes: number;
  pendingUnnamedFirst: boolean | null;
  pendingParsesUnnamed: boolean;
  pendingSimpleQuery: boolean;
  started: boolean;
  closed: boolean;
  statements: Set<string>;
  /** After a refused batch that did not end with Sync: drop messages until the Sync. */
  discardUntilSync: boolean;
};

function cstring(buf: Buffer, offset: number): [string, number] {
  const end = buf.indexOf(0, offset);
  if (end < 0) throw new Error('malformed message: unterminated string');
  return [buf.toString('utf8', offset, end), end + 1];
}

function message(type: string, body: Buffer): Buffer {
  const head = Buffer.alloc(5);
  head.write(type, 0, 'latin1');
  head.writeInt32BE(body.length + 4, 1);
  return Buffer.concat([head, body]);
}

const cstr = (s: string) => Buffer.from(`${s}\0`, 'utf8');

/** An ErrorResponse with Postgres's fields: severity, SQLSTATE, message. */
export function errorResponse(severity: 'ERROR' | 'FATAL', code: string, text: string): Buffer {
  return message(
    'E',
    Buffer.concat([
      Buffer.from('S'),
      cstr(severity),
      Buffer.from('V'),
      cstr(severity),
      Buffer.from('C'),
      cstr(code),
      Buffer.from('M'),
      cstr(text),
      Buffer.from([0]),
    ]),
  );
}
const readyForQuery = (status: 'I' | 'T' | 'E') => message('Z', Buffer.from(status, 'latin1'));

/** Follows the backend's replies across chunks, to know the last message and its status. */
class ReplyTracker {
  private carry = Buffer.alloc(0);
  lastType: string | null = null;
  lastStatus: string | null = null;
  feed(chunk: Uint8Array) {
    let buf = this.carry.length ? Buffer.concat([this.carry, chunk]) : Buffer.from(chunk);
    while (buf.length >= 5) {
      const length = buf.readInt32BE(1);
      if (buf.length < 1 + length) break;
      this.lastType = String.fromCharCode(buf.readUInt8(0));
      this.lastStatus = this.lastType === 'Z' ? String.fromCharCode(buf.readUInt8(5)) : null;
      buf = buf.subarray(1 + length);
    }
    this.carry = Buffer.from(buf);
  }
  get idle() {
    return this.lastType === 'Z' && this.lastStatus === 'I';
  }
}

export class EmbeddedServer {
  private server: net.Server | null = null;
  private readonly db: PGlite;
  private readonly host: string;
  private readonly port: number;
  private readonly idleTimeoutMs: number;
  private readonly maxPendingBytes: number;
  private connections = new Set<Connection>();
  private queue: Work[] = [];
  private owner: Connection | null = null;
  private unnamedOwner: Connection | null = null;
  private running = false;
  private idleTimer: NodeJS.Timeout | null = null;
  private nextId = 1;
  private stopped = false;

  constructor(options: EmbeddedServerOptions) {
    this.db = options.db;
    this.host = options.host ?? '127.0.0.1';
    this.port = options.port ?? 0;
    this.idleTimeoutMs = options.idleInTransactionTimeoutMs ?? 15_000;
    this.maxPendingBytes = options.maxPendingBytes ?? 256 * 1024 * 1024;
  }

  async start(): Promise<{ host: string; port: number }> {
    await this.db.waitReady;
    const server = net.createServer((socket) => this.accept(socket));
    this.server = server;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.port, this.host, () => resolve());
    });
    const address = server.address() as net.AddressInfo;
    return { host: this.host, port: address.port };
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.idleTimer) clearTimeout(this.idleTimer);
    for (const conn of this.connections) conn.socket.destroy();
    this.connections.clear();
    this.queue = [];
    // Let a batch that is running now finish before PGlite is closed under it.
    while (this.running) await new Promise((r) => setTimeout(r, 5));
    const server = this.server;
    this.server = null;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** Clients connected now (for tests and the health report). */
  get clientCount(): number {
    return this.connections.size;
  }

  private accept(socket: net.Socket) {
    if (this.stopped) return void socket.destroy();
    socket.setNoDelay(true);
    const conn: Connection = {
      id: this.nextId++,
      socket,
      buffer: Buffer.alloc(0),
      pending: [],
      pendingBytes: 0,
      pendingUnnamedFirst: null,
      pendingParsesUnnamed: false,
      pendingSimpleQuery: false,
      started: false,
      closed: false,
      statements: new Set(),
      discardUntilSync: false,
    };
    this.connections.add(conn);
    socket.on('data', (chunk) => {
      try {
        this.receive(conn, chunk);
      } catch (error) {
        this.fatal(conn, '08P01', error instanceof Error ? error.message : String(error));
      }
    });
    socket.on('error', () => this.disconnect(conn));
    socket.on('close', () => this.disconnect(conn));
  }

  private receive(conn: Connection, chunk: Buffer) {
    conn.buffer = conn.buffer.length ? Buffer.concat([conn.buffer, chunk]) : chunk;
    if (conn.buffer.length + conn.pendingBytes > this.maxPendingBytes) {
      return this.fatal(
        conn,
        '54000',
        `program limit exceeded: more than ${this.maxPendingBytes} bytes sent without a Sync (the embedded database holds a client's batch in memory; a Postgres server would not)`,
      );
    }
    while (!conn.closed) {
      const buf = conn.buffer;
      if (!conn.started) {
        // Before startup: untyped messages (length, code).
        if (buf.length < 8) return;
        const length = buf.readInt32BE(0);
        if (buf.length < length) return;
        const code = buf.readInt32BE(4);
        const msg = buf.subarray(0, length);
        conn.buffer = buf.subarray(length);
        if (code === SSL_REQUEST || code === GSSENC_REQUEST) {
          conn.socket.write('N');
        } else if (code === CANCEL_REQUEST) {
          // No backend to signal: PGlite runs one statement at a time, to its end.
          conn.socket.end();
          return;
        } else if (code >> 16 === 3) {
          conn.started = true;
          this.enqueue({
            conn,
            bytes: Buffer.from(msg),
            usesUnnamedFirst: false,
            parsesUnnamed: false,
            simpleQuery: false,
            endsWithSync: true,
          });
        } else {
          throw new Error(`unsupported startup code ${code}`);
        }
        continue;
      }
      if (buf.length < 5) return;
      const length = buf.readInt32BE(1);
      if (buf.length < 1 + length) return;
      const msg = buf.subarray(0, 1 + length);
      conn.buffer = buf.subarray(1 + length);
      this.take(conn, Buffer.from(msg));
    }
  }

  /** One complete frontend message: renamed, added to the client's batch, sent at its end. */
  private take(conn: Connection, msg: Buffer) {
    const type = String.fromCharCode(msg.readUInt8(0));
    if (type === 'X') {
      conn.socket.end();
      this.disconnect(conn);
      return;
    }
    if (conn.discardUntilSync) {
      if (type === 'S') {
        conn.discardUntilSync = false;
        conn.socket.write(readyForQuery('I'));
      }
      return;
    }
    const { rewritten, unnamedUse, unnamedParse } = this.rename(conn, type, msg);
    if (unnamedParse) conn.pendingParsesUnnamed = true;
    if (unnamedUse && conn.pendingUnnamedFirst === null) conn.pendingUnnamedFirst = !conn.pendingParsesUnnamed;
    if (type === 'Q') conn.pendingSimpleQuery = true;
    conn.pending.push(rewritten);
    conn.pendingBytes += rewritten.length;
    if (!END_OF_BATCH.has(type)) return;
    const batch: Batch = {
      conn,
      bytes: Buffer.concat(conn.pending),
      usesUnnamedFirst: conn.pendingUnnamedFirst === true,
      parsesUnnamed: conn.pendingParsesUnnamed,
      simpleQuery: conn.pendingSimpleQuery,
      endsWithSync: type === 'S',
    };
    conn.pending = [];
    conn.pendingBytes = 0;
    conn.pendingUnnamedFirst = null;
    conn.pendingParsesUnnamed = false;
    conn.pendingSimpleQuery = false;
    this.enqueue(batch);
  }

  /** Prefixes the client's named statements with its id; notes its uses of the unnamed one. */
  private rename(conn: Connection, type: string, msg: Buffer): { rewritten: Buffer; unnamedUse: boolean; unnamedParse: boolean } {
    const body = msg.subarray(5);
    const prefix = `c${conn.id}_`;
    if (type === 'P') {
      const [name, rest] = cstring(body, 0);
      if (!name) return { rewritten: msg, unnamedUse: false, unnamedParse: true };
      conn.statements.add(prefix + name);
      return { rewritten: message('P', Buffer.concat([cstr(prefix + name), body.subarray(rest)])), unnamedUse: false, unnamedParse: false };
    }
    if (type === 'B') {
      const [portal, afterPortal] = cstring(body, 0);
      const [statement, rest] = cstring(body, afterPortal);
      if (!statement) return { rewritten: msg, unnamedUse: true, unnamedParse: false };
      return {
        rewritten: message('B', Buffer.concat([cstr(portal), cstr(prefix + statement), body.subarray(rest)])),
        unnamedUse: false,
        unnamedParse: false,
      };
    }
    if ((type === 'D' || type === 'C') && body[0] === 0x53 /* 'S' */) {
      const [name] = cstring(body, 1);
      if (!name) return { rewritten: msg, unnamedUse: type === 'D', unnamedParse: false };
      if (type === 'C') conn.statements.delete(prefix + name);
      return { rewritten: message(type, Buffer.concat([Buffer.from('S'), cstr(prefix + name)])), unnamedUse: false, unnamedParse: false };
    }
    return { rewritten: msg, unnamedUse: false, unnamedParse: false };
  }

  private enqueue(batch: Batch) {
    this.queue.push(batch);
    void this.pump();
  }

  private next(): Work | undefined {
    if (this.owner) {
      const i = this.queue.findIndex((b) => b.conn === this.owner);
      return i < 0 ? undefined : this.queue.splice(i, 1)[0];
    }
    return this.queue.shift();
  }

  private async pump(): Promise<void> {
    if (this.running || this.stopped) return;
    this.running = true;
    try {
      for (let work = this.next(); work; work = this.next()) {
        this.clearIdleTimer();
        if (work.cleanUp) await this.cleanUp(work);
        else await this.run(work);
      }
    } finally {
      this.running = false;
    }
    this.watchIdleOwner();
  }

  private async run(batch: Batch) {
    const { conn } = batch;
    if (conn.closed) return;
    if (batch.usesUnnamedFirst && this.unnamedOwner !== conn) {
      // Another client's batch replaced the session's unnamed statement since this client
      // parsed its own: answer as Postgres would for a missing one.
      conn.socket.write(errorResponse('ERROR', '26000', 'unnamed prepared statement does not exist'));
      if (batch.endsWithSync) conn.socket.write(readyForQuery(this.db.isInTransaction() ? 'T' : 'I'));
      else conn.discardUntilSync = true;
      return;
    }
    const replies = new ReplyTracker();
    try {
      await this.db.runExclusive(() =>
        this.db.execProtocolRawStream(new Uint8Array(batch.bytes), {
          onRawData: (data) => {
            replies.feed(data);
            if (!conn.closed && data.length) conn.socket.write(Buffer.from(data));
          },
        }),
      );
    } catch (error) {
      // PGlite threw instead of answering: this client's exchange is lost, the session must
      // be made clean for everyone else, and the queue goes on.
      this.owner = conn;
      this.fatal(conn, 'XX000', `embedded database error: ${error instanceof Error ? error.message : String(error)}`);
      return;
    }
    if (batch.parsesUnnamed) this.unnamedOwner = conn;
    else if (batch.simpleQuery && this.unnamedOwner) this.unnamedOwner = null;
    this.owner = replies.idle ? null : conn;
  }

  /** Starts the clock on a client that holds the session while others wait. */
  private watchIdleOwner() {
    const owner = this.owner;
    if (!owner || this.idleTimer || this.stopped) return;
    if (!this.queue.some((b) => b.conn !== owner)) return;
    this.idleTimer = setTimeout(() => {
      this.idleTimer = null;
      if (this.owner !== owner || this.queue.some((b) => b.conn === owner)) return;
      this.fatal(
        owner,
        '25P03',
        'terminating connection due to idle-in-transaction timeout (the embedded database runs one transaction at a time)',
      );
    }, this.idleTimeoutMs);
    this.idleTimer.unref();
  }

  private clearIdleTimer() {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = null;
  }

  private fatal(conn: Connection, code: string, text: string) {
    if (!conn.closed && conn.socket.writable) conn.socket.end(errorResponse('FATAL', code, text));
    this.disconnect(conn);
  }

  /** A client gone: its batches dropped, its transaction rolled back, its statements closed. */
  private disconnect(conn: Connection) {
    if (conn.closed) return;
    conn.closed = true;
    conn.socket.destroy();
    this.connections.delete(conn);
    this.queue = this.queue.filter((b) => b.conn !== conn);
    if (this.unnamedOwner === conn) this.unnamedOwner = null;
    const held = this.owner === conn;
    const statements = [...conn.statements];
    if (!held && !statements.length) return;
    // A client that held the session is cleaned up first (it still holds it); otherwise its
    // statements are closed in turn, when no one else is inside an exchange.
    const work: CleanUp = { conn, cleanUp: { held, statements } };
    if (held) this.queue.unshift(work);
    else this.queue.push(work);
    void this.pump();
  }

  private async cleanUp({ conn, cleanUp: { held, statements } }: CleanUp) {
    const closes = statements.map((name) => message('C', Buffer.concat([Buffer.from('S'), cstr(name)])));
    // Sync ends an unfinished exchange; ROLLBACK ends an open transaction block.
    const bytes = Buffer.concat([...closes, message('S', Buffer.alloc(0))]);
    try {
      await this.db.runExclusive(async () => {
        await this.db.execProtocolRawStream(new Uint8Array(bytes), { onRawData: () => {} });
        if (held && this.db.isInTransaction())
          await this.db.execProtocolRawStream(new Uint8Array(message('Q', cstr('ROLLBACK'))), { onRawData: () => {} });
      });
    } catch (error) {
      logFor('embedded').error({ err: error, client: conn.id }, 'clean-up after a client left failed');
    } finally {
      if (this.owner === conn) this.owner = null;
    }
  }
}
