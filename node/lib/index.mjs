// ES module entry: the same API as the CommonJS one.
import cjs from './index.js';

export const {
  Client,
  sendMessage,
  webhooks,
  version,
  EVENT_CHANNEL,
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
  BatchCancelledError,
  UnsettledError,
  InternalError,
} = cjs;
export default cjs;
