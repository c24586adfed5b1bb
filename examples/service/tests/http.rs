//! The service started on 127.0.0.1 and called over HTTP: the report is the golden vector's bytes
//! (the same as every front end), problems come back as JSON naming file, line and field, and
//! the limits on size and time hold. The last test is the load test on a small count.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::Duration;

use betteroff_service::{load, serve, Config};
use reqwest::multipart::{Form, Part};
use serde_json::Value;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn dudley() -> BTreeMap<String, String> {
    load::folder(&root().join("examples/dudley-wsoa")).expect("the Dudley example")
}

/// A golden vector of the WSoA, its files named as the service names them: by their field
/// (`observations.csv`), where the CLI that wrote the vector was given the folder's path. A
/// warning's location is the only place a file's name appears in a report.
fn vector(name: &str) -> String {
    std::fs::read_to_string(root().join("tests/vectors").join(name))
        .expect("a golden vector")
        .replace("examples/dudley-wsoa/", "")
}

/// The service on a free loopback port; the base URL. It stops when the test's runtime ends.
async fn start(config: Config) -> String {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(serve(listener, config, std::future::pending()));
    format!("http://{addr}")
}

fn multipart(files: &BTreeMap<String, String>) -> Form {
    files.iter().fold(Form::new(), |form, (name, text)| {
        form.part(
            name.clone(),
            Part::text(text.clone()).file_name(name.clone()),
        )
    })
}

async fn post_json(url: &str, files: &BTreeMap<String, String>) -> (u16, String) {
    let r = reqwest::Client::new()
        .post(url)
        .header("content-type", "application/json")
        .body(serde_json::to_string(files).unwrap())
        .send()
        .await
        .unwrap();
    (r.status().as_u16(), r.text().await.unwrap())
}

#[tokio::test]
async fn the_report_is_the_golden_vector_in_every_format() {
    let base = start(Config::default()).await;
    let health = reqwest::get(format!("{base}/health")).await.unwrap();
    assert_eq!(health.text().await.unwrap(), "ok");
    // Multipart, as a browser form or curl -F sends a folder's files.
    let r = reqwest::Client::new()
        .post(format!("{base}/score?as_of=2020-05&format=json"))
        .multipart(multipart(&dudley()))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status().as_u16(), 200);
    assert_eq!(
        r.headers()["content-type"],
        "application/json; charset=utf-8"
    );
    assert_eq!(r.text().await.unwrap(), vector("dudley-wsoa-2020-05.json"));
    // JSON, and the other formats: HTML is the golden page; CSV is the core's own rendering.
    let (status, html) = post_json(
        &format!("{base}/score?as_of=2020-05&format=html"),
        &dudley(),
    )
    .await;
    assert_eq!((status, html), (200, vector("dudley-wsoa-2020-05.html")));
    let (status, md) = post_json(
        &format!("{base}/score?as_of=2020-05&format=markdown"),
        &dudley(),
    )
    .await;
    assert_eq!((status, md), (200, vector("dudley-wsoa-2020-05.md")));
    let (status, csv) =
        post_json(&format!("{base}/score?as_of=2020-05&format=csv"), &dudley()).await;
    let files = dudley();
    let card = betteroff::Scorecard::load(betteroff::Sources {
        definition: ("scorecard.toml", &files["scorecard.toml"]),
        observations: Some(("observations.csv", &files["observations.csv"])),
        comparators: Some(("comparators.csv", &files["comparators.csv"])),
        actions: Some(("actions.csv", &files["actions.csv"])),
        commentary: None,
        annotations: None,
        workbooks: &[],
        tables: &[],
    })
    .unwrap();
    let report = card.score(Some("2020-05".parse().unwrap())).unwrap();
    assert_eq!(
        (status, csv),
        (
            200,
            betteroff::render::render(&report, betteroff::render::Format::Csv, false)
        )
    );
}

#[tokio::test]
async fn problems_name_file_line_and_field() {
    let base = start(Config::default()).await;
    let url = format!("{base}/score?as_of=2020-05");
    // A period that cannot be read ("2019-110"), on line 3 of the observations.
    let mut files = dudley();
    let mut lines: Vec<&str> = files["observations.csv"].lines().collect();
    let bad = lines[2].replacen("2019-", "2019-1", 1);
    lines[2] = &bad;
    let text = lines.join("\n") + "\n";
    files.insert("observations.csv".into(), text);
    let (status, body) = post_json(&url, &files).await;
    assert_eq!(status, 422, "{body}");
    let v: Value = serde_json::from_str(&body).unwrap();
    let e = &v["errors"][0];
    assert_eq!(
        (&e["kind"], &e["file"], &e["line"], &e["field"]),
        (
            &Value::from("period"),
            &Value::from("observations.csv"),
            &Value::from(3),
            &Value::from("period")
        ),
        "{body}"
    );
    // A definition problem names the definition's line.
    let mut files = BTreeMap::new();
    files.insert(
        "scorecard.toml".to_string(),
        "id = \"x\"\ntitle = \"X\"\n[[sections]]\nid = \"s\"\ntitle = \"S\"\nkind = \"service\"\n\
         [[sections.measures]]\nid = \"m\"\nname = \"M\"\nkind = \"how_well\"\nunit = \"furlongs\"\n\
         polarity = \"higher_is_better\"\n"
            .to_string(),
    );
    let (status, body) = post_json(&url, &files).await;
    let v: Value = serde_json::from_str(&body).unwrap();
    assert_eq!(status, 422, "{body}");
    assert_eq!(v["errors"][0]["file"], "scorecard.toml");
    assert_eq!(v["errors"][0]["field"], "unit");
    assert!(v["errors"][0]["line"].is_u64(), "{body}");
    // The request itself: an unknown format, an unknown file, no definition, a bad period.
    for (query, files, field) in [
        ("format=pdf", dudley(), "format"),
        ("as_of=2020-13", dudley(), "as_of"),
    ] {
        let (status, body) = post_json(&format!("{base}/score?{query}"), &files).await;
        let v: Value = serde_json::from_str(&body).unwrap();
        assert_eq!(
            (status, &v["errors"][0]["field"]),
            (400, &Value::from(field)),
            "{body}"
        );
    }
    let mut odd = dudley();
    odd.insert("notes.txt".into(), "hello".into());
    let (status, body) = post_json(&url, &odd).await;
    assert_eq!(status, 400, "{body}");
    assert!(body.contains("unknown file \\\"notes.txt\\\""), "{body}");
    let mut none = dudley();
    none.remove("scorecard.toml");
    let (status, body) = post_json(&url, &none).await;
    assert_eq!(status, 400, "{body}");
    assert!(
        body.contains("no scorecard.toml or scorecard.json was posted"),
        "{body}"
    );
    let r = reqwest::Client::new()
        .post(&url)
        .header("content-type", "text/plain")
        .body("hello")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status().as_u16(), 415);
}

#[tokio::test]
async fn size_and_time_limits_hold() {
    // A body over the limit is refused before it is read whole, as JSON and as multipart.
    let small = Config {
        max_body_bytes: 2_000,
        ..Config::default()
    };
    let base = start(small).await;
    let (status, body) = post_json(&format!("{base}/score"), &dudley()).await;
    assert_eq!(status, 413, "{body}");
    let r = reqwest::Client::new()
        .post(format!("{base}/score"))
        .multipart(multipart(&dudley()))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status().as_u16(), 413);
    let v: Value = serde_json::from_str(&r.text().await.unwrap()).unwrap();
    assert_eq!(v["errors"][0]["field"], "body");
    // Scoring that outlasts the time limit (here: none at all) is cut off with 503.
    let hurried = Config {
        max_time: Duration::ZERO,
        ..Config::default()
    };
    let base = start(hurried).await;
    let (status, body) = post_json(&format!("{base}/score?as_of=2020-05"), &dudley()).await;
    assert_eq!(status, 503, "{body}");
    assert!(
        body.contains("scoring took longer than the limit of 0 ms"),
        "{body}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_load_test_on_a_small_count() {
    // Every answer must be the golden report; the figures themselves go to docs/benchmarks.md
    // from the release build (betteroff-service-load), not from this test.
    let m = load::run(
        &dudley(),
        "as_of=2020-05&format=json",
        &vector("dudley-wsoa-2020-05.json"),
        40,
        4,
    )
    .await
    .unwrap();
    assert_eq!((m.requests, m.concurrency), (40, 4));
    assert!(m.p50 <= m.p90 && m.p90 <= m.p99 && m.p99 <= m.max);
}
