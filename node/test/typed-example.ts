// A typed use of the package, checked by `tsc` (npm run typecheck) in `make test`.
import {
  Client, RateLimitError,
  APIStatusError, WebhookSignatureError, webhooks, AmbiguousContactError, ContactNotFoundError,
  CaseNotFoundError, type Message, type WebhookEvent, type FoundCase,
} from 'acquire-io';
import { MockServer } from 'acquire-io/testing';

export async function notify(client: Client, caseId: number): Promise<string | null> {
  try {
    const msg: Message = await client.sendMessage({ caseId, message: 'Your order shipped', type: 'note' });
    const status: string | null | undefined = msg.case?.status;
    return `${msg.id} ${status ?? 'unknown'} ${msg.raw.length}`;
  } catch (err) {
    if (err instanceof RateLimitError) return `retry in ${err.retryAfter ?? '?'} s`;
    if (err instanceof APIStatusError) return `${err.status} ${err.errorType ?? ''} ${err.message}`;
    throw err;
  }
}

export async function main(): Promise<void> {
  const server = new MockServer();
  const client = new Client({ baseUrl: server.url, apiKey: 'mock-key', timeoutMs: 5000 });
  console.log(await notify(client, 28));
  await client.sendMessage({ caseId: 28, message: 'Hi', asContactId: 5 }, { maxRetries: 0 });
  const results = await client.sendMessages({ messages: [28, 31].map((caseId) => ({ caseId, message: 'Back online' })), concurrency: 4,
    onProgress: (done: number, total: number) => console.log(`${done}/${total}`), });
  for (const result of results) console.log(result.ok ? result.message.id : result.error.mayHaveBeenDelivered);
  server.script({ status: 429, headers: { 'retry-after': '90' } });
  server.stop();
}

export async function onWebhook(client: Client, body: Buffer, signature: string | undefined, secret: string): Promise<number> {
  let event: WebhookEvent;
  try {
    event = webhooks.constructEvent(body, signature, secret);
  } catch (err) {
    if (err instanceof WebhookSignatureError) return 401;
    throw err;
  }
  const text: string | null | undefined = event.lastContactMessage?.message;
  if (event.caseId !== null && text) await client.sendMessage({ caseId: event.caseId, message: `You said: ${text}` });
  return 200;
}

export async function toCustomer(client: Client): Promise<number[]> {
  try {
    const sent: Message = await client.sendToContact({ email: 'ann@example.com', message: 'Your order shipped' });
    const found: FoundCase = await client.findCase({ contactId: 6, create: true });
    const open: number[] = [sent.caseId, found.case.id];
    for await (const c of client.cases.list({ contactId: 5, status: 'active', limit: 50 })) open.push(c.id);
    return open;
  } catch (err) {
    if (err instanceof AmbiguousContactError) return err.contactIds;
    if (err instanceof ContactNotFoundError || err instanceof CaseNotFoundError) return [];
    throw err;
  }
}
