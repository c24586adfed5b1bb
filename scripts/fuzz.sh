#!/usr/bin/env bash
# Fuzzes every parser and the scoring for SECONDS each (default 600), one target at a time, and
# records what libFuzzer reports in target/fuzz-logs/. Not part of the test command: run it by
# hand and copy the figures into docs/robustness.md. Any crash it finds is saved under
# fuzz/artifacts/<target>/ and must become a regression test.
#
# cargo-fuzz passes -Z flags; RUSTC_BOOTSTRAP=1 lets this machine's stable toolchain accept them.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-600}
command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz
export RUSTC_BOOTSTRAP=1
mkdir -p target/fuzz-logs
# TARGETS="period render" runs only those.
for t in ${TARGETS:-definition_toml definition_json observations_csv period scoring batch_spc batch_score disclosure render utf8_bytes workbook published_tables}; do
  mkdir -p "fuzz/corpus/$t"
  case $t in
    definition_toml) for f in examples/*/scorecard.toml tests/fixtures/minimal/scorecard.toml; do cp "$f" "fuzz/corpus/$t/$(echo "$f" | tr / _)"; done ;;
    observations_csv) for f in examples/*/*.csv; do cp "$f" "fuzz/corpus/$t/$(echo "$f" | tr / _)"; done ;;
    workbook) cargo run -q -p betteroff --example workbook_fixtures -- target/fixtures && cp target/fixtures/*.xlsx "fuzz/corpus/$t/" ;;
    published_tables) cp examples/dorset-ees/ks4-attainment.csv "fuzz/corpus/$t/ees.csv"
      printf 'Indicator ID,Area Code,Area Name,Area Type,Sex,Time period,Value,Value note,Parent Code\n90631,E06000059,Dorset,UA,Persons,2022/23,18.2,,E12000009\n' > "fuzz/corpus/$t/fingertips.csv" ;;
    period) for p in 2019-04 2020-Q1 2020 2019/20 FY2019/20 "Autumn 2019" 2019-04-30; do printf '%s' "$p" > "fuzz/corpus/$t/$(echo "$p" | tr '/ ' '__')"; done ;;
  esac
  echo "== $t for ${seconds}s"
  (cd fuzz && cargo fuzz run -O "$t" -- -max_total_time="$seconds" -rss_limit_mb=2048 -max_len=65536 -print_final_stats=1) \
    > "target/fuzz-logs/$t.log" 2>&1 || echo "$t: libFuzzer stopped early (see target/fuzz-logs/$t.log)"
  grep -E "^(stat::number_of_executed_units|stat::peak_rss_mb|Done|==[0-9]+==ERROR|SUMMARY)" "target/fuzz-logs/$t.log" || true
done
