'use strict';

// The client's events (every request, attempt, retry and finished call, from the Rust core)
// to the `onEvent` option, a `logger` (console-compatible; ACQUIRE_LOG=info|debug without
// code) and the `acquire-io:event` channel of node:diagnostics_channel. They carry the
// method, path, ids, statuses, error codes and timings, never the key, a text or a body.

const diagnostics = require('node:diagnostics_channel');

/** The diagnostics channel every event is published on. */
const EVENT_CHANNEL = 'acquire-io:event';
const channel = diagnostics.channel(EVENT_CHANNEL);

/** A console logger at the level ACQUIRE_LOG names, or undefined. */
function envLogger() {
  const level = (process.env.ACQUIRE_LOG ?? '').trim().toLowerCase();
  if (level !== 'info' && level !== 'debug') return undefined;
  return {
    debug: level === 'debug' ? (line) => console.error(`acquire-io debug ${line}`) : () => {},
    info: (line) => console.error(`acquire-io info ${line}`),
  };
}

/** ` body <text>` when the client logs bodies (`logBodies: true`), else nothing. */
function body(event) {
  return event.body === undefined ? '' : ` body ${event.body}`;
}

/** The logger level and line of an event. */
function describe(event) {
  switch (event.event) {
    case 'finished': {
      let outcome = event.error ?? 'ok';
      if (event.error && event.mayHaveBeenDelivered) outcome += ', may have been delivered';
      const ms = event.elapsedMs.toFixed(1);
      return ['info', `${event.method} ${event.path}: ${outcome} (status ${event.status}) after ${event.attempts} attempt(s), ${ms} ms`];
    }
    case 'request':
      return ['debug', `${event.method} ${event.path} attempt ${event.attempt}${body(event)}`];
    case 'response':
      return ['debug', `attempt ${event.attempt}: status ${event.status}, error ${event.error}, phase ${event.phase} (${event.elapsedMs.toFixed(1)} ms)${body(event)}`];
    case 'retry':
      return ['debug', `retrying in ${event.delayMs.toFixed(0)} ms (${event.reason})`];
    default:
      return ['debug', JSON.stringify(event)];
  }
}

/**
 * The callback the native client gets for these options, or undefined when nothing wants
 * events (no hook, no logger, ACQUIRE_LOG unset, no tracer provider, no channel subscriber
 * as the client is built), so that they cost nothing. A throwing hook is reported once and never breaks a call.
 * @param {((event: object) => void) | undefined} onEvent
 * @param {{ debug?: (line: string) => void, info?: (line: string) => void } | undefined} logger
 * @param {{ record: (event: any) => void } | undefined} spans OpenTelemetry spans (./otel.js)
 */
function eventCallback(onEvent, logger, spans) {
  const log = logger ?? envLogger();
  if (onEvent === undefined && log === undefined && spans === undefined && !channel.hasSubscribers) return undefined;
  let threw = false;
  return (/** @type {string} */ text) => {
    const event = JSON.parse(text);
    try {
      spans?.record(event);
      if (log) {
        const [level, line] = describe(event);
        log[level]?.(line);
      }
      if (channel.hasSubscribers) channel.publish(event);
      onEvent?.(event);
    } catch (err) {
      if (!threw) {
        threw = true;
        process.emitWarning(`acquire-io: an event hook threw ${err instanceof Error ? err.name : typeof err}; the call went on (reported once)`);
      }
    }
  };
}

module.exports = { EVENT_CHANNEL, eventCallback };
