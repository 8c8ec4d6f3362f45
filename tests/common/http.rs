//! A local HTTP server for tests, on 127.0.0.1 and a free port, with routes a test configures:
//! fixed answers, handlers that see the request, a route that never answers, and counters of
//! requests per path and of requests served at once. It stops when dropped.
//!
//! ```ignore
//! let server = TestServer::start();
//! server.route("/feed.xml", Reply::ok("<rss/>").header("ETag", "\"v1\""));
//! let url = server.url("/feed.xml");
//! ```

use std::collections::HashMap;
use std::io::{Cursor, Read, Write};
use std::sync::{Arc, Condvar, Mutex, MutexGuard, PoisonError};
use std::thread::{self, JoinHandle};
use std::time::Duration;

use flate2::Compression;
use flate2::write::GzEncoder;

/// How long a hanging route holds its request at most (it lets go as soon as the server is
/// dropped): far longer than any client timeout a test sets.
const HANG_AT_MOST: Duration = Duration::from_secs(60);

/// An answer: status, headers and body, sent after an optional delay.
#[derive(Clone, Debug)]
pub struct Reply {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Body,
    pub delay: Duration,
}

/// A body held in memory, `len` copies of one byte made as they are sent (a huge body costs
/// the test nothing), or a body that never ends, sent a byte at a time with a pause between.
#[derive(Clone, Debug)]
pub enum Body {
    Bytes(Vec<u8>),
    Repeat { byte: u8, len: usize },
    Trickle { pause: Duration },
}

impl Reply {
    /// 200 with this body.
    pub fn ok(body: impl Into<Vec<u8>>) -> Self {
        Reply {
            status: 200,
            headers: Vec::new(),
            body: Body::Bytes(body.into()),
            delay: Duration::ZERO,
        }
    }

    /// This status with an empty body.
    pub fn status(status: u16) -> Self {
        Reply {
            status,
            ..Reply::ok("")
        }
    }

    /// A redirect (302) to `location`.
    pub fn redirect(location: &str) -> Self {
        Reply::status(302).header("Location", location)
    }

    /// 200 with `len` bytes of `x`, never held in memory.
    pub fn huge(len: usize) -> Self {
        Reply {
            body: Body::Repeat { byte: b'x', len },
            ..Reply::ok("")
        }
    }

    /// 200 with a body that never ends: one byte, then a pause, forever (until the client
    /// hangs up).
    pub fn trickle(pause: Duration) -> Self {
        Reply {
            body: Body::Trickle { pause },
            ..Reply::ok("")
        }
    }

    /// 200 with `body` gzipped, and `Content-Encoding: gzip`.
    pub fn gzipped(body: &[u8]) -> Self {
        Reply::gzip_encoded(gzip(body))
    }

    /// 200 with bytes that are already gzip, sent as they are with `Content-Encoding: gzip`.
    pub fn gzip_encoded(compressed: Vec<u8>) -> Self {
        Reply::ok(compressed).header("Content-Encoding", "gzip")
    }

    pub fn header(mut self, name: &str, value: &str) -> Self {
        self.headers.push((name.to_owned(), value.to_owned()));
        self
    }

    /// Waits this long before answering (so requests overlap if a client sends them at once).
    pub fn after(mut self, delay: Duration) -> Self {
        self.delay = delay;
        self
    }
}

/// A request as the server saw it.
#[derive(Clone, Debug)]
pub struct Seen {
    pub path: String,
    pub headers: Vec<(String, String)>,
}

impl Seen {
    /// The value of a header, whatever the case of its name.
    pub fn header(&self, name: &str) -> Option<&str> {
        let (_, value) = self
            .headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))?;
        Some(value)
    }
}

type Handler = Box<dyn Fn(&Seen) -> Reply + Send + Sync>;

enum Route {
    Fixed(Reply),
    Handler(Handler),
    /// Holds the request and never answers.
    Hang,
}

#[derive(Default)]
struct State {
    routes: HashMap<String, Arc<Route>>,
    seen: Vec<Seen>,
    active: usize,
    max_active: usize,
    stopped: bool,
}

#[derive(Default)]
struct Shared {
    state: Mutex<State>,
    /// Signalled when the server stops, to release hanging requests.
    stop: Condvar,
}

impl Shared {
    fn lock(&self) -> MutexGuard<'_, State> {
        // A test that failed while holding the lock must not hide its message behind ours.
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

pub struct TestServer {
    port: u16,
    shared: Arc<Shared>,
    server: Arc<tiny_http::Server>,
    accept: Option<JoinHandle<()>>,
}

impl TestServer {
    /// A server on 127.0.0.1 and a free port, answering 404 to every path until routes are set.
    pub fn start() -> Self {
        let server = tiny_http::Server::http("127.0.0.1:0").expect("a free local port");
        let port = server.server_addr().to_ip().expect("an IP address").port();
        let server = Arc::new(server);
        let shared = Arc::new(Shared::default());
        let accept = {
            let (server, shared) = (Arc::clone(&server), Arc::clone(&shared));
            thread::spawn(move || {
                // Each request on a thread of its own: a slow route delays no other.
                for request in server.incoming_requests() {
                    let shared = Arc::clone(&shared);
                    thread::spawn(move || serve(&shared, request));
                }
            })
        };
        TestServer {
            port,
            shared,
            server,
            accept: Some(accept),
        }
    }

    /// `http://127.0.0.1:PORT/path`.
    pub fn url(&self, path: &str) -> String {
        format!("http://127.0.0.1:{}{path}", self.port)
    }

    /// Answers `path` with this reply, every time.
    pub fn route(&self, path: &str, reply: Reply) {
        self.set(path, Route::Fixed(reply));
    }

    /// Answers `path` with what `handler` makes of the request.
    pub fn handler(&self, path: &str, handler: impl Fn(&Seen) -> Reply + Send + Sync + 'static) {
        self.set(path, Route::Handler(Box::new(handler)));
    }

    /// Never answers `path` (until the server is dropped).
    pub fn hang(&self, path: &str) {
        self.set(path, Route::Hang);
    }

    /// Every request to `path` so far, in order of arrival.
    pub fn requests(&self, path: &str) -> Vec<Seen> {
        let state = self.shared.lock();
        state
            .seen
            .iter()
            .filter(|s| s.path == path)
            .cloned()
            .collect()
    }

    /// How many requests `path` has had.
    pub fn hits(&self, path: &str) -> usize {
        self.requests(path).len()
    }

    /// The most requests this server has served at once.
    pub fn max_concurrent(&self) -> usize {
        self.shared.lock().max_active
    }

    fn set(&self, path: &str, route: Route) {
        self.shared
            .lock()
            .routes
            .insert(path.to_owned(), Arc::new(route));
    }
}

impl Drop for TestServer {
    fn drop(&mut self) {
        self.shared.lock().stopped = true;
        self.shared.stop.notify_all();
        self.server.unblock();
        if let Some(accept) = self.accept.take() {
            let _ = accept.join();
        }
    }
}

fn serve(shared: &Shared, request: tiny_http::Request) {
    let seen = Seen {
        path: request.url().to_owned(),
        headers: request
            .headers()
            .iter()
            .map(|h| (h.field.to_string(), h.value.to_string()))
            .collect(),
    };
    let route = {
        let mut state = shared.lock();
        state.seen.push(seen.clone());
        state.active += 1;
        state.max_active = state.max_active.max(state.active);
        state.routes.get(&seen.path).cloned()
    };
    let reply = match route.as_deref() {
        Some(Route::Fixed(reply)) => Some(reply.clone()),
        Some(Route::Handler(handler)) => Some(handler(&seen)),
        Some(Route::Hang) => None,
        None => Some(Reply::status(404)),
    };
    match reply {
        Some(reply) => {
            thread::sleep(reply.delay);
            // The client may have given up; that is its business.
            let _ = request.respond(response(reply));
        }
        None => hold_until_stopped(shared),
    }
    shared.lock().active -= 1;
}

fn hold_until_stopped(shared: &Shared) {
    let state = shared.lock();
    let _ = shared
        .stop
        .wait_timeout_while(state, HANG_AT_MOST, |state| !state.stopped);
}

fn response(reply: Reply) -> tiny_http::Response<Box<dyn Read + Send>> {
    let headers = reply
        .headers
        .iter()
        .map(|(name, value)| {
            tiny_http::Header::from_bytes(name.as_bytes(), value.as_bytes())
                .expect("an ASCII header")
        })
        .collect();
    let (body, len): (Box<dyn Read + Send>, usize) = match reply.body {
        Body::Bytes(bytes) => {
            let len = bytes.len();
            (Box::new(Cursor::new(bytes)), len)
        }
        Body::Repeat { byte, len } => (Box::new(std::io::repeat(byte).take(len as u64)), len),
        Body::Trickle { pause } => (Box::new(Trickle { pause }), usize::MAX),
    };
    tiny_http::Response::new(reply.status.into(), headers, body, Some(len), None)
}

/// A reader that gives one byte per read, after a pause, forever.
struct Trickle {
    pause: Duration,
}

impl Read for Trickle {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        thread::sleep(self.pause);
        match buf.first_mut() {
            Some(first) => {
                *first = b'x';
                Ok(1)
            }
            None => Ok(0),
        }
    }
}

/// `bytes` gzipped.
pub fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut encoder = GzEncoder::new(Vec::new(), Compression::best());
    encoder.write_all(bytes).expect("writing to memory");
    encoder.finish().expect("writing to memory")
}

/// A gzip bomb: `mib` MiB of zeros once decompressed, about 1 KiB per MiB on the wire. Made of
/// one gzipped MiB repeated as consecutive gzip members (which decoders read as one stream),
/// so building it is cheap.
pub fn gzip_bomb(mib: usize) -> Vec<u8> {
    gzip(&vec![0; 1024 * 1024]).repeat(mib)
}
