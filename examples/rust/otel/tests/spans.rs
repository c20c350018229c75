//! A send through the example's subscriber exports one OpenTelemetry client span with the
//! HTTP client attributes, and none of them holds the key or the text.

use acquire_core::{Client, SendMessage};
use acquire_mock::{MockServer, Step};
use acquire_otel_example::{subscriber, tracer_provider};
use opentelemetry::Value;
use opentelemetry::trace::SpanKind;
use opentelemetry_sdk::trace::InMemorySpanExporter;

#[test]
fn a_send_exports_one_client_span() {
    let server = MockServer::start().unwrap();
    server.script([Step::status(429)]);
    let exporter = InMemorySpanExporter::default();
    let provider = tracer_provider(exporter.clone());
    let client = Client::builder()
        .api_key("mock-key")
        .base_url(server.url())
        .build()
        .unwrap();

    let sent = tracing::subscriber::with_default(subscriber(&provider), || {
        client.send_message(&SendMessage::new(28, "A private note"))
    });
    sent.unwrap();

    let spans = exporter.get_finished_spans().unwrap();
    assert_eq!(spans.len(), 1, "{spans:?}");
    let span = &spans[0];
    assert_eq!(span.name, "POST /crm/messenger/chat/add-message");
    assert_eq!(span.span_kind, SpanKind::Client);
    let attribute = |key: &str| {
        span.attributes
            .iter()
            .find(|kv| kv.key.as_str() == key)
            .map(|kv| kv.value.clone())
    };
    assert_eq!(attribute("http.request.method"), Some("POST".into()));
    assert_eq!(attribute("server.address"), Some("127.0.0.1".into()));
    assert_eq!(
        attribute("url.path"),
        Some("/crm/messenger/chat/add-message".into())
    );
    assert_eq!(attribute("acquire.case_id"), Some(Value::I64(28)));
    assert_eq!(attribute("http.request.resend_count"), Some(Value::I64(1)));
    assert_eq!(
        attribute("http.response.status_code"),
        Some(Value::I64(200))
    );
    assert_eq!(
        attribute("acquire.may_have_been_delivered"),
        Some(Value::Bool(false))
    );
    assert_eq!(
        span.events.len(),
        3,
        "two attempts and a retry: {:?}",
        span.events
    );
    let told = format!("{span:?}");
    assert!(!told.contains("mock-key") && !told.contains("A private note"));
}
