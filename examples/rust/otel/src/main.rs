//! Sends one message with every span printed by OpenTelemetry's stdout exporter.
//!
//! Run against the local server (`acquire mock` prints its URL):
//! `ACQUIRE_API_KEY=mock-key ACQUIRE_BASE_URL=http://127.0.0.1:PORT cargo run -p acquire-otel-example`

use acquire_core::{Client, SendMessage};
use acquire_otel_example::{subscriber, tracer_provider};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    // In an application: an OTLP exporter (opentelemetry-otlp) instead of stdout.
    let provider = tracer_provider(opentelemetry_stdout::SpanExporter::default());
    tracing::subscriber::set_global_default(subscriber(&provider))?;

    let client = Client::from_env()?;
    let sent = client.send_message(&SendMessage::new(28, "Hello, traced"))?;
    println!("message {} in case {}", sent.id, sent.case_id);

    provider.shutdown()?; // flushes the spans
    Ok(())
}
