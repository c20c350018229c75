'use strict';

/**
 * The errors thrown by acquire-io, in one tree under AcquireError (the same as Python's):
 *
 *   AcquireError                    message, code
 *   ├── InvalidRequestError         bad input or configuration; nothing was sent
 *   ├── WebhookError                WebhookSignatureError, WebhookPayloadError
 *   └── APIError                    a call failed: attempts, mayHaveBeenDelivered
 *       ├── APIStatusError          non-2xx: status, errorType, body, retryAfter
 *       │   └── BadRequestError, AuthenticationError, PermissionDeniedError,
 *       │       NotFoundError, RateLimitError, InternalServerError
 *       ├── APIConnectionError      └── APITimeoutError (phase)
 *       ├── APIResponseValidationError (status, body)
 *       ├── ContactNotFoundError, CaseNotFoundError, AmbiguousContactError
 *       ├── JournalError (→ JournalInUseError), BatchCancelledError, UnsettledError
 *       └── InternalError           a bug in acquire-io
 */
class AcquireError extends Error {
  /** @param {string} message @param {{code?: string}} [fields] */
  constructor(message, { code = 'internal' } = {}) {
    super(message);
    this.name = new.target.name;
    /** The core's stable code: "unauthorized", "timeout", "signature_mismatch", ... */
    this.code = code;
  }
}

/** Input or configuration rejected before anything was sent; `field` names it. Like a
 * failed call it has `attempts` (0) and `mayHaveBeenDelivered` (false). */
class InvalidRequestError extends AcquireError {
  /** @param {string} message @param {{field?: string | null, code?: string}} [fields] */
  constructor(message, { field = null, code = 'invalid_request' } = {}) {
    super(message, { code });
    this.field = field;
    this.attempts = 0;
    this.mayHaveBeenDelivered = false;
  }
}

/** A webhook delivery that must not be acted on (answer it with 4xx). */
class WebhookError extends AcquireError {}

/** The x-acquire-signature does not hold; `code` says why (missing_signature,
 * malformed_signature, signature_mismatch, empty_secret). Answer 401. */
class WebhookSignatureError extends WebhookError {}

/** A webhook body that is not an event (not a JSON object with an `event` name). */
class WebhookPayloadError extends WebhookError {
  constructor(message, { code = 'invalid_payload' } = {}) {
    super(message, { code });
  }
}

/** A call to Acquire failed: `attempts` HTTP attempts were made; `mayHaveBeenDelivered`
 * says whether the message (or change) may have reached Acquire. */
class APIError extends AcquireError {
  constructor(message, { code = 'internal', attempts = 0, mayHaveBeenDelivered = false } = {}) {
    super(message, { code });
    this.attempts = attempts;
    this.mayHaveBeenDelivered = mayHaveBeenDelivered;
  }
}

/** A non-2xx answer: `status`, `errorType`, `message` (the API's), `body`, `retryAfter` (s). */
class APIStatusError extends APIError {
  constructor(message, fields = {}) {
    super(fields.apiMessage ?? message, { code: 'api_error', attempts: 1, ...fields });
    this.status = fields.status ?? null;
    this.errorType = fields.errorType ?? null;
    this.body = fields.body ?? '';
    this.retryAfter = fields.retryAfter ?? null;
  }
}

/** 400/409/422: the API rejected the input. */
class BadRequestError extends APIStatusError {}
/** 401 ERROR_UNAUTHORIZED: the API key is missing, wrong or revoked. */
class AuthenticationError extends APIStatusError {}
/** 403 ERROR_UNAUTHORIZED_ACCESS: the API key lacks the permission. */
class PermissionDeniedError extends APIStatusError {}
/** 404: no such endpoint or object. */
class NotFoundError extends APIStatusError {}
/** 429: too many requests; wait `retryAfter` seconds if given. */
class RateLimitError extends APIStatusError {}
/** 5xx: Acquire or a proxy failed. */
class InternalServerError extends APIStatusError {}

/** No complete response: the connection failed or broke. */
class APIConnectionError extends APIError {}

/** A timeout fired; `phase` is connect, send, response or body. */
class APITimeoutError extends APIConnectionError {
  constructor(message, fields = {}) {
    super(message, { code: 'timeout', ...fields });
    this.phase = fields.phase ?? null;
  }
}

/** A 2xx answer whose body is not the expected JSON; the message was delivered. */
class APIResponseValidationError extends APIError {
  constructor(message, fields = {}) {
    super(message, { code: 'decode', mayHaveBeenDelivered: true, ...fields });
    this.status = fields.status ?? null;
    this.body = fields.body ?? '';
  }
}

/** No contact has the e-mail address (or the id is unknown); `query` says what was looked up. Nothing changed. */
class ContactNotFoundError extends APIError {
  constructor(message, fields = {}) {
    super(message, { code: 'contact_not_found', ...fields });
    this.query = fields.query ?? null;
  }
}

/** The contact (`contactId`) has no case to write into; pass `create: true` to open one. Nothing changed. */
class CaseNotFoundError extends APIError {
  constructor(message, fields = {}) {
    super(message, { code: 'case_not_found', ...fields });
    this.contactId = fields.contactId ?? null;
  }
}

/** Several contacts (`contactIds`) share the e-mail address (`query`); pass one as `contactId`. Nothing changed. */
class AmbiguousContactError extends APIError {
  constructor(message, fields = {}) {
    super(message, { code: 'ambiguous_contact', ...fields });
    this.query = fields.query ?? null;
    this.contactIds = fields.contactIds ?? [];
  }
}

/** The batch journal cannot be used (another input's, damaged, not writable); `field` is its path. */
class JournalError extends APIError {
  constructor(message, fields = {}) {
    super(message, { code: 'journal', ...fields });
    this.field = fields.field ?? null;
  }
}

/** Another run is using the batch journal (`field` is its path): nothing was sent. Wait for it, or stop it. */
class JournalInUseError extends JournalError {
  constructor(message, fields = {}) {
    super(message, { code: 'journal_in_use', ...fields });
  }
}

/** The batch was stopped (aborted) before this item was sent; nothing was sent for it. */
class BatchCancelledError extends APIError {
  constructor(message, fields = {}) {
    super(message, { code: 'cancelled', ...fields });
  }
}

/** A resumed batch could not prove whether an earlier run stored this item; it was not sent again. */
class UnsettledError extends APIError {
  constructor(message, fields = {}) {
    super(message, { code: 'unsettled', mayHaveBeenDelivered: true, ...fields });
  }
}

/** A bug in acquire-io (a panic in its Rust core, reported instead of crashing); the message may have been delivered. */
class InternalError extends APIError {
  constructor(message, fields = {}) {
    super(message, { code: 'internal', mayHaveBeenDelivered: true, ...fields });
  }
}

const CLASSES = {
  invalid_request: InvalidRequestError,
  invalid_config: InvalidRequestError,
  bad_request: BadRequestError,
  unauthorized: AuthenticationError,
  forbidden: PermissionDeniedError,
  not_found: NotFoundError,
  rate_limited: RateLimitError,
  server_error: InternalServerError,
  api_error: APIStatusError,
  timeout: APITimeoutError,
  connection: APIConnectionError,
  decode: APIResponseValidationError,
  empty_secret: WebhookSignatureError,
  missing_signature: WebhookSignatureError,
  malformed_signature: WebhookSignatureError,
  signature_mismatch: WebhookSignatureError,
  invalid_payload: WebhookPayloadError,
  contact_not_found: ContactNotFoundError,
  case_not_found: CaseNotFoundError,
  ambiguous_contact: AmbiguousContactError,
  journal: JournalError,
  journal_in_use: JournalInUseError,
  cancelled: BatchCancelledError,
  unsettled: UnsettledError,
};

/** The error class instance for the core's error fields. */
function fromFields(fields) {
  const Class = CLASSES[fields.code] ?? InternalError;
  return new Class(fields.message, fields);
}

/** Rebuilds a native failure (its message is the JSON of the core's error fields). */
function fromNative(err) {
  let fields;
  try {
    fields = JSON.parse(err.message);
  } catch {
    return err;
  }
  if (fields === null || typeof fields !== 'object' || typeof fields.code !== 'string') return err;
  return fromFields(fields);
}

module.exports = {
  AcquireError,
  InvalidRequestError,
  WebhookError,
  APIError,
  APIStatusError,
  BadRequestError,
  AuthenticationError,
  PermissionDeniedError,
  NotFoundError,
  RateLimitError,
  InternalServerError,
  APIConnectionError,
  APITimeoutError,
  APIResponseValidationError,
  WebhookSignatureError,
  WebhookPayloadError,
  ContactNotFoundError,
  CaseNotFoundError,
  AmbiguousContactError,
  JournalError,
  JournalInUseError,
  BatchCancelledError,
  UnsettledError,
  InternalError,
  fromFields,
  fromNative,
};
