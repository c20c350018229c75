//! A raw-socket HTTP/1.1 server for faults a correct HTTP server cannot produce:
//! closing or stalling after reading a request, answering slowly, counting connections.

#![allow(dead_code)]

use std::collections::VecDeque;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{Shutdown, TcpListener, TcpStream};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::Duration;

/// What the server does with one request.
#[derive(Clone, Debug)]
pub enum Reply {
    /// Answer with this status, extra headers and body (keep-alive).
    Respond(u16, Vec<(&'static str, String)>, String),
    /// Wait, then do the inner reply.
    After(Duration, Box<Reply>),
    /// Close the connection without answering.
    Close,
    /// Never answer (the connection is closed when the test ends).
    Stall,
}

/// One request as it arrived.
#[derive(Clone, Debug)]
pub struct Recorded {
    /// Which connection (0, 1, …) carried it.
    pub connection: usize,
    /// The request line's method.
    pub method: String,
    /// The request target (path and query).
    pub target: String,
    /// Header names (lowercased) and values, in order.
    pub headers: Vec<(String, String)>,
    /// The body bytes.
    pub body: Vec<u8>,
}

impl Recorded {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }
}

pub struct RawServer {
    pub url: String,
    script: Arc<Mutex<VecDeque<Reply>>>,
    recorded: Arc<Mutex<Vec<Recorded>>>,
    connections: Arc<AtomicUsize>,
}

/// The body of a successful send, as in the API docs.
pub fn ok_body(id: i64) -> String {
    format!(r#"{{"data":{{"id":{id},"caseId":28,"type":"message","message":"hi"}}}}"#)
}

impl RawServer {
    /// Starts on 127.0.0.1:0; requests beyond the script get `200 ok_body(1)`.
    pub fn start(script: Vec<Reply>) -> RawServer {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let url = format!("http://{}", listener.local_addr().unwrap());
        let server = RawServer {
            url,
            script: Arc::new(Mutex::new(script.into())),
            recorded: Arc::default(),
            connections: Arc::default(),
        };
        let (script, recorded, connections) = (
            server.script.clone(),
            server.recorded.clone(),
            server.connections.clone(),
        );
        thread::spawn(move || {
            for stream in listener.incoming() {
                let Ok(stream) = stream else { return };
                let id = connections.fetch_add(1, Ordering::SeqCst);
                let (script, recorded) = (script.clone(), recorded.clone());
                thread::spawn(move || serve(stream, id, script, recorded));
            }
        });
        server
    }

    pub fn requests(&self) -> Vec<Recorded> {
        self.recorded.lock().unwrap().clone()
    }

    pub fn connections(&self) -> usize {
        self.connections.load(Ordering::SeqCst)
    }
}

fn serve(
    stream: TcpStream,
    connection: usize,
    script: Arc<Mutex<VecDeque<Reply>>>,
    recorded: Arc<Mutex<Vec<Recorded>>>,
) {
    let mut reader = BufReader::new(stream.try_clone().unwrap());
    let mut writer = stream;
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).unwrap_or(0) == 0 {
            return;
        }
        let mut parts = line.split_whitespace();
        let method = parts.next().unwrap_or_default().to_owned();
        let target = parts.next().unwrap_or_default().to_owned();
        let mut headers = Vec::new();
        loop {
            let mut h = String::new();
            if reader.read_line(&mut h).unwrap_or(0) == 0 {
                return;
            }
            let h = h.trim_end();
            if h.is_empty() {
                break;
            }
            let (n, v) = h.split_once(':').unwrap();
            headers.push((n.to_ascii_lowercase(), v.trim().to_owned()));
        }
        let len = headers
            .iter()
            .find(|(n, _)| n == "content-length")
            .map_or(0, |(_, v)| v.parse().unwrap());
        let mut body = vec![0; len];
        if reader.read_exact(&mut body).is_err() {
            return;
        }
        recorded.lock().unwrap().push(Recorded {
            connection,
            method,
            target,
            headers,
            body,
        });
        let reply = script.lock().unwrap().pop_front();
        let reply = reply.unwrap_or_else(|| Reply::Respond(200, vec![], ok_body(1)));
        if !act(&mut writer, reply) {
            return;
        }
    }
}

/// Carries out a reply; false when the connection is finished.
fn act(writer: &mut TcpStream, reply: Reply) -> bool {
    match reply {
        Reply::Respond(status, headers, body) => {
            let mut head = format!("HTTP/1.1 {status} X\r\ncontent-length: {}\r\n", body.len());
            for (n, v) in headers {
                head.push_str(&format!("{n}: {v}\r\n"));
            }
            head.push_str("\r\n");
            writer.write_all(head.as_bytes()).is_ok() && writer.write_all(body.as_bytes()).is_ok()
        }
        Reply::After(wait, inner) => {
            thread::sleep(wait);
            act(writer, *inner)
        }
        Reply::Close => {
            let _ = writer.shutdown(Shutdown::Both);
            false
        }
        Reply::Stall => {
            thread::sleep(Duration::from_secs(30));
            false
        }
    }
}
