//! The native addon of the `acquire-io` npm package: converts JavaScript arguments into
//! acquire-core calls and results back. Network calls run on the client's own threads; the
//! idiomatic API (error classes, types) lives in the package's JavaScript layer.
//!
//! Failures reach JavaScript as `Error`s whose message is the JSON of
//! [`acquire_core::ErrorFields`] (napi cannot carry custom error data through an async
//! task), which the JavaScript layer turns into its error classes.

mod client;
mod events;
mod failure;
mod mock;
mod read;
mod settle;
mod stop;
pub mod webhooks;

/// The version of the Rust core this addon was built from.
#[napi_derive::napi]
pub const VERSION: &str = env!("CARGO_PKG_VERSION");

/// The core's default batch concurrency.
#[napi_derive::napi]
pub const DEFAULT_BATCH_CONCURRENCY: u32 = acquire_core::DEFAULT_BATCH_CONCURRENCY as u32;
