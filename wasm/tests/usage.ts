// Type-checked with `tsc --noEmit` against the generated betteroff.d.ts, so that the hand-written
// types (Report and everything in it) stay usable and precise: no `any` leaks into user code.
import type { BetteroffError, MeasureResult, Report, SpcRule, Status } from "../pkg/node/betteroff.js";
import { Scorecard, projectDemand, parsePeriod, spcColumns } from "../pkg/node/betteroff.js";

const card: Scorecard = Scorecard.fromToml("id = \"t\"\ntitle = \"T\"\n");
card.addObservations([{ measure: "m", period: "2020-05", value: 12, flag: null }]);
const report: Report = card.score({ asOf: "2020-05" });
const offTrack: MeasureResult[] = report.measures.filter((m) => m.status === "off_track");
const status: Status = report.measures[0].status;
const label: string = report.measures[0].status_label;
const gap: number | null = report.measures[0].comparators[0]?.gap ?? null;
const done: number | null = report.summary.actions.percent_complete;
const counts: number = report.summary.by_status.at_risk + report.summary.by_rag.amber;
const svg: string = card.chart("m", { asOf: "2020-05" });
const variation: string | undefined = report.measures[0].spc?.points[0]?.rule_text;
const band: "A" | "B" | "C" | "D" | null | undefined = report.measures[0].benchmark?.band;
const turned: boolean | null | undefined = report.measures[0].forecast?.turned;
const html: string = card.toHtml();
const json: string = card.toJson({ asOf: "2020-05" });
const steps = projectDemand(1568, { "2020": 1.9 });
const rounded: number = steps[0].rounded;
const end: string = parsePeriod("2019/20").end;
const cols = spcColumns(Uint32Array.from([1, 1]), Float64Array.from([3, 5]), "neutral");
const firstRule: SpcRule = cols.ruleNames[cols.rule[0]];
const upper: number | null = cols.upper[0];
const scored = card.scoreColumns(
  Uint32Array.from([1]), Uint32Array.from([0]), ["m"], Uint32Array.from([0]), ["2020-05"], Float64Array.from([12]),
);
const seriesStatus: Status = scored.statusNames[scored.status[0]];
card.addWorkbook(new Uint8Array(0), "book.xlsx");
card.addWorkbook(new ArrayBuffer(0));
card.addTable("time_period,time_identifier,geographic_level\n", "ks4.csv");
card.addTable(new Uint8Array(0), "ks4.csv");
const warnedAt: string | undefined = report.warnings[0]?.location.cell;
const method: "wilson" | "byar" | "exact_poisson" | "published" | undefined = report.measures[0].interval?.method;
const q3: number = scored.q3[0];
try {
  Scorecard.fromJson({ id: "t" });
} catch (e) {
  const err = e as BetteroffError;
  const where: number | null = err.errors[0].row ?? err.errors[0].line;
  const cell: string | null = err.errors[0].cell;
  console.log(err.kind, where, cell);
}
// @ts-expect-error: a status is one of the known names
const wrong: Status = "fine";
console.log(offTrack, status, label, gap, done, counts, svg, html, json, rounded, end, wrong, variation, band, turned, firstRule, upper,
  seriesStatus, q3, warnedAt, method);
