//! A connection whose next write can be turned into a close or a reset, so a handler can
//! drop the connection without answering — something a correct HTTP server never does.

use std::io;
use std::pin::Pin;
use std::sync::Arc;
use std::sync::atomic::{AtomicU8, Ordering};
use std::task::{Context, Poll};

use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::net::TcpStream;

const NORMAL: u8 = 0;
const CLOSE: u8 = 1;
const RESET: u8 = 2;

/// Shared between a connection and its request handlers.
#[derive(Debug, Default)]
pub(crate) struct ConnectionControl(AtomicU8);

impl ConnectionControl {
    /// The next write closes the connection (FIN) instead of answering.
    pub fn close_on_next_write(&self) {
        self.0.store(CLOSE, Ordering::SeqCst);
    }

    /// The next write resets the connection (RST) instead of answering.
    pub fn reset_on_next_write(&self) {
        self.0.store(RESET, Ordering::SeqCst);
    }
}

/// A TCP stream that obeys its [`ConnectionControl`].
pub(crate) struct FaultyIo {
    stream: TcpStream,
    control: Arc<ConnectionControl>,
}

impl FaultyIo {
    pub fn new(stream: TcpStream, control: Arc<ConnectionControl>) -> Self {
        FaultyIo { stream, control }
    }
}

impl AsyncRead for FaultyIo {
    fn poll_read(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        Pin::new(&mut self.get_mut().stream).poll_read(cx, buf)
    }
}

impl AsyncWrite for FaultyIo {
    fn poll_write(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        let this = self.get_mut();
        match this.control.0.load(Ordering::SeqCst) {
            NORMAL => Pin::new(&mut this.stream).poll_write(cx, buf),
            CLOSE => {
                // Send FIN; the error makes the HTTP layer drop the connection.
                let _ = std::task::ready!(Pin::new(&mut this.stream).poll_shutdown(cx));
                Poll::Ready(Err(io::ErrorKind::BrokenPipe.into()))
            }
            _ => {
                // With a zero linger, dropping the socket sends RST.
                let _ = this.stream.set_zero_linger();
                Poll::Ready(Err(io::ErrorKind::ConnectionReset.into()))
            }
        }
    }

    fn poll_flush(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.get_mut().stream).poll_flush(cx)
    }

    fn poll_shutdown(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.get_mut().stream).poll_shutdown(cx)
    }
}
