//! Fetching against a local server (tests/common/http.rs): validators, statuses, Retry-After,
//! redirects, timeouts, limits, gzip, file: URLs and politeness. Nothing leaves 127.0.0.1.

#![allow(clippy::unwrap_used)] // test helpers (tests/common): a panic is the failure report

mod common;

use std::net::TcpListener;
use std::time::Duration;

use chrono::{DateTime, TimeZone, Utc};
use common::http::{Reply, TestServer, gzip_bomb};
use mercato::fetch::{Failure, Limits, Request, Response, fetch, fetch_all, fetch_page};

const FEED: &str = "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Transfer desk\
                    </title><item><title>Rovers agree fee for Reiner</title></item></channel></rss>";

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 1, 31, 12, 0, 0)
        .single()
        .expect("a valid date")
}

/// Limits that keep the suite fast: a hanging server costs 300 ms.
fn quick() -> Limits {
    Limits {
        connect_timeout: Duration::from_millis(300),
        timeout: Duration::from_millis(300),
        ..Limits::default()
    }
}

fn request(url: &str) -> Request {
    Request {
        url: url.to_owned(),
        ..Request::default()
    }
}

fn fetched(result: Result<Response, Failure>) -> (Vec<u8>, Option<String>, Option<String>) {
    match result {
        Ok(Response::Fetched {
            body,
            etag,
            last_modified,
            ..
        }) => (body, etag, last_modified),
        other => panic!("expected a fetched body, got {other:?}"),
    }
}

fn failure(result: Result<Response, Failure>) -> Failure {
    result.expect_err("expected a failure")
}

const DATE: &str = "Fri, 30 Jan 2026 08:15:00 GMT";

#[test]
fn a_200_gives_the_body_its_validators_and_where_it_came_from() {
    let server = TestServer::start();
    server.route(
        "/feed.xml",
        Reply::ok(FEED)
            .header("ETag", "\"v1\"")
            .header("Last-Modified", DATE)
            .header("Content-Type", "application/rss+xml; charset=utf-8"),
    );
    let url = server.url("/feed.xml");
    match fetch(&request(&url), &quick(), now()) {
        Ok(Response::Fetched {
            status,
            body,
            etag,
            last_modified,
            final_url,
            content_type,
        }) => {
            assert_eq!(status, 200);
            assert_eq!(body, FEED.as_bytes());
            assert_eq!(etag.as_deref(), Some("\"v1\""));
            assert_eq!(last_modified.as_deref(), Some(DATE));
            assert_eq!(final_url, url);
            assert_eq!(
                content_type.as_deref(),
                Some("application/rss+xml; charset=utf-8")
            );
        }
        other => panic!("expected the feed, got {other:?}"),
    }
}

#[test]
fn the_next_fetch_sends_the_validators_and_a_304_keeps_what_we_have() {
    let server = TestServer::start();
    server.handler("/feed.xml", |seen| {
        let unchanged = seen.header("If-None-Match") == Some("\"v1\"")
            && seen.header("If-Modified-Since") == Some(DATE);
        if unchanged {
            Reply::status(304)
        } else {
            Reply::ok(FEED)
                .header("ETag", "\"v1\"")
                .header("Last-Modified", DATE)
        }
    });
    let first = fetch(&request(&server.url("/feed.xml")), &quick(), now());
    let (_, etag, last_modified) = fetched(first);
    let again = Request {
        url: server.url("/feed.xml"),
        etag,
        last_modified,
    };
    match fetch(&again, &quick(), now()) {
        // No new validators in the 304: None, and the caller keeps the old ones.
        Ok(Response::NotModified {
            etag: None,
            last_modified: None,
        }) => {}
        other => panic!("expected a bare 304, got {other:?}"),
    }
    let requests = server.requests("/feed.xml");
    assert_eq!(requests.len(), 2);
    assert_eq!(requests[0].header("If-None-Match"), None);
    assert_eq!(requests[1].header("If-None-Match"), Some("\"v1\""));
    assert_eq!(requests[1].header("If-Modified-Since"), Some(DATE));
}

#[test]
fn a_304_with_a_new_etag_returns_it() {
    let server = TestServer::start();
    server.route("/feed.xml", Reply::status(304).header("ETag", "\"v2\""));
    let stale = Request {
        url: server.url("/feed.xml"),
        etag: Some("\"v1\"".to_owned()),
        last_modified: None,
    };
    match fetch(&stale, &quick(), now()) {
        Ok(Response::NotModified { etag, .. }) => assert_eq!(etag.as_deref(), Some("\"v2\"")),
        other => panic!("expected a 304, got {other:?}"),
    }
}

#[test]
fn a_404_and_a_500_fail_with_their_status_and_reason() {
    let server = TestServer::start();
    server.route("/broken.xml", Reply::status(500));
    for (path, status, message) in [
        ("/gone.xml", 404, "HTTP 404 Not Found"),
        ("/broken.xml", 500, "HTTP 500 Internal Server Error"),
    ] {
        let failed = failure(fetch(&request(&server.url(path)), &quick(), now()));
        assert_eq!(failed.status, Some(status));
        assert_eq!(failed.message, message);
        assert_eq!(failed.retry_after, None);
    }
}

#[test]
fn a_429_or_503_says_when_to_come_back_in_seconds_or_as_a_date() {
    let server = TestServer::start();
    server.route(
        "/slow-down",
        Reply::status(429).header("Retry-After", "120"),
    );
    server.route("/later", Reply::status(503).header("Retry-After", "3600"));
    server.route(
        "/dated",
        Reply::status(429).header("Retry-After", "Sat, 31 Jan 2026 13:30:00 GMT"),
    );
    server.route(
        "/maintenance",
        Reply::status(503).header("Retry-After", "Sat, 31 Jan 2026 18:00:00 GMT"),
    );
    let at = |h, m| Utc.with_ymd_and_hms(2026, 1, 31, h, m, 0).single();
    for (path, status, when) in [
        ("/slow-down", 429, at(12, 2)),
        ("/later", 503, at(13, 0)),
        ("/dated", 429, at(13, 30)),
        ("/maintenance", 503, at(18, 0)),
    ] {
        let failed = failure(fetch(&request(&server.url(path)), &quick(), now()));
        assert_eq!(failed.status, Some(status), "{path}");
        assert_eq!(failed.retry_after, when, "{path}");
    }
}

#[test]
fn a_redirect_is_followed_and_the_final_url_reported() {
    let server = TestServer::start();
    server.route("/old.xml", Reply::redirect("/new.xml"));
    server.route("/new.xml", Reply::ok(FEED));
    match fetch(&request(&server.url("/old.xml")), &quick(), now()) {
        Ok(Response::Fetched {
            body, final_url, ..
        }) => {
            assert_eq!(body, FEED.as_bytes());
            assert_eq!(final_url, server.url("/new.xml"));
        }
        other => panic!("expected the feed, got {other:?}"),
    }
}

#[test]
fn a_redirect_loop_stops_after_the_limit() {
    let server = TestServer::start();
    server.route("/loop", Reply::redirect("/loop"));
    let failed = failure(fetch(&request(&server.url("/loop")), &quick(), now()));
    assert_eq!(failed.message, "too many redirects (more than 5)");
    // The first request and five redirects.
    assert_eq!(server.hits("/loop"), 6);
}

#[test]
fn a_redirect_to_another_scheme_is_refused() {
    let server = TestServer::start();
    server.route("/to-ftp", Reply::redirect("ftp://127.0.0.1/feed.xml"));
    server.route("/to-file", Reply::redirect("file:///etc/passwd"));
    for (path, scheme) in [("/to-ftp", "ftp"), ("/to-file", "file")] {
        let failed = failure(fetch(&request(&server.url(path)), &quick(), now()));
        assert_eq!(
            failed.message,
            format!("redirect to unsupported scheme '{scheme}'")
        );
    }
}

#[test]
fn a_server_that_never_answers_times_out_and_delays_only_its_own_host() {
    let stuck = TestServer::start();
    stuck.hang("/feed.xml");
    stuck.route("/other.xml", Reply::ok(FEED));
    let others: Vec<TestServer> = (0..3).map(|_| TestServer::start()).collect();
    let mut requests = vec![request(&stuck.url("/feed.xml"))];
    for server in &others {
        server.route("/feed.xml", Reply::ok(FEED));
        requests.push(request(&server.url("/feed.xml")));
    }
    // Waits behind the stuck feed: one request at a time per server.
    requests.push(request(&stuck.url("/other.xml")));

    let limits = Limits {
        timeout: Duration::from_millis(500),
        ..quick()
    };
    let mut order = Vec::new();
    let mut results = vec![None; requests.len()];
    fetch_all(&requests, &limits, now(), |i, result| {
        order.push(i);
        results[i] = Some(result);
    });

    let mut first_three = order[..3].to_vec();
    first_three.sort_unstable();
    assert_eq!(first_three, [1, 2, 3], "the other servers first: {order:?}");
    assert_eq!(
        order[3..],
        [0, 4],
        "then the stuck feed, then its neighbour"
    );
    for i in [1, 2, 3, 4] {
        let result = results[i].take().expect("every feed reports");
        assert_eq!(fetched(result).0, FEED.as_bytes());
    }
    let timed_out = failure(results[0].take().expect("the stuck feed reports"));
    assert_eq!(timed_out.message, "timed out after 500 ms");
    assert_eq!(timed_out.status, None);
}

#[test]
fn a_body_that_never_ends_times_out() {
    let server = TestServer::start();
    server.route("/drip.xml", Reply::trickle(Duration::from_millis(20)));
    let failed = failure(fetch(&request(&server.url("/drip.xml")), &quick(), now()));
    assert_eq!(failed.message, "timed out after 300 ms");
}

#[test]
fn feeds_on_one_server_are_fetched_one_at_a_time() {
    let server = TestServer::start();
    let paths = ["/a.xml", "/b.xml", "/c.xml", "/d.xml"];
    for path in paths {
        // Long enough for parallel requests to overlap.
        server.route(path, Reply::ok(FEED).after(Duration::from_millis(40)));
    }
    let requests: Vec<Request> = paths.iter().map(|p| request(&server.url(p))).collect();
    let mut done = 0;
    fetch_all(&requests, &Limits::default(), now(), |_, result| {
        fetched(result);
        done += 1;
    });
    assert_eq!(done, 4);
    assert_eq!(server.max_concurrent(), 1);
}

#[test]
fn feeds_on_different_servers_are_fetched_together() {
    // The counterpart of one-at-a-time: each server waits for every request to arrive before
    // answering, so this finishes only if the fetches really run at once.
    let servers: Vec<TestServer> = (0..3).map(|_| TestServer::start()).collect();
    let arrived = std::sync::Arc::new(std::sync::Barrier::new(servers.len()));
    for server in &servers {
        let arrived = std::sync::Arc::clone(&arrived);
        server.handler("/feed.xml", move |_| {
            arrived.wait();
            Reply::ok(FEED)
        });
    }
    let requests: Vec<Request> = servers
        .iter()
        .map(|s| request(&s.url("/feed.xml")))
        .collect();
    let limits = Limits {
        timeout: Duration::from_secs(5),
        ..quick()
    };
    let mut fetched_count = 0;
    fetch_all(&requests, &limits, now(), |_, result| {
        fetched(result);
        fetched_count += 1;
    });
    assert_eq!(fetched_count, 3);
}

#[test]
fn a_body_over_the_limit_fails() {
    let server = TestServer::start();
    server.route("/huge.xml", Reply::huge(3 * 1024 * 1024));
    let limits = Limits {
        max_bytes: 1024 * 1024,
        ..quick()
    };
    let failed = failure(fetch(&request(&server.url("/huge.xml")), &limits, now()));
    assert_eq!(failed.message, "body larger than 1 MiB");
}

#[test]
fn a_gzip_bomb_stops_at_the_limit() {
    let server = TestServer::start();
    let bomb = gzip_bomb(50);
    assert!(
        bomb.len() < 100 * 1024,
        "the bomb is small: {} bytes",
        bomb.len()
    );
    server.route("/bomb.xml", Reply::gzip_encoded(bomb));
    let limits = Limits {
        timeout: Duration::from_secs(20),
        ..Limits::default()
    };
    let failed = failure(fetch(&request(&server.url("/bomb.xml")), &limits, now()));
    assert_eq!(failed.message, "body larger than 10 MiB");
}

#[test]
fn a_gzipped_body_is_decoded_and_gzip_is_asked_for() {
    let server = TestServer::start();
    server.route("/feed.xml", Reply::gzipped(FEED.as_bytes()));
    let (body, ..) = fetched(fetch(&request(&server.url("/feed.xml")), &quick(), now()));
    assert_eq!(body, FEED.as_bytes());
    let seen = &server.requests("/feed.xml")[0];
    assert_eq!(seen.header("Accept-Encoding"), Some("gzip"));
}

#[test]
fn every_request_names_mercato_and_asks_for_feeds() {
    let server = TestServer::start();
    server.route("/feed.xml", Reply::ok(FEED));
    fetched(fetch(&request(&server.url("/feed.xml")), &quick(), now()));
    let seen = &server.requests("/feed.xml")[0];
    let agent = format!("mercato/{}", env!("CARGO_PKG_VERSION"));
    assert_eq!(seen.header("User-Agent"), Some(agent.as_str()));
    let accept = seen.header("Accept").expect("an Accept header");
    assert!(accept.starts_with("application/rss+xml"), "{accept}");
}

#[test]
fn a_page_is_fetched_as_html() {
    let server = TestServer::start();
    let html = "<html><body><p>Reiner signs for Rovers.</p></body></html>";
    server.route(
        "/story",
        Reply::ok(html).header("Content-Type", "text/html; charset=utf-8"),
    );
    let page = fetch_page(&server.url("/story"), &quick(), now()).expect("the page");
    assert_eq!(page.body, html.as_bytes());
    assert_eq!(
        page.content_type.as_deref(),
        Some("text/html; charset=utf-8")
    );
    let accept = server.requests("/story")[0]
        .header("Accept")
        .map(str::to_owned);
    assert!(accept.is_some_and(|a| a.starts_with("text/html")));
}

#[test]
fn a_file_url_is_read_and_then_not_modified() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let path = dir.path().join("desk feed.xml");
    std::fs::write(&path, FEED).expect("writing the feed");
    let url = url::Url::from_file_path(&path)
        .expect("an absolute path")
        .to_string();
    let (body, etag, last_modified) = fetched(fetch(&request(&url), &quick(), now()));
    assert_eq!(body, FEED.as_bytes());
    assert!(
        last_modified
            .as_deref()
            .is_some_and(|d| d.ends_with(" GMT"))
    );
    let again = Request {
        url,
        etag,
        last_modified,
    };
    assert!(matches!(
        fetch(&again, &quick(), now()),
        Ok(Response::NotModified { .. })
    ));
}

#[test]
fn a_missing_file_fails_with_its_path() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let path = dir.path().join("missing.xml");
    let url = url::Url::from_file_path(&path)
        .expect("an absolute path")
        .to_string();
    let failed = failure(fetch(&request(&url), &quick(), now()));
    assert_eq!(
        failed.message,
        format!("file not found: {}", path.display())
    );
}

#[test]
fn a_file_over_the_limit_fails() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let path = dir.path().join("big.xml");
    std::fs::write(&path, vec![b'x'; 4096]).expect("writing the file");
    let url = url::Url::from_file_path(&path)
        .expect("an absolute path")
        .to_string();
    let limits = Limits {
        max_bytes: 1024,
        ..quick()
    };
    let failed = failure(fetch(&request(&url), &limits, now()));
    assert_eq!(failed.message, "body larger than 1 KiB");
}

#[test]
fn ftp_is_refused() {
    let failed = failure(fetch(&request("ftp://127.0.0.1/feed.xml"), &quick(), now()));
    assert_eq!(failed.message, "unsupported scheme 'ftp'");
}

#[test]
fn a_closed_port_is_connection_refused() {
    let port = {
        let listener = TcpListener::bind("127.0.0.1:0").expect("a free local port");
        listener.local_addr().expect("its address").port()
    };
    let url = format!("http://127.0.0.1:{port}/feed.xml");
    let failed = failure(fetch(&request(&url), &quick(), now()));
    assert_eq!(failed.message, "connection refused");
}

#[test]
fn fetch_all_reports_every_feed_files_and_bad_urls_included() {
    let server = TestServer::start();
    server.route("/feed.xml", Reply::ok(FEED));
    let dir = tempfile::tempdir().expect("a temporary folder");
    let path = dir.path().join("local.xml");
    std::fs::write(&path, FEED).expect("writing the feed");
    let file_url = url::Url::from_file_path(&path)
        .expect("an absolute path")
        .to_string();
    let requests = [
        request(&server.url("/feed.xml")),
        request(&file_url),
        request("ftp://127.0.0.1/feed.xml"),
        request("feeds/relative.xml"),
    ];
    let mut results: Vec<Option<Result<Response, Failure>>> = vec![None; requests.len()];
    fetch_all(&requests, &quick(), now(), |i, result| {
        assert!(
            results[i].replace(result).is_none(),
            "feed {i} reported twice"
        );
    });
    let mut results = results.into_iter().map(|r| r.expect("every feed reports"));
    let mut next = || results.next().expect("four results");
    assert_eq!(fetched(next()).0, FEED.as_bytes());
    assert_eq!(fetched(next()).0, FEED.as_bytes());
    assert_eq!(failure(next()).message, "unsupported scheme 'ftp'");
    assert!(failure(next()).message.starts_with("not a URL"));
    fetch_all(&[], &quick(), now(), |i, _| {
        panic!("nothing to report, got {i}")
    });
}
