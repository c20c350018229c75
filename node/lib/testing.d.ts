/** Run the local Acquire server inside a Node test. */

/** One scripted answer; see the README for the fields and faults. */
export interface ScriptStep {
  status?: number;
  headers?: Record<string, string>;
  body?: string;
  delayMs?: number;
  fault?: 'stall' | 'close' | 'reset' | 'truncate' | 'drip' | 'html' | 'empty' | 'invalidUtf8' | 'large';
  store?: boolean;
  dripMs?: number;
  sizeMiB?: number;
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
}

/** A local Acquire-compatible server (127.0.0.1, a free port). */
export declare class MockServer {
  constructor(options?: MockServerOptions);
  readonly url: string;
  requests(): JournalEntry[];
  messages(): Record<string, unknown>[];
  script(...steps: (ScriptStep | ScriptStep[])[]): void;
  reset(): void;
  stop(): void;
}

/** The default fixtures' API key with chat permission. */
export declare const MOCK_API_KEY: 'mock-key';
