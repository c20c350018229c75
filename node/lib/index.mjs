// ES module entry: the same API as the CommonJS one.
import cjs from './index.js';

export const {
  Client,
  sendMessage,
  webhooks,
  version,
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
} = cjs;
export default cjs;
