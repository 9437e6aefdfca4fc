import { createHash } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';

const GUID = '258EAFA5-E914-47DA-95CA-C5AB0DC85B11';

/**
 * The server side of one WebSocket (RFC 6455), just enough for Socket Mode: text frames both ways,
 * ping answered with pong, close answered with close. Client frames are masked, ours are not.
 */
export class WebSocketPeer {
  /** Text messages the client sent, parsed as JSON. */
  readonly received: Record<string, unknown>[] = [];
  closed = false;
  private buffer = Buffer.alloc(0);

  private constructor(private readonly socket: Duplex) {
    socket.on('data', (chunk: Buffer) => this.read(chunk));
    socket.on('close', () => (this.closed = true));
    socket.on('error', () => (this.closed = true));
  }

  /** Complete the opening handshake of an HTTP upgrade request. */
  static accept(req: IncomingMessage, socket: Duplex): WebSocketPeer {
    const key = String(req.headers['sec-websocket-key'] ?? '');
    const accept = createHash('sha1').update(key + GUID).digest('base64');
    socket.write(['HTTP/1.1 101 Switching Protocols', 'Upgrade: websocket', 'Connection: Upgrade', `Sec-WebSocket-Accept: ${accept}`, '', ''].join('\r\n'));
    return new WebSocketPeer(socket);
  }

  sendJson(message: unknown): void {
    this.frame(0x1, Buffer.from(JSON.stringify(message), 'utf8'));
  }

  /** Drop the connection without a close handshake (a network failure). */
  destroy(): void {
    this.socket.destroy();
  }

  close(): void {
    if (this.closed) return;
    this.frame(0x8, Buffer.from([0x03, 0xe8]));
    this.socket.end();
  }

  private frame(opcode: number, payload: Buffer): void {
    if (this.closed) return;
    const length = payload.length;
    const header =
      length < 126
        ? Buffer.from([0x80 | opcode, length])
        : length < 65536
          ? Buffer.from([0x80 | opcode, 126, length >> 8, length & 0xff])
          : Buffer.concat([Buffer.from([0x80 | opcode, 127]), bigLength(length)]);
    this.socket.write(Buffer.concat([header, payload]));
  }

  private read(chunk: Buffer): void {
    this.buffer = Buffer.concat([this.buffer, chunk]);
    for (;;) {
      if (this.buffer.length < 2) return;
      const opcode = this.buffer[0] & 0x0f;
      const masked = (this.buffer[1] & 0x80) !== 0;
      let length = this.buffer[1] & 0x7f;
      let offset = 2;
      if (length === 126) {
        if (this.buffer.length < 4) return;
        length = this.buffer.readUInt16BE(2);
        offset = 4;
      } else if (length === 127) {
        if (this.buffer.length < 10) return;
        length = Number(this.buffer.readBigUInt64BE(2));
        offset = 10;
      }
      const maskEnd = offset + (masked ? 4 : 0);
      if (this.buffer.length < maskEnd + length) return;
      const payload = Buffer.from(this.buffer.subarray(maskEnd, maskEnd + length));
      if (masked) for (let i = 0; i < payload.length; i += 1) payload[i] ^= this.buffer[offset + (i % 4)];
      this.buffer = this.buffer.subarray(maskEnd + length);
      this.handle(opcode, payload);
    }
  }

  private handle(opcode: number, payload: Buffer): void {
    if (opcode === 0x1) this.received.push(JSON.parse(payload.toString('utf8')) as Record<string, unknown>);
    else if (opcode === 0x9) this.frame(0xa, payload);
    else if (opcode === 0x8) {
      this.frame(0x8, payload.subarray(0, 2));
      this.closed = true;
      this.socket.end();
    }
  }
}

function bigLength(length: number): Buffer {
  const b = Buffer.alloc(8);
  b.writeBigUInt64BE(BigInt(length));
  return b;
}
