// The Jupyter wire protocol, the kernel's side (messaging spec 5.3): a message arrives as
//   [routing ids..., "<IDS|MSG>", hmac, header, parent_header, metadata, content, buffers...]
// with hmac = HMAC-SHA256(key) over the four JSON frames. tslab has the same class, but keeps it private; its
// server's methods take any object with createReply() and signAndSend(), so they accept this one.
"use strict";

const { createHmac, randomBytes, timingSafeEqual } = require("node:crypto");

const DELIMITER = Buffer.from("<IDS|MSG>");

class Message {
  /** Parses the frames a ROUTER socket received; throws on a missing delimiter or a wrong signature. */
  static fromRaw(key, frames) {
    const at = frames.findIndex((frame) => frame.equals(DELIMITER));
    if (at < 0) throw new Error("a Jupyter message without the <IDS|MSG> delimiter");
    const parts = frames.slice(at + 2, at + 6);
    const signature = Buffer.from(sign(key, parts.map(String)));
    const received = Buffer.from(frames[at + 1].toString());
    if (signature.length !== received.length || !timingSafeEqual(signature, received)) throw new Error("a Jupyter message with a wrong signature");
    const [header, parent, metadata, content] = parts.map((part) => JSON.parse(part.toString()));
    return Object.assign(new Message(), { identity: frames.slice(0, at), header, parent, metadata, content, extra: frames.slice(at + 6) });
  }

  get type() {
    return this.header.msg_type;
  }

  /** A reply in the same session, to the same routing ids, with this message as its parent. */
  createReply(type = this.header.msg_type, content = {}) {
    const { session, username } = this.header;
    const header = { version: "5.3", date: new Date().toISOString(), session, username, msg_type: type, msg_id: randomBytes(16).toString("hex") };
    return Object.assign(new Message(), { identity: this.identity, header, parent: this.header, metadata: {}, content, extra: [] });
  }

  /** Sends on `socket` (shell, control or iopub); resolves once ZeroMQ has taken it. */
  signAndSend(key, socket) {
    const frames = [this.header, this.parent, this.metadata, this.content].map((part) => JSON.stringify(part));
    return socket.send([...this.identity, DELIMITER, sign(key, frames), ...frames]);
  }
}

function sign(key, frames) {
  const hmac = createHmac("sha256", key);
  for (const frame of frames) hmac.update(frame);
  return hmac.digest("hex");
}

module.exports = { Message };
