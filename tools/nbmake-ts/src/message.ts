/**
 * The Jupyter wire protocol (messaging spec v5.3): a message is
 * [routing ids..., "<IDS|MSG>", hmac, header, parent_header, metadata, content, buffers...]
 * where hmac = HMAC-SHA256(key) over the four JSON frames.
 */
import { createHmac, randomBytes } from "node:crypto";

const DELIMITER = "<IDS|MSG>";

export interface Header {
  msg_id: string;
  msg_type: string;
  session: string;
  username: string;
  date: string;
  version: string;
}

export interface Message {
  header: Header;
  parent_header: Partial<Header>;
  metadata: Record<string, unknown>;
  content: Record<string, any>;
}

/** A fresh request from this client's session. */
export function request(session: string, msgType: string, content: Record<string, unknown>): Message {
  const header: Header = {
    msg_id: randomBytes(16).toString("hex"),
    msg_type: msgType,
    session,
    username: "nbmake-ts",
    date: new Date().toISOString(),
    version: "5.3",
  };
  return { header, parent_header: {}, metadata: {}, content };
}

/** The frames to send on a DEALER socket (no routing ids). */
export function encode(message: Message, key: string): string[] {
  const frames = [message.header, message.parent_header, message.metadata, message.content].map((part) =>
    JSON.stringify(part),
  );
  return [DELIMITER, sign(frames, key), ...frames];
}

/** Parses received frames; refuses a message whose signature does not match. */
export function decode(frames: Buffer[], key: string): Message {
  const at = frames.findIndex((frame) => frame.toString() === DELIMITER);
  if (at < 0) throw new Error("Jupyter message without the <IDS|MSG> delimiter");
  const signature = frames[at + 1].toString();
  const parts = frames.slice(at + 2, at + 6).map((frame) => frame.toString());
  if (signature !== sign(parts, key)) throw new Error("Jupyter message with a wrong HMAC signature");
  const [header, parent_header, metadata, content] = parts.map((part) => JSON.parse(part));
  return { header, parent_header, metadata, content };
}

function sign(frames: string[], key: string): string {
  const hmac = createHmac("sha256", key);
  for (const frame of frames) hmac.update(frame);
  return hmac.digest("hex");
}
