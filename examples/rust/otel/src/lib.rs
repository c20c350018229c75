//! Routes acquire-core's `tracing` spans to OpenTelemetry with `tracing-opentelemetry`:
//! each call becomes one client span named after the request (`POST
//! /crm/messenger/chat/add-message`), with OpenTelemetry's HTTP client attributes.

use opentelemetry::trace::TracerProvider as _;
use opentelemetry_sdk::trace::{SdkTracerProvider, SpanExporter};
use tracing_subscriber::layer::SubscriberExt;

/// A tracer provider that hands every finished span to `exporter` as it ends.
pub fn tracer_provider(exporter: impl SpanExporter + 'static) -> SdkTracerProvider {
    SdkTracerProvider::builder()
        .with_simple_exporter(exporter)
        .build()
}

/// A `tracing` subscriber that turns spans into OpenTelemetry spans of `provider`.
pub fn subscriber(provider: &SdkTracerProvider) -> impl tracing::Subscriber + Send + Sync {
    let tracer = provider.tracer("acquire-otel-example");
    tracing_subscriber::registry().with(tracing_opentelemetry::layer().with_tracer(tracer))
}
