//! A progress bar on stderr for long runs. It appears only when stderr is a terminal and the
//! work has taken more than half a second, so short runs and pipes see nothing.

use std::io::{IsTerminal, Write};
use std::time::{Duration, Instant};

const DELAY: Duration = Duration::from_millis(500);
const WIDTH: usize = 30;

pub struct Bar {
    label: &'static str,
    start: Instant,
    enabled: bool,
    shown: bool,
    last_percent: usize,
}

impl Bar {
    pub fn new(label: &'static str) -> Self {
        let enabled =
            std::io::stderr().is_terminal() && std::env::var_os("BETTEROFF_NO_PROGRESS").is_none();
        Bar {
            label,
            start: Instant::now(),
            enabled,
            shown: false,
            last_percent: usize::MAX,
        }
    }

    pub fn update(&mut self, done: usize, total: usize) {
        if !self.enabled || total == 0 || self.start.elapsed() < DELAY {
            return;
        }
        let percent = done * 100 / total;
        if percent == self.last_percent {
            return;
        }
        self.last_percent = percent;
        self.shown = true;
        let filled = done * WIDTH / total;
        let bar: String = "#".repeat(filled) + &"-".repeat(WIDTH - filled);
        let mut err = std::io::stderr().lock();
        let _ = write!(
            err,
            "\r{} [{bar}] {percent:>3}% ({done}/{total})",
            self.label
        );
        let _ = err.flush();
    }

    /// Clears the bar's line, if it was shown.
    pub fn finish(&mut self) {
        if self.shown {
            let mut err = std::io::stderr().lock();
            let _ = write!(err, "\r{}\r", " ".repeat(self.label.len() + WIDTH + 24));
            let _ = err.flush();
        }
    }
}
