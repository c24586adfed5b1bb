//! `betteroff-service [ADDR]`: serves the scoring API (src/lib.rs) on ADDR (default
//! 127.0.0.1:8080) until Ctrl-C.

use betteroff_service::{serve, Config};

#[tokio::main]
async fn main() -> std::process::ExitCode {
    let addr = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "127.0.0.1:8080".to_string());
    let listener = match tokio::net::TcpListener::bind(&addr).await {
        Ok(l) => l,
        Err(e) => {
            eprintln!("betteroff-service: cannot listen on {addr}: {e}");
            return std::process::ExitCode::FAILURE;
        }
    };
    eprintln!("betteroff-service: listening on http://{addr} (POST /score, GET /health)");
    let shutdown = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    match serve(listener, Config::default(), shutdown).await {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("betteroff-service: {e}");
            std::process::ExitCode::FAILURE
        }
    }
}
