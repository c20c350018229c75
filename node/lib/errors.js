'use strict';

/**
 * The errors thrown by acquire-io, in one hierarchy under AcquireError.
 * `code` is the core's stable error code, `attempts` how many HTTP attempts were made,
 * `mayHaveBeenDelivered` whether the message may have reached Acquire.
 */
class AcquireError extends Error {
  constructor(message, fields = {}) {
    super(message);
    this.name = new.target.name;
    this.code = fields.code ?? 'internal';
    this.attempts = fields.attempts ?? 0;
    this.mayHaveBeenDelivered = fields.mayHaveBeenDelivered ?? false;
  }
}

/** Input or configuration rejected before anything was sent; `field` names it. */
class InvalidRequestError extends AcquireError {
  constructor(message, fields = {}) {
    super(message, fields);
    this.field = fields.field ?? null;
  }
}

/** A non-2xx answer: `status`, `errorType`, `message` (the API's), `body`, `retryAfter` (s). */
class APIError extends AcquireError {
  constructor(message, fields = {}) {
    super(fields.apiMessage ?? message, fields);
    this.status = fields.status ?? null;
    this.errorType = fields.errorType ?? null;
    this.body = fields.body ?? '';
    this.retryAfter = fields.retryAfter ?? null;
  }
}

/** 400/409/422: the API rejected the input. */
class BadRequestError extends APIError {}
/** 401 ERROR_UNAUTHORIZED: the API key is missing, wrong or revoked. */
class AuthenticationError extends APIError {}
/** 403 ERROR_UNAUTHORIZED_ACCESS: the API key lacks the permission. */
class PermissionDeniedError extends APIError {}
/** 404: no such endpoint or object. */
class NotFoundError extends APIError {}
/** 429: too many requests; wait `retryAfter` seconds if given. */
class RateLimitError extends APIError {}
/** 5xx: Acquire or a proxy failed. */
class ServerError extends APIError {}

/** No complete response: the connection failed or broke. */
class APIConnectionError extends AcquireError {}

/** A timeout fired; `phase` is connect, send, response or body. */
class APITimeoutError extends APIConnectionError {
  constructor(message, fields = {}) {
    super(message, fields);
    this.phase = fields.phase ?? null;
  }
}

/** A 2xx answer whose body is not the expected JSON; the message was delivered. */
class APIResponseValidationError extends AcquireError {
  constructor(message, fields = {}) {
    super(message, fields);
    this.status = fields.status ?? null;
    this.body = fields.body ?? '';
  }
}

/** A webhook delivery whose x-acquire-signature does not hold; `code` says why
 * (missing_signature, malformed_signature, signature_mismatch, empty_secret). */
class WebhookSignatureError extends AcquireError {}

/** A webhook body that is not an event (not a JSON object with an `event` name). */
class WebhookPayloadError extends AcquireError {}

/** No contact has the e-mail address (or the id is unknown); `query` says what was looked up. Nothing changed. */
class ContactNotFoundError extends AcquireError {
  constructor(message, fields = {}) {
    super(message, fields);
    this.query = fields.query ?? null;
  }
}

/** The contact (`contactId`) has no case to write into; pass `create: true` to open one. Nothing changed. */
class CaseNotFoundError extends AcquireError {
  constructor(message, fields = {}) {
    super(message, fields);
    this.contactId = fields.contactId ?? null;
  }
}

/** Several contacts (`contactIds`) share the e-mail address (`query`); pass one as `contactId`. Nothing changed. */
class AmbiguousContactError extends AcquireError {
  constructor(message, fields = {}) {
    super(message, fields);
    this.query = fields.query ?? null;
    this.contactIds = fields.contactIds ?? [];
  }
}

/** The batch journal cannot be used (another input's, damaged, not writable); `field` is its path. */
class JournalError extends AcquireError {
  constructor(message, fields = {}) {
    super(message, fields);
    this.field = fields.field ?? null;
  }
}

/** The batch was stopped (aborted) before this item was sent; nothing was sent for it. */
class BatchCancelledError extends AcquireError {}

/** A resumed batch could not prove whether an earlier run stored this item; it was not sent again. */
class UnsettledError extends AcquireError {}

const CLASSES = {
  invalid_request: InvalidRequestError,
  invalid_config: InvalidRequestError,
  bad_request: BadRequestError,
  unauthorized: AuthenticationError,
  forbidden: PermissionDeniedError,
  not_found: NotFoundError,
  rate_limited: RateLimitError,
  server_error: ServerError,
  api_error: APIError,
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
  cancelled: BatchCancelledError,
  unsettled: UnsettledError,
};

/** The error class instance for the core's error fields. */
function fromFields(fields) {
  const Class = CLASSES[fields.code] ?? AcquireError;
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
  APIError,
  BadRequestError,
  AuthenticationError,
  PermissionDeniedError,
  NotFoundError,
  RateLimitError,
  ServerError,
  APIConnectionError,
  APITimeoutError,
  APIResponseValidationError,
  WebhookSignatureError,
  WebhookPayloadError,
  ContactNotFoundError,
  CaseNotFoundError,
  AmbiguousContactError,
  JournalError,
  BatchCancelledError,
  UnsettledError,
  fromFields,
  fromNative,
};
