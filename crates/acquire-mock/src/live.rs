//! Live updates for the inbox: `GET /__mock/events`, a Server-Sent Events stream that says
//! `change` (with the state's version) whenever a request, message, webhook attempt, case
//! or script changes; bursts are coalesced, so 5,000 sends are a handful of events.

use std::time::Duration;

use bytes::Bytes;
use http_body_util::BodyExt;
use http_body_util::channel::Channel;
use hyper::body::Frame;
use hyper::header::{CACHE_CONTROL, HeaderValue};
use tokio::sync::watch;

use crate::shared::{Body, bytes_response};

/// How often an idle stream sends a comment, so proxies and browsers keep it open.
const KEEP_ALIVE: Duration = Duration::from_secs(15);
/// The least time between two `change` events of one stream.
const COALESCE: Duration = Duration::from_millis(50);

/// The stream of `change` events for one page.
pub(crate) fn events(mut changes: watch::Receiver<u64>) -> hyper::Response<Body> {
    let (mut sender, channel) = Channel::<Bytes, std::io::Error>::new(4);
    tokio::spawn(async move {
        let mut version = *changes.borrow_and_update();
        let mut frame = format!("retry: 1000\nevent: change\ndata: {version}\n\n");
        loop {
            if sender.send(Frame::data(Bytes::from(frame))).await.is_err() {
                return; // the page went away
            }
            frame = match tokio::time::timeout(KEEP_ALIVE, changes.changed()).await {
                Ok(Ok(())) => {
                    tokio::time::sleep(COALESCE).await;
                    version = *changes.borrow_and_update();
                    format!("event: change\ndata: {version}\n\n")
                }
                Ok(Err(_)) => return, // the server stopped
                Err(_) => ": keep-alive\n\n".to_owned(),
            };
        }
    });
    let mut response = bytes_response(200, "text/event-stream", Bytes::new());
    *response.body_mut() = channel.boxed();
    response
        .headers_mut()
        .insert(CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}
