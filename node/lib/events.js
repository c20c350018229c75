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
      // The summary line is written by the core, as the Python logger and `acquire -v` write it.
      if (log) log[event.event === 'finished' ? 'info' : 'debug']?.(event.summary);
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
