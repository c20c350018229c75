'use strict';

// Acquire's webhooks: check a delivery's x-acquire-signature and read its event.
// Pass the raw request body (a Buffer as received, e.g. from express.raw()), not
// re-serialized JSON. Acquire's scheme has no timestamp: make handlers idempotent.
const native = require('../native.js');
const { fromNative } = require('./errors.js');

/** The header that carries the signature. */
const SIGNATURE_HEADER = 'x-acquire-signature';

function toBuffer(body) {
  if (Buffer.isBuffer(body)) return body;
  if (typeof body === 'string') return Buffer.from(body, 'utf8');
  if (body instanceof Uint8Array) return Buffer.from(body.buffer, body.byteOffset, body.byteLength);
  throw new TypeError('body must be the raw request body: a Buffer, Uint8Array or string');
}

function checkString(name, value, optional = false) {
  if (optional && (value === undefined || value === null)) return;
  if (typeof value !== 'string') throw new TypeError(`${name} must be a string`);
}

function call(fn) {
  try {
    return fn();
  } catch (err) {
    throw fromNative(err);
  }
}

/** Throws WebhookSignatureError unless `signature` (the header's value) signs `body` under `secret`. */
function verify(body, signature, secret) {
  const bytes = toBuffer(body);
  checkString('signature', signature, true);
  checkString('secret', secret);
  call(() => native.webhookVerify(bytes, signature ?? '', secret));
}

/** The x-acquire-signature Acquire would send for `body` (for your own tests). */
function sign(body, secret) {
  const bytes = toBuffer(body);
  checkString('secret', secret);
  return native.webhookSign(bytes, secret);
}

/** Reads a webhook body without checking its signature; throws WebhookPayloadError. */
function parseEvent(body) {
  const bytes = toBuffer(body);
  const event = JSON.parse(call(() => native.webhookParse(bytes)));
  Object.defineProperty(event, 'raw', { value: bytes.toString('utf8'), enumerable: false });
  return event;
}

/** verify(), then parseEvent(): the event of a genuine delivery. */
function constructEvent(body, signature, secret) {
  verify(body, signature, secret);
  return parseEvent(body);
}

module.exports = { SIGNATURE_HEADER, verify, sign, parseEvent, constructEvent };
