/** Send messages into Acquire (acquire.io) customer conversations. */

/** Client settings. Unset ones come from ACQUIRE_API_KEY, ACQUIRE_ACCOUNT_ID, ACQUIRE_BASE_URL or the defaults. */
export interface ClientOptions {
  /** The API key (a secret: never shown by inspect, toJSON or errors). */
  apiKey?: string;
  /** Sends to https://{accountId}.acquire.io (one DNS label). */
  accountId?: string;
  /** A base URL instead of the account's host: https://, or http:// on loopback. */
  baseUrl?: string;
  /** Appended to the User-Agent, such as "myapp/1.2". */
  appInfo?: string;
  /** Time allowed for each phase after connecting (default 30 000). */
  timeoutMs?: number;
  /** Time allowed to connect (default 5 000). */
  connectTimeoutMs?: number;
  /** Deadline of one call, retries included (default 120 000). */
  totalTimeoutMs?: number;
  /** Retries of failures that surely did not deliver the message (default 2, at most 10). */
  maxRetries?: number;
  /** Also retry failures after which the message may have been delivered (default false). */
  retryPossiblyDelivered?: boolean;
  /** Settle a send that failed "may have been delivered" by reading the case back (default false). */
  settleUncertain?: boolean;
  /**
   * Most sends waiting on the network at once on the client's own threads, and the size of
   * its keep-alive pool (default 64, at most 1024). Threads start only when sends overlap
   * and exit after 10 s idle.
   */
  maxConcurrency?: number;
  /** Called on the event loop with every event of every call. A throw is reported once and never breaks a call. */
  onEvent?: (event: ClientEvent) => void;
  /** Gets one `info` line per call and `debug` lines per request, attempt and retry (`console` works; ACQUIRE_LOG=info|debug without code). */
  logger?: { debug?: (line: string) => void; info?: (line: string) => void };
  /** Give `onEvent` and the logger each request and response `body`, cut to 1,000 bytes (default false: bodies hold messages' text and customers' data). */
  logBodies?: boolean;
  /** The address e-mail messages are sent from (an inbox connected to Acquire; else ACQUIRE_MAIL_FROM). */
  mailFrom?: string;
  /** The number SMS messages are sent from (else ACQUIRE_SMS_FROM). */
  smsFrom?: string;
}

/**
 * One step of a call (no key, text or body in it). Also published on the `acquire-io:event` diagnostics channel.
 * `call` numbers the client method call the step belongs to (0 for the sends of `sendMessages`);
 * `summary` is the one-line description the logger writes (the same words in every language).
 */
export type ClientEvent = { call: number; summary: string } & (
  | { event: 'request'; method: 'GET' | 'POST'; path: string; caseId: number | null; attempt: number; body?: string }
  | { event: 'response'; path: string; attempt: number; status: number | null; error: string | null; phase: string | null; elapsedMs: number; body?: string }
  | { event: 'retry'; path: string; attempt: number; delayMs: number; reason: string }
  | {
      event: 'finished';
      method: 'GET' | 'POST';
      path: string;
      caseId: number | null;
      attempts: number;
      status: number | null;
      error: string | null;
      mayHaveBeenDelivered: boolean;
      elapsedMs: number;
    }
);

/** The node:diagnostics_channel name every event is published on: 'acquire-io:event'. */
export declare const EVENT_CHANNEL: 'acquire-io:event';

/** Per-call overrides of the client's timeouts and retries. */
export type CallOptions = Pick<
  ClientOptions,
  'timeoutMs' | 'connectTimeoutMs' | 'totalTimeoutMs' | 'maxRetries' | 'retryPossiblyDelivered' | 'settleUncertain'
>;

/** What reading the case back proved about a send. */
export type Settlement =
  | { status: 'delivered'; message: Message }
  | { status: 'not_delivered' }
  | { status: 'unknown'; reason: string };

/** A message to send. */
export interface SendMessageInput {
  /** The conversation (case) id. */
  caseId: number;
  /** The text. */
  message: string;
  /** "message" (the customer sees it, default), "note" (agents only) or "event". */
  type?: 'message' | 'note' | 'event';
  /** Ask Acquire to translate the message: "en", "fr", "pt-BR", ... */
  translateLangKey?: string;
  /** "chat" (default), "email" (an e-mail into an e-mail case, from the client's mailFrom) or "sms" (an SMS into an SMS case, from smsFrom). */
  channel?: string;
  /** Send as this customer (contact id) instead of as the agent. */
  asContactId?: number;
  /** Extra fields for the API's message object. */
  extra?: Record<string, unknown>;
  /** An e-mail's fields (channel "email"). */
  mail?: MailFields;
}

/** An e-mail's fields, every one optional. */
export interface MailFields {
  /** Recipients (default: the case's contact's address). */
  to?: string | string[];
  /** The subject (default: the case's title). */
  subject?: string;
  /** The HTML body (default: the text, HTML-escaped, lines joined by <br>). */
  htmlBody?: string;
  /** Copy to. */
  cc?: string | string[];
  /** Blind copy to. */
  bcc?: string | string[];
}

/** Fields the API did not document are kept as they came. */
type Open = { [field: string]: unknown };

/** An agent or contact taking part in a case. */
export interface Participant extends Open {
  id: number;
  caseId?: number | null;
  /** "user" (an agent) or "contact". */
  type?: string | null;
  userId?: number | null;
  role?: string | null;
  status?: string | null;
  closed?: boolean | null;
  meta?: unknown;
  dateCreated?: string | null;
  dateLastAssigned?: string | null;
}

/** The customer of a case. */
export interface Contact extends Open {
  id: number;
  clientType?: string | null;
  clientName?: string | null;
  clientVersion?: string | null;
  clientOsName?: string | null;
  clientOsVersion?: string | null;
  clientDeviceType?: string | null;
  clientDeviceVendor?: string | null;
  clientDeviceModel?: string | null;
  clientDetails?: unknown;
  meta?: unknown;
  archive?: boolean | null;
  companyId?: number | null;
  dateCreated?: string | null;
  dateUpdated?: string | null;
  /** Name, e-mail, phone and custom attributes, as the API sent them (a map from the contact endpoints). */
  fields?: Record<string, unknown> | unknown[] | null;
  /** The contact's cases (read with the contact). */
  cases: Case[];
}

/** A conversation. */
export interface Case extends Open {
  id: number;
  threadId?: number | null;
  visitId?: number | null;
  title?: string | null;
  description?: string | null;
  channel?: string | null;
  /** "active", "pending", "queue", "closed", ... */
  status?: string | null;
  closingState?: string | null;
  closedBy?: number | null;
  queueId?: number | null;
  queueOrder?: number | null;
  parentId?: number | null;
  userId?: number | null;
  waitTime?: number | null;
  meta?: unknown;
  dateCreated?: string | null;
  dateUpdated?: string | null;
  dateQueue?: string | null;
  datePending?: string | null;
  dateActive?: string | null;
  dateClosed?: string | null;
  contactId?: number | null;
  contact?: Contact | null;
  /** The newest message of the case (in a thread listing). */
  lastMessage?: Message | null;
  users: Participant[];
}

/** Who to find a case for: an e-mail address or a contact id (exactly one). */
export type ContactTarget = ({ email: string; contactId?: undefined } | { contactId: number; email?: undefined }) & {
  /** Create the contact and a case when there are none (default false). */
  create?: boolean;
  /** Reopen the latest thread when no case is active (default true). */
  reopen?: boolean;
};

/** The case findCase found or opened: send into `case.id`. */
export interface FoundCase {
  case: Case;
  contactId: number;
  /** "active" (the newest active case), "reopened" (a new case in the latest thread) or "created". */
  source: 'active' | 'reopened' | 'created';
  contactCreated: boolean;
}

/** What closing a case answered. */
export interface ClosedCase {
  caseId: number;
  contactId: number | null;
  userId: number | null;
  raw: unknown;
}

/** One invited agent: whether they were online and whether the notification was sent. */
export interface InvitedAgent {
  userId: number;
  online: boolean;
  sent: boolean;
}

/** What inviting into a case answered: each invited agent (a department's too), by id. */
export interface Invitation {
  agents: InvitedAgent[];
  raw: unknown;
}

/** What snoozing a case answered: the snooze, its case, when it elapses (ISO 8601, UTC). */
export interface Snoozed {
  id: number | null;
  caseId: number | null;
  contactId: number | null;
  until: string | null;
  userId: number | null;
  message: string | null;
  raw: unknown;
}

/** Which cases to list. */
export interface CaseListParams {
  contactId?: number;
  status?: string;
  /** Conditions `column|operator|value`, such as "channel|eq|chat". */
  where?: string | string[];
  select?: string | string[];
  relations?: string | string[];
  /** Items per request, 1 to 1000 (default 100). */
  limit?: number;
}

/** `client.contacts`. Each method takes one parameters object and the per-call options. */
export interface Contacts {
  /** The contacts whose e-mail address is exactly this one (ignoring case), by id. */
  findByEmail(params: { email: string }, options?: CallOptions): Promise<Contact[]>;
  /** Contacts whose name, e-mail, phone or other field matches `text`, a page (one request) at a time. */
  search(params: { text: string; limit?: number }, options?: CallOptions): AsyncIterableIterator<Contact>;
  /** Every contact, a page (one request) at a time. */
  list(params?: { limit?: number }, options?: CallOptions): AsyncIterableIterator<Contact>;
  /** One contact with its fields and cases. */
  get(params: { contactId: number }, options?: CallOptions): Promise<Contact>;
  /** Changes a contact: the given fields are merged into its fields; idempotent. */
  update(
    params: { contactId: number; email?: string; name?: string; phone?: string; fields?: Record<string, string> },
    options?: CallOptions,
  ): Promise<Contact>;
  /** Creates a contact; Acquire allows duplicate e-mail addresses (look first with findByEmail). */
  create(
    params: { email?: string; name?: string; phone?: string; fields?: Record<string, string> },
    options?: CallOptions,
  ): Promise<Contact>;
}

/** `client.cases`. Each method takes one parameters object and the per-call options. */
export interface Cases {
  /** The cases that match, a page (one request) at a time; a bad query throws at once. */
  list(params?: CaseListParams, options?: CallOptions): AsyncIterableIterator<Case>;
  /** One case with its contact. */
  get(params: { caseId: number }, options?: CallOptions): Promise<Case>;
  /** Opens a case; with `threadId` it reopens that conversation as a new case. */
  open(
    params: { contactId: number; threadId?: number; message?: string; title?: string; channel?: string },
    options?: CallOptions,
  ): Promise<Case>;
  /** Closes a case. */
  close(params: { caseId: number }, options?: CallOptions): Promise<ClosedCase>;
  /** Invites agents and departments (at least one) into a case; each is notified and can join it. */
  invite(
    params: { caseId: number; agentIds?: Iterable<number>; departmentIds?: Iterable<number> },
    options?: CallOptions,
  ): Promise<Invitation>;
  /** Snoozes a case until `until` (a Date, or "YYYY-MM-DD HH:MM:SS" UTC): a past time is refused before sending. */
  snooze(params: { caseId: number; until: Date | string; message?: string }, options?: CallOptions): Promise<Snoozed>;
}

/** `client.messages`. Each method takes one parameters object and the per-call options. */
export interface Messages {
  /** Corrects a sent message (new text, type, translation); resolves to the stored message with `dateUpdated`. */
  update(
    params: { messageId: number; message: string; type?: 'message' | 'note' | 'event'; translateLangKey?: string },
    options?: CallOptions,
  ): Promise<Message>;
  /** Deletes a message (it cannot be undone); resolves to how many were deleted. */
  delete(params: { messageId: number }, options?: CallOptions): Promise<number>;
  /** Every message of a conversation, newest first (`order: 'oldest'`: a transcript), at most `limit`; one request. */
  list(params: { caseId: number; order?: 'newest' | 'oldest'; limit?: number }, options?: CallOptions): Promise<Message[]>;
  /** The cases of a thread, each with its last message. */
  thread(params: { threadId: number; contactId: number }, options?: CallOptions): Promise<Case[]>;
  /** One stored message. */
  get(params: { messageId: number }, options?: CallOptions): Promise<Message>;
}

/** The agent or contact that sent a message. */
export interface Sender extends Open {
  id: number;
  name?: string | null;
  firstName?: string | null;
  lastName?: string | null;
  photo?: string | null;
  email?: string | null;
  clientId?: string | null;
  parentId?: number | null;
  /** "user" (an agent) or "contact" (`type` on the wire). */
  senderType?: string | null;
  accessLevel?: unknown;
  departments: unknown[];
  roles: unknown[];
  metaDetails?: unknown;
}

/**
 * A stored message, with the API's own field names. Ids are always there; other fields
 * may be null. Numbers the API sent as strings are numbers, "yes"/"no" flags are
 * booleans, timestamps are ISO 8601 UTC strings.
 */
export interface Message extends Open {
  id: number;
  caseId: number;
  threadId?: number | null;
  contactId?: number | null;
  channel?: string | null;
  /** "user" (an agent) or "contact". */
  senderType?: string | null;
  senderId?: number | null;
  /** "message", "note" or "event". */
  type?: string | null;
  seen?: boolean | null;
  message?: string | null;
  meta?: unknown;
  dateCreated?: string | null;
  dateUpdated?: string | null;
  case?: Case | null;
  sender?: Sender | null;
  /** The exact HTTP response body (not enumerable). */
  readonly raw: string;
}

/** What `sendMessages` sends, and how. */
export interface SendMessagesParams {
  /** The messages, each with the parameters of sendMessage. */
  messages: Iterable<SendMessageInput>;
  /** Sends at once (default 8, capped at the client's maxConcurrency). */
  concurrency?: number;
  /** Called on the event loop as items finish. */
  onProgress?: (done: number, total: number) => void;
  /**
   * A journal file: each item is recorded on disk before it is sent and when done, so the
   * same call with the same inputs and file after a crash sends only what is not stored.
   * A journal that cannot be used rejects the call before anything is sent:
   * `JournalInUseError` while another run holds it, `JournalError` for another input's.
   */
  journal?: string;
  /** Stops the batch when aborted: no new item starts; unsent items end in BatchCancelledError. */
  signal?: AbortSignal;
}

/**
 * Where a batch item's result comes from: sent by this run, recorded by an earlier run of
 * the journal (skipped), settled (an earlier run's uncertain send found stored), or not sent.
 */
export type BatchSource = 'sent' | 'recorded' | 'settled' | 'not_sent';

/** The outcome of one item of `sendMessages`, the same shape in every language. */
export type BatchResult = { index: number; source: BatchSource } & (
  | { ok: true; message: Message }
  | { ok: false; error: APIError | InvalidRequestError });

/** A client for the Acquire API; sends run on its own threads, never on the event loop or libuv's pool. */
export declare class Client {
  constructor(options?: ClientOptions);
  /** The base URL requests go to. */
  readonly baseUrl: string;
  /** A copy of this client with some options changed. */
  withOptions(changes: ClientOptions): Client;
  /** Sends a message; rejects with an AcquireError subclass. */
  sendMessage(params: SendMessageInput, options?: CallOptions): Promise<Message>;
  /** Sends many messages; one result per message, in input order. Never rejects for one item's failure. */
  sendMessages(params: SendMessagesParams, options?: CallOptions): Promise<BatchResult[]>;
  /** Find, list, read and create contacts. */
  readonly contacts: Contacts;
  /** List, read, open and close cases. */
  readonly cases: Cases;
  /** Threads and stored messages. */
  readonly messages: Messages;
  /** A request the SDK does not model yet (`path` below /api/v1), with the client's auth, retries, errors and events; resolves to the response's JSON. */
  rawRequest(
    params: { method: 'GET' | 'POST' | 'PUT' | 'DELETE'; path: string; query?: Record<string, string>; body?: unknown; idempotent?: boolean },
    options?: CallOptions,
  ): Promise<unknown>;
  /** Whether a send that failed "may have been delivered" is stored (`since`: when it began, a Date or Unix ms). */
  settle(
    params: Pick<SendMessageInput, 'caseId' | 'message' | 'type' | 'asContactId'> & { since: Date | number },
    options?: CallOptions,
  ): Promise<Settlement>;
  /** The case to write into for a customer (active, else reopened, else created with `create`). */
  findCase(params: ContactTarget, options?: CallOptions): Promise<FoundCase>;
  /** Sends to a customer found by e-mail address or contact id. */
  sendToContact(
    params: ContactTarget & Omit<SendMessageInput, 'caseId' | 'asContactId'>,
    options?: CallOptions,
  ): Promise<Message>;
  toJSON(): { baseUrl: string; apiKey: '***' };
}

/** Sends with a client configured from the environment (created on first use). */
export declare function sendMessage(params: SendMessageInput, options?: CallOptions): Promise<Message>;

/** The customer a webhook is about. */
export interface WebhookContact {
  id: number | null;
  name: string | null;
  email: string | null;
  phone: string | null;
  /** Every field the payload gave for the contact. */
  fields: Record<string, unknown>;
}

/** An agent, bot or customer named by a webhook (v1 events). */
export interface WebhookUser {
  id: string | null;
  name: string | null;
  type: string | null;
  email: string | null;
}

/** A message carried by a webhook. */
export interface WebhookMessage {
  id: number | null;
  channel: string | null;
  senderId: number | null;
  /** "contact" (the customer) or "user" (an agent). */
  senderType: string | null;
  type: string | null;
  /** The text (`message` on the wire, as in a sent message). */
  message: string | null;
  seen: boolean | null;
  /** ISO 8601 (read from ISO, MySQL or JavaScript Date.toString() timestamps). */
  dateCreated: string | null;
  user: WebhookUser | null;
}

/** One webhook delivery: its event name, data and the typed fields the docs show. */
export interface WebhookEvent {
  /** The event name as sent: "case:status", "case:message:new", "CHAT_ON_MESSAGE", ... */
  name: string;
  kind: 'case_status' | 'case_message_new' | 'user_case_invite' | 'user_case_joined'
    | 'chat_on_start' | 'chat_on_accept' | 'chat_on_message' | 'chat_on_close' | 'other';
  generation: 'v1' | 'v2';
  caseId: number | null;
  status: string | null;
  contact: WebhookContact | null;
  /** The agent of a v1 event. */
  user: WebhookUser | null;
  messages: WebhookMessage[];
  /** The newest message written by the customer: what a reply bot answers. */
  lastContactMessage: WebhookMessage | null;
  /** The event's data as sent. */
  data: Record<string, unknown>;
  /** The exact body (not enumerable). */
  readonly raw: string;
}

/** The raw request body: a Buffer as received (express.raw()), a Uint8Array or a string. */
export type WebhookBody = Buffer | Uint8Array | string;

/** Acquire's webhooks: check a delivery's x-acquire-signature and read its event. */
export declare const webhooks: {
  /** "x-acquire-signature". */
  readonly SIGNATURE_HEADER: 'x-acquire-signature';
  /** Throws WebhookSignatureError unless `signature` signs the raw `body` under `secret`. */
  verify(body: WebhookBody, signature: string | undefined | null, secret: string): void;
  /** The x-acquire-signature Acquire would send for `body`. */
  sign(body: WebhookBody, secret: string): string;
  /** Reads a body without checking a signature; throws WebhookPayloadError. */
  parseEvent(body: WebhookBody): WebhookEvent;
  /** verify(), then parseEvent(). */
  constructEvent(body: WebhookBody, signature: string | undefined | null, secret: string): WebhookEvent;
};

/** The package version (the Rust core's). */
export declare const version: string;

/** Base class of every acquire-io error (the tree is Python's: see errors.js). */
export declare class AcquireError extends Error {
  /** The core's stable code: "unauthorized", "timeout", "invalid_request", ... */
  readonly code: string;
}
/** Input or configuration rejected before anything was sent. */
export declare class InvalidRequestError extends AcquireError {
  /** The offending field, by its API name: caseId, message, contactId, apiKey, ... */
  readonly field: string | null;
  /** Always 0: nothing was sent. */
  readonly attempts: 0;
  /** Always false: nothing was sent. */
  readonly mayHaveBeenDelivered: false;
}
/** A webhook delivery that must not be acted on (answer it with 4xx). */
export declare class WebhookError extends AcquireError {}
/** A webhook delivery whose signature does not hold (code: missing_signature, malformed_signature, signature_mismatch, empty_secret). */
export declare class WebhookSignatureError extends WebhookError {}
/** A webhook body that is not an event. */
export declare class WebhookPayloadError extends WebhookError {}
/** A call to Acquire failed. */
export declare class APIError extends AcquireError {
  /** How many HTTP attempts were made (0: nothing was sent). */
  readonly attempts: number;
  /** Whether the message may have reached Acquire (resending could duplicate it). */
  readonly mayHaveBeenDelivered: boolean;
}
/** A non-2xx answer. `message` is the API's message or the status line. */
export declare class APIStatusError extends APIError {
  readonly status: number;
  /** Acquire's error type, such as ERROR_INVALID_INPUT. */
  readonly errorType: string | null;
  /** The raw body (at most 64 KiB). */
  readonly body: string;
  /** Retry-After, in seconds. */
  readonly retryAfter: number | null;
}
/** 400/409/422: the API rejected the input. */
export declare class BadRequestError extends APIStatusError {}
/** 401: the API key is missing, wrong or revoked. */
export declare class AuthenticationError extends APIStatusError {}
/** 403: the API key lacks the permission. */
export declare class PermissionDeniedError extends APIStatusError {}
/** 404: no such endpoint or object. */
export declare class NotFoundError extends APIStatusError {}
/** 429: too many requests. */
export declare class RateLimitError extends APIStatusError {}
/** 5xx: Acquire or a proxy failed. */
export declare class InternalServerError extends APIStatusError {}
/** No complete response: the connection failed or broke. */
export declare class APIConnectionError extends APIError {}
/** A timeout fired in `phase`. */
export declare class APITimeoutError extends APIConnectionError {
  readonly phase: 'connect' | 'send' | 'response' | 'body' | null;
}
/** A 2xx answer whose body was not the expected JSON; the message was delivered. */
export declare class APIResponseValidationError extends APIError {
  readonly status: number;
  readonly body: string;
}
/** No contact has the e-mail address (or the id is unknown); nothing changed. */
export declare class ContactNotFoundError extends APIError {
  readonly query: string | null;
}
/** The contact has no case to write into; pass `create: true`. Nothing changed. */
export declare class CaseNotFoundError extends APIError {
  readonly contactId: number | null;
}
/** Several contacts share the e-mail address; pass one of `contactIds` as `contactId`. Nothing changed. */
export declare class AmbiguousContactError extends APIError {
  readonly query: string | null;
  readonly contactIds: number[];
}
/** The batch journal cannot be used; `field` is its path. */
export declare class JournalError extends APIError {
  readonly field: string | null;
}
/** Another run is using the batch journal (`field` is its path): nothing was sent. */
export declare class JournalInUseError extends JournalError {}
/** The batch was stopped before this item was sent. */
export declare class BatchCancelledError extends APIError {}
/** A resumed batch could not prove whether an earlier run stored this item. */
export declare class UnsettledError extends APIError {}
/** A bug in acquire-io (a panic in its core); the message may have been delivered. */
export declare class InternalError extends APIError {}
