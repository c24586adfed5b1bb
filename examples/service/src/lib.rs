//! An HTTP service that links the `betteroff` crate: post a scorecard's files, get its report.
//!
//! `POST /score?format=json|html|csv|markdown|text&as_of=2020-05&disclosure_control=true`
//! with either
//! - `multipart/form-data`: one part per file, named by its file name (`scorecard.toml` or
//!   `scorecard.json`, and optionally `observations.csv`, `comparators.csv`, `actions.csv`,
//!   `commentary.csv`, `annotations.csv`); or
//! - `application/json`: an object of file name to text, the same names.
//!
//! The answer is the report in the format asked for (the same bytes as the CLI and every other
//! front end), or, for a problem, a JSON body `{"errors": [{kind, file, line, row, field,
//! message}]}` with status 422 (the input is wrong), 400 (the request is), 413 (too large) or 503
//! (scoring took longer than the limit). `GET /health` answers `ok`.
//!
//! Everything the service computes comes from the crate's facade: `Scorecard::load_with_limits`,
//! `Scorecard::score_with`, `render::render`.

// The request readers return the answer to send as their error, as axum handlers do.
#![allow(clippy::result_large_err)]

use std::collections::BTreeMap;
use std::time::Duration;

use axum::body::Bytes;
use axum::extract::{DefaultBodyLimit, FromRequest, Multipart, Query, Request};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::Router;
use betteroff::render::{self, Format};
use betteroff::{Error, ErrorKind, Errors, Limits, Location, Period, Scorecard, Sources};
use serde::Deserialize;

/// The service's limits.
#[derive(Debug, Clone)]
pub struct Config {
    /// The largest request body accepted, in bytes (413 above it).
    pub max_body_bytes: usize,
    /// The longest a request may spend scoring and rendering (503 after it).
    pub max_time: Duration,
    /// The core's limits on each file, measures and rows.
    pub limits: Limits,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            max_body_bytes: 16 * 1024 * 1024,
            max_time: Duration::from_secs(10),
            limits: Limits::default(),
        }
    }
}

/// The routes, with the limits of `config`.
pub fn app(config: Config) -> Router {
    let body_limit = config.max_body_bytes;
    Router::new()
        .route("/health", get(|| async { "ok" }))
        .route(
            "/score",
            post(move |query, request| score(config.clone(), query, request)),
        )
        .layer(DefaultBodyLimit::max(body_limit))
}

/// The query string of `POST /score`.
#[derive(Debug, Deserialize)]
struct Params {
    format: Option<String>,
    as_of: Option<String>,
    disclosure_control: Option<bool>,
}

/// A problem as the answer's body says it.
fn problem(status: StatusCode, errors: &Errors) -> Response {
    let list: Vec<serde_json::Value> = errors
        .iter()
        .map(|e| {
            let at = e.location();
            serde_json::json!({
                "kind": e.kind().name(),
                "file": at.file,
                "line": at.line,
                "row": at.row,
                "field": at.field,
                "message": e.message(),
                "text": e.to_string(),
            })
        })
        .collect();
    let body = serde_json::json!({ "errors": list }).to_string();
    (
        status,
        [(header::CONTENT_TYPE, "application/json; charset=utf-8")],
        body,
    )
        .into_response()
}

fn request_error(status: StatusCode, field: &str, message: impl Into<String>) -> Response {
    problem(
        status,
        &Errors::one(Error::new(
            ErrorKind::Usage,
            Location::file("request").with_field(field),
            message,
        )),
    )
}

/// The status for a list of problems: the caller's usage is a bad request, the rest is input
/// that cannot be scored.
fn status_of(errors: &Errors) -> StatusCode {
    if errors.kind() == ErrorKind::Usage {
        StatusCode::BAD_REQUEST
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    }
}

/// The file names a scorecard is made of.
const FILES: [&str; 7] = betteroff::SCORECARD_FILES;

/// The posted files, by name, as text.
async fn files(request: Request) -> Result<BTreeMap<String, String>, Response> {
    let content_type = request
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_ascii_lowercase();
    let mut out = BTreeMap::new();
    if content_type.starts_with("multipart/form-data") {
        let mut form = Multipart::from_request(request, &())
            .await
            .map_err(|e| e.into_response())?;
        loop {
            let field = match form.next_field().await {
                Ok(Some(f)) => f,
                Ok(None) => break,
                Err(e) => return Err(too_large_or(e.status(), e.body_text())),
            };
            let name = field
                .file_name()
                .or(field.name())
                .unwrap_or_default()
                .to_string();
            let bytes = field
                .bytes()
                .await
                .map_err(|e| too_large_or(e.status(), e.body_text()))?;
            out.insert(name.clone(), text(&name, bytes)?);
        }
    } else if content_type.starts_with("application/json") {
        let bytes = Bytes::from_request(request, &())
            .await
            .map_err(|e| e.into_response())?;
        let body: BTreeMap<String, String> = serde_json::from_slice(&bytes).map_err(|e| {
            request_error(
                StatusCode::BAD_REQUEST,
                "body",
                format!("the body must be a JSON object of file name to text: {e}"),
            )
        })?;
        out = body;
    } else {
        return Err(request_error(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "content-type",
            "post the files as multipart/form-data, or as a JSON object of file name to text",
        ));
    }
    if let Some(unknown) = out.keys().find(|k| !FILES.contains(&k.as_str())) {
        return Err(request_error(
            StatusCode::BAD_REQUEST,
            unknown,
            format!(
                "unknown file {}: expected {}",
                betteroff::quoted(&unknown),
                FILES.join(", ")
            ),
        ));
    }
    Ok(out)
}

/// An over-large body is 413 whatever part of the stack noticed it; anything else stays as is.
fn too_large_or(status: StatusCode, text: String) -> Response {
    let status = if status == StatusCode::PAYLOAD_TOO_LARGE || text.contains("length limit") {
        StatusCode::PAYLOAD_TOO_LARGE
    } else {
        status
    };
    request_error(status, "body", text)
}

/// A part's bytes as UTF-8 text, the failing line named.
fn text(name: &str, bytes: Bytes) -> Result<String, Response> {
    betteroff::decode_utf8(bytes.to_vec(), name)
        .map_err(|e| problem(StatusCode::UNPROCESSABLE_ENTITY, &Errors::one(e)))
}

async fn score(config: Config, Query(params): Query<Params>, request: Request) -> Response {
    let format = match params.format.as_deref().map(Format::parse) {
        None => Format::Json,
        Some(Some(f)) => f,
        Some(None) => {
            return request_error(
                StatusCode::BAD_REQUEST,
                "format",
                format!("unknown format: expected {}", Format::NAMES),
            )
        }
    };
    let as_of = match params.as_of.as_deref().map(str::parse::<Period>) {
        None => None,
        Some(Ok(p)) => Some(p),
        Some(Err(e)) => return request_error(StatusCode::BAD_REQUEST, "as_of", e.to_string()),
    };
    let files = match files(request).await {
        Ok(f) => f,
        Err(response) => return response,
    };
    let disclosure = params.disclosure_control.unwrap_or(true);
    let limits = config.limits;
    // Scoring is CPU work: off the async threads, and bounded in time.
    let job = tokio::task::spawn_blocking(move || run(&files, &limits, as_of, disclosure, format));
    match tokio::time::timeout(config.max_time, job).await {
        Ok(Ok(Ok((body, content_type)))) => {
            let mut headers = HeaderMap::new();
            if let Ok(v) = content_type.parse() {
                headers.insert(header::CONTENT_TYPE, v);
            }
            (StatusCode::OK, headers, body).into_response()
        }
        Ok(Ok(Err(errors))) => problem(status_of(&errors), &errors),
        Ok(Err(_)) => request_error(
            StatusCode::INTERNAL_SERVER_ERROR,
            "scoring",
            "internal error while scoring (please report it)",
        ),
        Err(_) => request_error(
            StatusCode::SERVICE_UNAVAILABLE,
            "scoring",
            format!(
                "scoring took longer than the limit of {} ms",
                config.max_time.as_millis()
            ),
        ),
    }
}

/// Loads, scores and renders: the crate's facade, nothing else.
fn run(
    files: &BTreeMap<String, String>,
    limits: &Limits,
    as_of: Option<Period>,
    disclosure_control: bool,
    format: Format,
) -> Result<(String, &'static str), Errors> {
    let file = |name: &'static str| files.get(name).map(|t| (name, t.as_str()));
    let definition = match (file("scorecard.toml"), file("scorecard.json")) {
        (Some(d), None) | (None, Some(d)) => d,
        (Some(_), Some(_)) => {
            return Err(Errors::one(Error::new(
                ErrorKind::Usage,
                Location::file("request"),
                "both scorecard.toml and scorecard.json were posted: send one",
            )))
        }
        (None, None) => {
            return Err(Errors::one(Error::new(
                ErrorKind::Usage,
                Location::file("request"),
                "no scorecard.toml or scorecard.json was posted",
            )))
        }
    };
    let card = Scorecard::load_with_limits(
        Sources {
            definition,
            observations: file("observations.csv"),
            comparators: file("comparators.csv"),
            actions: file("actions.csv"),
            commentary: file("commentary.csv"),
            annotations: file("annotations.csv"),
            workbooks: &[],
            tables: &[],
        },
        *limits,
    )?;
    let report = card.score_with(as_of, disclosure_control)?;
    let content_type = match format {
        Format::Json => "application/json; charset=utf-8",
        Format::Html | Format::HtmlFragment => "text/html; charset=utf-8",
        Format::Csv => "text/csv; charset=utf-8",
        Format::Markdown => "text/markdown; charset=utf-8",
        _ => "text/plain; charset=utf-8",
    };
    Ok((render::render(&report, format, false), content_type))
}

/// Serves `app(config)` on `listener` until `shutdown` resolves.
pub async fn serve(
    listener: tokio::net::TcpListener,
    config: Config,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    axum::serve(listener, app(config))
        .with_graceful_shutdown(shutdown)
        .await
}

/// The bounded load test: a fixed number of requests over loopback, measured.
pub mod load {
    use std::collections::BTreeMap;
    use std::time::{Duration, Instant};

    /// What a load run measured.
    #[derive(Debug, Clone)]
    pub struct Measured {
        /// Requests sent (every one answered 200 with the expected body, or the run fails).
        pub requests: usize,
        /// Requests in flight at once.
        pub concurrency: usize,
        /// Wall time of the whole run.
        pub elapsed: Duration,
        /// Latency percentiles: 50th, 90th, 99th, and the slowest.
        pub p50: Duration,
        /// 90th percentile.
        pub p90: Duration,
        /// 99th percentile.
        pub p99: Duration,
        /// The slowest request.
        pub max: Duration,
    }

    impl Measured {
        /// Requests per second over the run.
        pub fn per_second(&self) -> f64 {
            self.requests as f64 / self.elapsed.as_secs_f64().max(1e-9)
        }
    }

    /// The scorecard folder's files, by name, as the service takes them.
    pub fn folder(dir: &std::path::Path) -> std::io::Result<BTreeMap<String, String>> {
        let mut out = BTreeMap::new();
        for name in super::FILES {
            let p = dir.join(name);
            if p.exists() {
                out.insert(name.to_string(), std::fs::read_to_string(p)?);
            }
        }
        Ok(out)
    }

    /// The `q`-quantile of sorted latencies (nearest rank).
    fn quantile(sorted: &[Duration], q: f64) -> Duration {
        if sorted.is_empty() {
            return Duration::ZERO;
        }
        let rank = ((q * sorted.len() as f64).ceil() as usize).clamp(1, sorted.len());
        sorted[rank - 1]
    }

    /// Starts the service on 127.0.0.1 (a free port), posts `files` as JSON `requests` times with
    /// `concurrency` in flight, and checks every answer is 200 with `expected` as its body.
    pub async fn run(
        files: &BTreeMap<String, String>,
        query: &str,
        expected: &str,
        requests: usize,
        concurrency: usize,
    ) -> Result<Measured, String> {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .map_err(|e| e.to_string())?;
        let addr = listener.local_addr().map_err(|e| e.to_string())?;
        let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
        let server = tokio::spawn(super::serve(listener, super::Config::default(), async {
            let _ = stopped.await;
        }));
        let body = serde_json::to_string(files).map_err(|e| e.to_string())?;
        let url = format!("http://{addr}/score?{query}");
        let client = reqwest::Client::new();
        let concurrency = concurrency.max(1);
        let started = Instant::now();
        let mut workers = Vec::new();
        for w in 0..concurrency {
            let n = requests / concurrency + usize::from(w < requests % concurrency);
            let (client, url, body, expected) = (
                client.clone(),
                url.clone(),
                body.clone(),
                expected.to_string(),
            );
            workers.push(tokio::spawn(async move {
                let mut times = Vec::with_capacity(n);
                for _ in 0..n {
                    let t = Instant::now();
                    let r = client
                        .post(&url)
                        .header("content-type", "application/json")
                        .body(body.clone())
                        .send()
                        .await
                        .map_err(|e| e.to_string())?;
                    let status = r.status();
                    let text = r.text().await.map_err(|e| e.to_string())?;
                    if status != reqwest::StatusCode::OK || text != expected {
                        return Err(format!("answer {status}: {}", &text[..text.len().min(300)]));
                    }
                    times.push(t.elapsed());
                }
                Ok::<_, String>(times)
            }));
        }
        let mut times = Vec::with_capacity(requests);
        for w in workers {
            times.extend(w.await.map_err(|e| e.to_string())??);
        }
        let elapsed = started.elapsed();
        let _ = stop.send(());
        let _ = server.await;
        times.sort();
        Ok(Measured {
            requests: times.len(),
            concurrency,
            elapsed,
            p50: quantile(&times, 0.5),
            p90: quantile(&times, 0.9),
            p99: quantile(&times, 0.99),
            max: times.last().copied().unwrap_or_default(),
        })
    }
}
