//! Fetching feeds and web pages over HTTP(S), and feeds from local files.
//!
//! Every request is bounded (connect time, whole-request time, body size after decompression,
//! redirects), so a slow, huge or hostile server costs one failed feed and nothing more. Feeds
//! are fetched politely: conditional GETs with the validators of the last fetch, and one request
//! at a time per server. Nothing here reads the clock: `now` only turns a `Retry-After` delay
//! into an absolute time.

use std::collections::{HashSet, VecDeque};
use std::fmt;
use std::fs::{self, File, Metadata};
use std::io::{self, Read};
use std::path::Path;
use std::sync::mpsc;
use std::thread;
use std::time::{Duration, Instant, UNIX_EPOCH};

use chrono::{DateTime, Utc};
use ureq::http::{self, HeaderName, StatusCode, header};
use ureq::{Agent, Body};
use url::Url;

const USER_AGENT: &str = concat!("mercato/", env!("CARGO_PKG_VERSION"));
const FEED_ACCEPT: &str = "application/rss+xml, application/atom+xml, application/feed+json, \
                           application/xml;q=0.9, text/xml;q=0.9, */*;q=0.8";
const PAGE_ACCEPT: &str = "text/html, application/xhtml+xml;q=0.9, */*;q=0.8";
/// The format of HTTP dates (IMF-fixdate), used for a file's Last-Modified.
const HTTP_DATE: &str = "%a, %d %b %Y %H:%M:%S GMT";
const KIB: u64 = 1024;
const MIB: u64 = 1024 * KIB;

/// Limits of one request. Default: connect 10 s, whole request 30 s, body 10 MiB (after
/// decompression: a gzip bomb stops at the limit), 5 redirects, 4 feeds at once.
#[derive(Debug, Clone)]
pub struct Limits {
    pub connect_timeout: Duration,
    /// The whole request: connecting, every redirect and reading the body.
    pub timeout: Duration,
    pub max_bytes: u64,
    pub max_redirects: u32,
    /// How many feeds `fetch_all` fetches at once.
    pub parallel: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            connect_timeout: Duration::from_secs(10),
            timeout: Duration::from_secs(30),
            max_bytes: 10 * MIB,
            max_redirects: 5,
            parallel: 4,
        }
    }
}

/// What we know of a feed from its last fetch: conditional-GET validators.
#[derive(Debug, Clone, Default)]
pub struct Request {
    pub url: String,
    pub etag: Option<String>,
    pub last_modified: Option<String>,
}

#[derive(Debug, Clone)]
pub enum Response {
    /// 200: the body (decompressed), the new validators, where it finally came from.
    Fetched {
        status: u16,
        body: Vec<u8>,
        etag: Option<String>,
        last_modified: Option<String>,
        final_url: String,
        content_type: Option<String>,
    },
    /// 304: keep what we have; a 304 may carry a new ETag/Last-Modified: they are returned.
    NotModified {
        etag: Option<String>,
        last_modified: Option<String>,
    },
}

/// A web page (an article's page, for full text).
#[derive(Debug, Clone)]
pub struct Page {
    pub status: u16,
    pub body: Vec<u8>,
    pub final_url: String,
    pub content_type: Option<String>,
}

/// Why a fetch failed, in one line a user understands ("HTTP 404 Not Found", "timed out after
/// 30 s", "body larger than 10 MiB", "too many redirects (more than 5)", "unsupported scheme
/// 'ftp'", "connection refused", "file not found: /path").
#[derive(Debug, Clone)]
pub struct Failure {
    pub status: Option<u16>,
    pub message: String,
    /// From a 429 or 503 `Retry-After` (seconds or HTTP date), as an absolute time from `now`.
    pub retry_after: Option<DateTime<Utc>>,
}

impl Failure {
    fn new(message: impl Into<String>) -> Self {
        Failure {
            status: None,
            message: message.into(),
            retry_after: None,
        }
    }
}

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Failure {}

/// Fetches one URL: http, https or file (file:///abs/path; a plain path is not a URL here).
/// Sends `User-Agent: mercato/<version>`, `Accept` for feeds, `Accept-Encoding: gzip`,
/// `If-None-Match` / `If-Modified-Since` from the request. For file: URLs, reads the file (same
/// size limit); Last-Modified from the file's mtime, answering NotModified when unchanged.
pub fn fetch(request: &Request, limits: &Limits, now: DateTime<Utc>) -> Result<Response, Failure> {
    fetch_with(&agent(limits), request, FEED_ACCEPT, limits, now)
}

/// Fetches many: at most `limits.parallel` at once and one request at a time per server (host
/// and port: two feeds on one server wait for each other; feeds on other servers go on). Calls
/// `on_result(i, result)` on the caller's thread as each finishes, in completion order. A
/// server that never answers delays only its own feeds, never the rest.
pub fn fetch_all(
    requests: &[Request],
    limits: &Limits,
    now: DateTime<Utc>,
    mut on_result: impl FnMut(usize, Result<Response, Failure>),
) {
    let agent = agent(limits);
    let servers: Vec<Option<String>> = requests.iter().map(|r| server_of(&r.url)).collect();
    let mut waiting: VecDeque<usize> = (0..requests.len()).collect();
    let mut busy_servers: HashSet<&str> = HashSet::new();
    let mut in_flight = 0;
    let (done, finished) = mpsc::channel();
    thread::scope(|scope| {
        loop {
            // Start every waiting feed whose server is free, up to the parallel limit.
            while in_flight < limits.parallel.max(1)
                && let Some(i) = take_startable(&mut waiting, &servers, &busy_servers)
            {
                busy_servers.extend(servers[i].as_deref());
                in_flight += 1;
                let (agent, done) = (&agent, done.clone());
                scope.spawn(move || {
                    let result = fetch_with(agent, &requests[i], FEED_ACCEPT, limits, now);
                    // The receiver lives until every fetch has reported.
                    let _ = done.send((i, result));
                });
            }
            if in_flight == 0 {
                break;
            }
            let Ok((i, result)) = finished.recv() else {
                break;
            };
            in_flight -= 1;
            if let Some(server) = servers[i].as_deref() {
                busy_servers.remove(server);
            }
            on_result(i, result);
        }
    });
}

/// Takes the first waiting feed whose server is not busy off the queue.
fn take_startable(
    waiting: &mut VecDeque<usize>,
    servers: &[Option<String>],
    busy_servers: &HashSet<&str>,
) -> Option<usize> {
    let free = |i: &usize| {
        servers[*i]
            .as_deref()
            .is_none_or(|s| !busy_servers.contains(s))
    };
    let position = waiting.iter().position(free)?;
    waiting.remove(position)
}

/// A web page (an article's page, for full text): same limits and rules, no validators.
pub fn fetch_page(url: &str, limits: &Limits, now: DateTime<Utc>) -> Result<Page, Failure> {
    let request = Request {
        url: url.to_owned(),
        ..Request::default()
    };
    match fetch_with(&agent(limits), &request, PAGE_ACCEPT, limits, now)? {
        Response::Fetched {
            status,
            body,
            final_url,
            content_type,
            ..
        } => Ok(Page {
            status,
            body,
            final_url,
            content_type,
        }),
        // Only a confused server answers 304 to a request without validators.
        Response::NotModified { .. } => Err(Failure {
            status: Some(304),
            ..Failure::new("HTTP 304 Not Modified")
        }),
    }
}

fn agent(limits: &Limits) -> Agent {
    Agent::config_builder()
        .http_status_as_error(false)
        .timeout_connect(Some(limits.connect_timeout))
        // The whole-request limit is set on each hop: what is left of it (see fetch_http).
        // Followed by fetch_http, which checks where each one leads.
        .max_redirects(0)
        .user_agent(USER_AGENT)
        .build()
        .new_agent()
}

fn fetch_with(
    agent: &Agent,
    request: &Request,
    accept: &str,
    limits: &Limits,
    now: DateTime<Utc>,
) -> Result<Response, Failure> {
    let url = Url::parse(request.url.trim())
        .map_err(|e| Failure::new(format!("not a URL ({e}): {}", request.url)))?;
    match url.scheme() {
        "http" | "https" => fetch_http(agent, &url, request, accept, limits, now),
        "file" => fetch_file(&url, request, limits),
        other => Err(Failure::new(format!("unsupported scheme '{other}'"))),
    }
}

/// The server a URL is fetched from (`host:port`), for one-at-a-time; None for files and for
/// what is not an http(s) URL (those fail at once).
fn server_of(url: &str) -> Option<String> {
    let url = Url::parse(url.trim()).ok()?;
    if !matches!(url.scheme(), "http" | "https") {
        return None;
    }
    Some(format!(
        "{}:{}",
        url.host_str()?,
        url.port_or_known_default()?
    ))
}

/// Follows redirects itself (ureq is told to follow none): every hop must stay on http(s),
/// and all of them share the one time limit.
fn fetch_http(
    agent: &Agent,
    url: &Url,
    request: &Request,
    accept: &str,
    limits: &Limits,
    now: DateTime<Utc>,
) -> Result<Response, Failure> {
    let deadline = Instant::now() + limits.timeout;
    let mut url = url.clone();
    let mut redirects = 0;
    loop {
        let left = deadline.saturating_duration_since(Instant::now());
        if left.is_zero() {
            return Err(timed_out(limits));
        }
        let response =
            send(agent, &url, request, accept, left).map_err(|e| describe(e, &url, limits))?;
        let Some(next) = redirect_target(&response, &url)? else {
            return read_response(response, &url, limits, now);
        };
        redirects += 1;
        if redirects > limits.max_redirects {
            let max = limits.max_redirects;
            return Err(Failure::new(format!(
                "too many redirects (more than {max})"
            )));
        }
        url = next;
    }
}

fn send(
    agent: &Agent,
    url: &Url,
    request: &Request,
    accept: &str,
    time_left: Duration,
) -> Result<http::Response<Body>, ureq::Error> {
    let mut call = agent.get(url.as_str()).header(header::ACCEPT, accept);
    if let Some(etag) = &request.etag {
        call = call.header(header::IF_NONE_MATCH, etag);
    }
    if let Some(date) = &request.last_modified {
        call = call.header(header::IF_MODIFIED_SINCE, date);
    }
    call.config().timeout_global(Some(time_left)).build().call()
}

/// Where a redirect points, resolved against the URL that answered it; None when the answer
/// is not a redirect to follow (a 304, or a 3xx without a Location, which then fails).
fn redirect_target(response: &http::Response<Body>, from: &Url) -> Result<Option<Url>, Failure> {
    let status = response.status();
    if !status.is_redirection() || status == StatusCode::NOT_MODIFIED {
        return Ok(None);
    }
    let Some(location) = header_text(response, header::LOCATION) else {
        return Ok(None);
    };
    let target = from
        .join(&location)
        .map_err(|e| Failure::new(format!("bad redirect ({e}): {location}")))?;
    match target.scheme() {
        "http" | "https" => Ok(Some(target)),
        other => Err(Failure::new(format!(
            "redirect to unsupported scheme '{other}'"
        ))),
    }
}

fn read_response(
    mut response: http::Response<Body>,
    url: &Url,
    limits: &Limits,
    now: DateTime<Utc>,
) -> Result<Response, Failure> {
    let status = response.status();
    let etag = header_text(&response, header::ETAG);
    let last_modified = header_text(&response, header::LAST_MODIFIED);
    if status == StatusCode::NOT_MODIFIED {
        return Ok(Response::NotModified {
            etag,
            last_modified,
        });
    }
    if !status.is_success() {
        return Err(status_failure(&response, now));
    }
    let body = response
        .body_mut()
        .with_config()
        .limit(limits.max_bytes)
        .read_to_vec()
        .map_err(|e| describe(e, url, limits))?;
    Ok(Response::Fetched {
        status: status.as_u16(),
        body,
        etag,
        last_modified,
        final_url: url.to_string(),
        content_type: header_text(&response, header::CONTENT_TYPE),
    })
}

fn header_text(response: &http::Response<Body>, name: HeaderName) -> Option<String> {
    let value = response.headers().get(name)?.to_str().ok()?.trim();
    (!value.is_empty()).then(|| value.to_owned())
}

/// A 4xx or 5xx answer (or a 3xx that was not followed).
fn status_failure(response: &http::Response<Body>, now: DateTime<Utc>) -> Failure {
    let status = response.status();
    let message = match status.canonical_reason() {
        Some(reason) => format!("HTTP {} {reason}", status.as_u16()),
        None => format!("HTTP {}", status.as_u16()),
    };
    let retry_after = match status {
        StatusCode::TOO_MANY_REQUESTS | StatusCode::SERVICE_UNAVAILABLE => {
            header_text(response, header::RETRY_AFTER).and_then(|v| retry_time(&v, now))
        }
        _ => None,
    };
    Failure {
        status: Some(status.as_u16()),
        message,
        retry_after,
    }
}

/// A `Retry-After` value (delay in seconds, or an HTTP date) as an absolute time, never
/// before `now`.
fn retry_time(value: &str, now: DateTime<Utc>) -> Option<DateTime<Utc>> {
    if let Ok(seconds) = value.parse::<u32>() {
        return now.checked_add_signed(chrono::Duration::seconds(seconds.into()));
    }
    let date = DateTime::parse_from_rfc2822(value).ok()?;
    Some(date.with_timezone(&Utc).max(now))
}

/// One line for a failed request, naming the limit that was hit.
fn describe(error: ureq::Error, url: &Url, limits: &Limits) -> Failure {
    use ureq::Error as E;
    let message = match error {
        E::Timeout(ureq::Timeout::Connect) => {
            format!(
                "could not connect within {}",
                duration(limits.connect_timeout)
            )
        }
        E::Timeout(_) => return timed_out(limits),
        E::BodyExceedsLimit(_) => format!("body larger than {}", size(limits.max_bytes)),
        E::HostNotFound => format!("host not found: {}", url.host_str().unwrap_or_default()),
        E::ConnectionFailed => "connection failed".to_owned(),
        E::Io(e) => io_message(&e, limits),
        E::Decompress(encoding, e) => format!("could not decompress the {encoding} body: {e}"),
        E::Protocol(e) => format!("not a valid HTTP answer: {e}"),
        E::LargeResponseHeader(..) => "response headers too large".to_owned(),
        E::Tls(e) => format!("TLS error: {e}"),
        E::Http(e) => format!("bad request: {e}"),
        other => other.to_string(),
    };
    Failure::new(message)
}

fn timed_out(limits: &Limits) -> Failure {
    Failure::new(format!("timed out after {}", duration(limits.timeout)))
}

fn io_message(error: &io::Error, limits: &Limits) -> String {
    match error.kind() {
        io::ErrorKind::ConnectionRefused => "connection refused".to_owned(),
        io::ErrorKind::ConnectionReset => "connection reset by the server".to_owned(),
        io::ErrorKind::UnexpectedEof => "the server closed the connection early".to_owned(),
        io::ErrorKind::TimedOut => timed_out(limits).message,
        _ => error.to_string(),
    }
}

/// "30 s", or "300 ms" below a second or when not whole seconds.
fn duration(duration: Duration) -> String {
    if duration.as_secs() > 0 && duration.subsec_millis() == 0 {
        format!("{} s", duration.as_secs())
    } else {
        format!("{} ms", duration.as_millis())
    }
}

/// "10 MiB", "512 KiB" or "1000 bytes".
fn size(bytes: u64) -> String {
    match bytes {
        b if b >= MIB && b % MIB == 0 => format!("{} MiB", b / MIB),
        b if b >= KIB && b % KIB == 0 => format!("{} KiB", b / KIB),
        b => format!("{b} bytes"),
    }
}

fn fetch_file(url: &Url, request: &Request, limits: &Limits) -> Result<Response, Failure> {
    let path = url
        .to_file_path()
        .map_err(|()| Failure::new(format!("not a local file: {url}")))?;
    let metadata = fs::metadata(&path).map_err(|e| file_failure(&path, &e))?;
    if !metadata.is_file() {
        return Err(Failure::new(format!("not a file: {}", path.display())));
    }
    let (etag, last_modified) = file_validators(&metadata);
    let unchanged = match (&request.etag, &request.last_modified) {
        (Some(old), _) => etag.as_ref() == Some(old),
        (None, Some(old)) => last_modified.as_ref() == Some(old),
        (None, None) => false,
    };
    if unchanged {
        return Ok(Response::NotModified {
            etag,
            last_modified,
        });
    }
    let body = read_limited(&path, metadata.len(), limits.max_bytes)?;
    Ok(Response::Fetched {
        status: 200,
        body,
        etag,
        last_modified,
        final_url: url.to_string(),
        content_type: None,
    })
}

/// An ETag from the size and the exact mtime (finer than Last-Modified's whole seconds), and
/// Last-Modified as an HTTP date.
fn file_validators(metadata: &Metadata) -> (Option<String>, Option<String>) {
    let Ok(modified) = metadata.modified() else {
        return (None, None);
    };
    let nanos = modified
        .duration_since(UNIX_EPOCH)
        .map_or(0, |since| since.as_nanos());
    let etag = format!("\"{:x}-{nanos:x}\"", metadata.len());
    let date = DateTime::<Utc>::from(modified)
        .format(HTTP_DATE)
        .to_string();
    (Some(etag), Some(date))
}

/// Reads at most `max_bytes` (plus one, to tell a file that grew past the limit).
fn read_limited(path: &Path, len: u64, max_bytes: u64) -> Result<Vec<u8>, Failure> {
    let too_large = || Failure::new(format!("body larger than {}", size(max_bytes)));
    if len > max_bytes {
        return Err(too_large());
    }
    let file = File::open(path).map_err(|e| file_failure(path, &e))?;
    let mut body = Vec::new();
    file.take(max_bytes.saturating_add(1))
        .read_to_end(&mut body)
        .map_err(|e| file_failure(path, &e))?;
    if body.len() as u64 > max_bytes {
        return Err(too_large());
    }
    Ok(body)
}

fn file_failure(path: &Path, error: &io::Error) -> Failure {
    let path = path.display();
    Failure::new(match error.kind() {
        io::ErrorKind::NotFound => format!("file not found: {path}"),
        io::ErrorKind::PermissionDenied => format!("permission denied: {path}"),
        _ => format!("cannot read {path}: {error}"),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn noon() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 1, 31, 12, 0, 0)
            .single()
            .expect("a valid date")
    }

    #[test]
    fn retry_after_in_seconds_counts_from_now() {
        let later = retry_time("120", noon()).expect("seconds parse");
        assert_eq!(later - noon(), chrono::Duration::seconds(120));
    }

    #[test]
    fn retry_after_as_an_http_date_is_that_date() {
        let date = retry_time("Sat, 31 Jan 2026 13:30:00 GMT", noon()).expect("date parses");
        assert_eq!(date, Utc.with_ymd_and_hms(2026, 1, 31, 13, 30, 0).unwrap());
    }

    #[test]
    fn retry_after_in_the_past_means_now_and_nonsense_means_nothing() {
        assert_eq!(
            retry_time("Thu, 01 Jan 2026 00:00:00 GMT", noon()),
            Some(noon())
        );
        assert_eq!(retry_time("soon", noon()), None);
        assert_eq!(retry_time("-5", noon()), None);
    }

    #[test]
    fn sizes_and_durations_read_as_a_user_would_write_them() {
        assert_eq!(size(10 * MIB), "10 MiB");
        assert_eq!(size(512 * KIB), "512 KiB");
        assert_eq!(size(1000), "1000 bytes");
        assert_eq!(duration(Duration::from_secs(30)), "30 s");
        assert_eq!(duration(Duration::from_millis(300)), "300 ms");
        assert_eq!(duration(Duration::from_millis(1500)), "1500 ms");
    }

    #[test]
    fn one_server_is_its_host_and_port() {
        assert_eq!(
            server_of("https://example.com/feed").as_deref(),
            Some("example.com:443")
        );
        assert_eq!(
            server_of("http://example.com:8080/a").as_deref(),
            Some("example.com:8080")
        );
        assert_eq!(server_of("file:///tmp/feed.xml"), None);
        assert_eq!(server_of("feeds/local.xml"), None);
    }

    #[test]
    fn a_plain_path_is_not_a_url() {
        let request = Request {
            url: "feeds/local.xml".to_owned(),
            ..Request::default()
        };
        let failure = fetch(&request, &Limits::default(), noon()).expect_err("not a URL");
        assert!(
            failure.message.starts_with("not a URL"),
            "{}",
            failure.message
        );
    }
}
