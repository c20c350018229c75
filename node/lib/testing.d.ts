/** Run the local Acquire server inside a Node test. */

/** One scripted answer; the fields and faults: docs/local-server.md. */
export interface ScriptStep {
  status?: number;
  headers?: Record<string, string>;
  body?: string;
  delayMs?: number;
  fault?: 'stall' | 'close' | 'reset' | 'truncate' | 'drip' | 'html' | 'empty' | 'invalidUtf8' | 'large';
  store?: boolean;
  dripMs?: number;
  sizeMiB?: number;
  /** Only the send whose message text is exactly this takes the step. */
  forText?: string;
  /** Only the next send to this case takes the step. */
  forCase?: number;
  /** Only the next request below /api/v1 whose path starts with this takes the step. */
  forPath?: string;
}

/** One webhook delivery attempt. */
export interface WebhookDelivery {
  /** The attempts of one delivery share this number. */
  delivery: number;
  url: string;
  event: string;
  attempt: number;
  /** The endpoint's status; null when it could not be reached. */
  status: number | null;
  error: string | null;
  time: string;
  elapsedMs: number;
  body: string;
  signature: string;
}

/** One request the server received. */
export interface JournalEntry {
  connection: number;
  method: string;
  path: string;
  /** [name, value] pairs; Authorization is masked as "Bearer ***". */
  headers: [string, string][];
  body: string;
  time: string;
  status: number | null;
  /** The body answered; null when a fault sent no answer. */
  response: string | null;
  latencyUs: number;
  stored: boolean;
  fault: ScriptStep['fault'] | null;
}

export interface MockServerOptions {
  host?: string;
  port?: number;
  /** API keys and cases, in the shape of crates/acquire-mock/fixtures/default.json. */
  fixtures?: unknown;
  /** Answer every valid send with the same message, storing nothing. */
  static?: boolean;
  /** POST signed webhooks (case:message:new, case:status) to this URL. */
  webhookUrl?: string;
  /** The HMAC key of those webhooks. */
  webhookSecret?: string;
}

/** A local Acquire-compatible server (127.0.0.1, a free port). */
export declare class MockServer {
  constructor(options?: MockServerOptions);
  readonly url: string;
  /** The web inbox (the base URL's page `/`): open it to watch a paused test. */
  readonly inboxUrl: string;
  requests(): JournalEntry[];
  messages(): Record<string, unknown>[];
  script(...steps: (ScriptStep | ScriptStep[])[]): void;
  /** Totals since the start or the last reset (lists keep the newest 100,000). */
  stats(): { requests: number; stored: number };
  /** Sends webhooks to `url` signed with `secret` from now on (no url: stop). */
  setWebhook(url?: string, secret?: string): void;
  /** Every webhook delivery attempt. */
  webhooks(): WebhookDelivery[];
  /** Adds a contact with these fields ({ email, name, ... }); returns it with its id. */
  addContact(fields: Record<string, string>): Record<string, unknown> & { id: number };
  /** Adds `count` cases with `status` (default active) for a contact; returns their ids. */
  addCases(contactId: number, options?: { status?: string; count?: number }): number[];
  /** Speaks as the case's customer (sends the signed case:message:new webhook); the stored message. */
  contactMessage(caseId: number, text: string): Record<string, unknown>;
  /** Sets a case's status (sends the signed case:status webhook); the case. */
  setCaseStatus(caseId: number, status: string): Record<string, unknown>;
  reset(): void;
  stop(): void;
}

/** The default fixtures' API key with chat permission. */
export declare const MOCK_API_KEY: 'mock-key';
