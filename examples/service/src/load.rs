//! `betteroff-service-load [REQUESTS] [CONCURRENCY] [DIR] [AS_OF]`: the bounded load test
//! (docs/benchmarks.md). Starts the service on loopback, posts the scorecard in DIR (default:
//! the Dudley WSoA example) REQUESTS times (default 2,000), CONCURRENCY at once (default 4),
//! checks every answer against the core's own report, and prints requests per second and
//! latency percentiles. Build it with `--release` for figures worth recording.

use std::path::PathBuf;

#[tokio::main]
async fn main() -> std::process::ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let number = |i: usize, default: usize| -> Result<usize, String> {
        args.get(i).map_or(Ok(default), |a| {
            a.parse()
                .map_err(|_| format!("not a count: {}", betteroff::quoted(&a)))
        })
    };
    let (requests, concurrency) = match (number(0, 2000), number(1, 4)) {
        (Ok(r), Ok(c)) if r > 0 && c > 0 => (r, c),
        (Err(e), _) | (_, Err(e)) => return fail(&e),
        _ => return fail("REQUESTS and CONCURRENCY must be at least 1"),
    };
    let dir = args
        .get(2)
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../dudley-wsoa"));
    let as_of = args
        .get(3)
        .cloned()
        .unwrap_or_else(|| "2020-05".to_string());
    let files = match betteroff_service::load::folder(&dir) {
        Ok(f) => f,
        Err(e) => return fail(&format!("{}: {e}", dir.display())),
    };
    // The expected answer is the core's own report, scored in this process.
    let expected = match expected(&files, &as_of) {
        Ok(e) => e,
        Err(e) => return fail(&e),
    };
    let query = format!("as_of={as_of}&format=json");
    match betteroff_service::load::run(&files, &query, &expected, requests, concurrency).await {
        Ok(m) => {
            println!(
                "{} requests, {} at once, {} in {:.2} s: {:.0} requests/s; latency p50 {:.2} ms, \
                 p90 {:.2} ms, p99 {:.2} ms, max {:.2} ms",
                m.requests,
                m.concurrency,
                dir.display(),
                m.elapsed.as_secs_f64(),
                m.per_second(),
                ms(m.p50),
                ms(m.p90),
                ms(m.p99),
                ms(m.max)
            );
            std::process::ExitCode::SUCCESS
        }
        Err(e) => fail(&e),
    }
}

fn ms(d: std::time::Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn expected(
    files: &std::collections::BTreeMap<String, String>,
    as_of: &str,
) -> Result<String, String> {
    let file = |n: &'static str| files.get(n).map(|t| (n, t.as_str()));
    let card = betteroff::Scorecard::load(betteroff::Sources {
        definition: file("scorecard.toml")
            .or(file("scorecard.json"))
            .ok_or("no scorecard.toml or scorecard.json")?,
        observations: file("observations.csv"),
        comparators: file("comparators.csv"),
        actions: file("actions.csv"),
        commentary: None,
        annotations: None,
        workbooks: &[],
        tables: &[],
    })
    .map_err(|e| e.to_string())?;
    let as_of = as_of
        .parse()
        .map_err(|e: betteroff::PeriodError| e.to_string())?;
    Ok(card
        .score(Some(as_of))
        .map_err(|e| e.to_string())?
        .to_json())
}

fn fail(message: &str) -> std::process::ExitCode {
    eprintln!("betteroff-service-load: {message}");
    std::process::ExitCode::FAILURE
}
