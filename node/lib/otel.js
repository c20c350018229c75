'use strict';

// OpenTelemetry client spans, when @opentelemetry/api is installed (an optional peer
// dependency) and a tracer provider is registered as the client is built. A span begins
// when a method is called (a child of the active context) and is named after its first
// request; the client's events of that call (they carry its number) fill in the HTTP
// client attributes, and it ends when the call settles. No key, text or body is recorded.

/** Time allowed after a call settles for its last events, which come on their own queue. */
const LATE_EVENTS_MS = 20;

/** The @opentelemetry/api module, or undefined. */
function loadApi() {
  try {
    return require('@opentelemetry/api');
  } catch {
    return undefined;
  }
}

class CallSpans {
  #api;
  #tracer;
  /** @type {Map<number, { span: any, requests: number }>} */
  #open = new Map();
  /** The host requests go to (`server.address`). */
  serverAddress = '';

  constructor(api, tracer) {
    this.#api = api;
    this.#tracer = tracer;
  }

  /** Begins the span of native call `call` (of the method `name`), just made. */
  begin(call, name) {
    const span = this.#tracer.startSpan(`acquire-io ${name}`, {
      kind: this.#api.SpanKind.CLIENT,
      attributes: { 'server.address': this.serverAddress },
    }, this.#api.context.active());
    this.#open.set(call, { span, requests: 0 });
  }

  /** Records one of the client's events on its call's span. */
  record(event) {
    const entry = this.#open.get(event.call);
    if (entry === undefined) return;
    const { span } = entry;
    if (event.event === 'request' && event.attempt === 1 && entry.requests++ === 0) {
      span.updateName(`${event.method} ${event.path}`);
      span.setAttributes({ 'http.request.method': event.method, 'url.path': event.path });
      if (event.caseId !== null) span.setAttribute('acquire.case_id', event.caseId);
    } else if (event.event === 'retry') {
      span.addEvent('retry', { 'delay_ms': event.delayMs, reason: event.reason });
    } else if (event.event === 'finished') {
      span.setAttributes({
        'http.request.resend_count': event.attempts - 1,
        'acquire.may_have_been_delivered': event.mayHaveBeenDelivered,
      });
      if (event.status !== null) span.setAttribute('http.response.status_code', event.status);
      if (event.error !== null) {
        span.setAttribute('error.type', event.error);
        span.setStatus({ code: this.#api.SpanStatusCode.ERROR });
      }
    }
  }

  /** Ends the span of call `call`, settled now (`error` if it failed before any request). */
  end(call, error) {
    const entry = this.#open.get(call);
    if (entry === undefined) return;
    const endTime = performance.timeOrigin + performance.now();
    setTimeout(() => {
      this.#open.delete(call);
      if (error !== undefined && entry.requests === 0) {
        entry.span.setAttribute('error.type', error.code ?? 'error');
        entry.span.setStatus({ code: this.#api.SpanStatusCode.ERROR });
      }
      entry.span.end(endTime);
    }, LATE_EVENTS_MS).unref();
  }
}

/** The client's span recorder, or undefined when nothing would record spans (no cost). */
function callSpans(version) {
  const api = loadApi();
  if (api === undefined) return undefined;
  /** @type {any} the global provider: a proxy whose delegate is set once one is registered */
  const provider = api.trace.getTracerProvider();
  const tracer = typeof provider.getDelegateTracer === 'function'
    ? provider.getDelegateTracer('acquire-io', version) // undefined until a provider is registered
    : provider.getTracer('acquire-io', version);
  return tracer === undefined ? undefined : new CallSpans(api, tracer);
}

module.exports = { callSpans };
