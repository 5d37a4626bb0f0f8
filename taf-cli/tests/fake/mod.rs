//! A scripted HTTP server for the client commands' tests: every request goes to a handler that
//! picks the answer, and the server remembers what it was asked.

#![allow(dead_code, unreachable_pub)] // each test file uses its own part

use std::sync::{Arc, Mutex, PoisonError};
use std::thread::{self, JoinHandle};

/// One request as the server saw it.
#[derive(Debug, Clone)]
pub struct Seen {
    /// `GET`, `POST`, ...
    pub method: String,
    /// The path and query.
    pub target: String,
    /// The body.
    pub body: Vec<u8>,
}

/// What the handler answers: a status and a body.
pub type Canned = (u16, Vec<u8>);

/// A server on a free loopback port, stopped when dropped.
pub struct Fake {
    server: Arc<tiny_http::Server>,
    seen: Arc<Mutex<Vec<Seen>>>,
    thread: Option<JoinHandle<()>>,
    /// `http://127.0.0.1:PORT/rest/wstafst2`.
    pub url: String,
}

impl Fake {
    /// Serves every request with `handler`, which gets the request and how many came before.
    pub fn start(handler: impl Fn(&Seen, usize) -> Canned + Send + 'static) -> Self {
        let server = Arc::new(tiny_http::Server::http("127.0.0.1:0").expect("a free port"));
        let port = server.server_addr().to_ip().expect("an IP address").port();
        let seen = Arc::new(Mutex::new(Vec::new()));
        let thread = {
            let server = Arc::clone(&server);
            let seen = Arc::clone(&seen);
            thread::spawn(move || {
                for mut request in server.incoming_requests() {
                    let mut body = Vec::new();
                    let _ = request.as_reader().read_to_end(&mut body);
                    let this = Seen {
                        method: request.method().as_str().to_owned(),
                        target: request.url().to_owned(),
                        body,
                    };
                    let count = {
                        let mut seen = seen.lock().unwrap_or_else(PoisonError::into_inner);
                        seen.push(this.clone());
                        seen.len() - 1
                    };
                    let (status, body) = handler(&this, count);
                    let _ = request
                        .respond(tiny_http::Response::from_data(body).with_status_code(status));
                }
            })
        };
        Self {
            server,
            seen,
            thread: Some(thread),
            url: format!("http://127.0.0.1:{port}/rest/wstafst2"),
        }
    }

    /// Every request so far.
    pub fn seen(&self) -> Vec<Seen> {
        self.seen
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }

    /// How many requests used `method`.
    pub fn count(&self, method: &str) -> usize {
        self.seen()
            .iter()
            .filter(|seen| seen.method == method)
            .count()
    }
}

impl Drop for Fake {
    fn drop(&mut self) {
        self.server.unblock();
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}
