//! Progress on stderr (indicatif): the files being read, then the measures or series being
//! scored. Drawn only when stderr is a terminal, and never with `--quiet` or
//! `BETTEROFF_NO_PROGRESS` set; cleared when the work is done, so that what is left on the
//! terminal is the output and the messages.

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::time::Duration;

pub struct Progress {
    bar: ProgressBar,
}

impl Progress {
    /// A progress display on stderr, hidden when `quiet`, when `BETTEROFF_NO_PROGRESS` is set or
    /// when stderr is not a terminal (indicatif's stderr target draws only to a terminal).
    pub fn new(quiet: bool) -> Self {
        let hidden = quiet || std::env::var_os("BETTEROFF_NO_PROGRESS").is_some();
        let bar = if hidden {
            ProgressBar::hidden()
        } else {
            ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr())
        };
        Progress { bar }
    }

    /// A spinner naming each file as it is read.
    pub fn reading(&self, file: &str) {
        self.bar.set_style(spinner());
        self.bar.set_message(format!("Reading {file}"));
        self.bar.tick();
    }

    /// A spinner that turns by itself while one long step (`what`) runs.
    pub fn working(&self, what: impl Into<String>) {
        self.bar.set_style(spinner());
        self.bar.set_message(what.into());
        self.bar.enable_steady_tick(Duration::from_millis(120));
    }

    /// A bar over `total` units of `what` (measures), moved by [`Progress::at`].
    pub fn counting(&self, what: &'static str, total: usize) {
        self.bar.disable_steady_tick();
        self.bar.set_style(
            ProgressStyle::with_template("{msg} [{bar:30}] {pos}/{len} ({eta})")
                .map(|s| s.progress_chars("#>-"))
                .unwrap_or_else(|_| ProgressStyle::default_bar()),
        );
        self.bar.set_message(what);
        self.bar.set_length(total as u64);
        self.bar.set_position(0);
    }

    /// `done` of the units being counted.
    pub fn at(&self, done: usize, total: usize) {
        self.bar.set_length(total as u64);
        self.bar.set_position(done as u64);
    }

    /// A reader that moves a bar over its `len` bytes (`what`: the file).
    pub fn bytes<R: std::io::Read>(
        &self,
        what: String,
        len: Option<u64>,
        inner: R,
    ) -> indicatif::ProgressBarIter<R> {
        self.bar.disable_steady_tick();
        match len {
            Some(len) => {
                self.bar.set_style(
                    ProgressStyle::with_template("{msg} [{bar:30}] {bytes}/{total_bytes} ({eta})")
                        .map(|s| s.progress_chars("#>-"))
                        .unwrap_or_else(|_| ProgressStyle::default_bar()),
                );
                self.bar.set_length(len);
            }
            None => {
                self.bar.set_style(
                    ProgressStyle::with_template("{spinner} {msg} {bytes}")
                        .unwrap_or_else(|_| ProgressStyle::default_spinner()),
                );
            }
        }
        self.bar.set_position(0);
        self.bar.set_message(what);
        self.bar.wrap_read(inner)
    }

    /// Clears the display.
    pub fn finish(&self) {
        self.bar.finish_and_clear();
    }
}

impl Drop for Progress {
    fn drop(&mut self) {
        self.bar.finish_and_clear();
    }
}

fn spinner() -> ProgressStyle {
    ProgressStyle::with_template("{spinner} {msg}")
        .unwrap_or_else(|_| ProgressStyle::default_spinner())
}
