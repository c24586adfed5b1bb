//! A scorecard: its definition and the data fed to it (observations, comparators, actions).
//! Adding data is all or nothing: a file with any problem adds no rows, and every problem
//! in it is reported.

use crate::error::quoted;
use crate::error::{Error, ErrorKind, Errors, Location, RowSource};
use crate::input::definition::Format;
use crate::input::table::Records;
use crate::input::table::Source;
use crate::input::{actions, commentary, comparators, definition, file_name, observations};
use crate::keyed::Keyed;
use crate::model::action::Action;
use crate::model::baseline::Baseline;
use crate::model::comparator::ComparatorValue;
use crate::model::definition::{Definition, Section};
use crate::model::measure::Measure;
use crate::model::observation::Observation;
use crate::model::period::{Period, PeriodKind};
use crate::model::story::{Annotation, Commentary};
use crate::model::target::{Change, Rule, Target};
use crate::model::window::Window;
use chrono::NaiveDate;

/// Limits on input size, so that an absurd file gets a clear error rather than exhausting
/// memory. Front ends may raise them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Largest file, in bytes (default 256 MiB).
    pub max_file_bytes: usize,
    /// Most measures in one scorecard (default 100,000).
    pub max_measures: usize,
    /// Most rows in one table of observations, comparators or actions (default 10 million).
    pub max_rows: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_file_bytes: 256 << 20,
            max_measures: 100_000,
            max_rows: 10_000_000,
        }
    }
}

impl Limits {
    /// An error when `len` bytes of `file` exceed the limit.
    pub fn check_file(&self, file: &str, len: usize) -> Result<(), Error> {
        if len <= self.max_file_bytes {
            return Ok(());
        }
        Err(Error::new(ErrorKind::Usage, Location::file(file), format!(
            "the file is {} MB, over the limit of {} MB; raise the limit if it is meant to be this large",
            crate::num::fixed(len as f64 / 1048576.0, 1), crate::num::fixed(self.max_file_bytes as f64 / 1048576.0, 1)
        )))
    }

    /// An error when a bounded read of `file` (at most the limit and one byte more, as every
    /// front end reads) got `read` bytes, more than the limit: the file is larger, whatever
    /// size it reports (a FIFO, a device, a file still growing).
    pub fn check_read(&self, file: &str, read: usize) -> Result<(), Error> {
        if read <= self.max_file_bytes {
            return Ok(());
        }
        Err(Error::new(ErrorKind::Usage, Location::file(file), format!(
            "the file is larger than the limit of {} MB (reading stopped there); raise the limit if it is meant to be this large",
            crate::num::fixed(self.max_file_bytes as f64 / 1048576.0, 1)
        )))
    }

    fn check_rows(&self, file: &str, rows: usize) -> Result<(), Error> {
        if rows <= self.max_rows {
            return Ok(());
        }
        Err(Error::new(ErrorKind::Usage, Location::file(file), format!("{rows} rows, over the limit of {}; raise the limit if it is meant to be this large", self.max_rows)))
    }
}

/// A scorecard: its validated definition and the observations, comparators and actions added
/// to it.
///
/// Adding data is all or nothing: a file with any problem adds no rows, and every problem is
/// reported at once, with its file, line and field.
///
/// ```
/// use betteroff::{Scorecard, Sources};
/// let definition = r#"
/// id = "wsoa"
/// title = "Written Statement of Action"
/// [[sections]]
/// id = "p2"
/// title = "Assessment"
/// kind = "priority"
/// [[sections.measures]]
/// id = "A3a"
/// name = "Parents/carers dissatisfied with the assessment of their child's needs"
/// kind = "better_off"
/// unit = "percentage"
/// polarity = "lower_is_better"
/// baseline = { period = "2019-04", value = 32 }
/// target = { kind = "relative", change = -50, due = "2020-05" }
/// "#;
/// let card = Scorecard::load(Sources {
///     definition: ("scorecard.toml", definition),
///     observations: Some(("observations.csv", "measure,period,value\nA3a,2019-10,25\n")),
///     comparators: None,
///     actions: None,
///     commentary: None,
///     annotations: None,
///     workbooks: &[],
///     tables: &[],
/// })
/// .unwrap();
/// assert_eq!(card.observations().len(), 1);
///
/// // A bad row names its file, line and field, and adds nothing.
/// let mut card = card;
/// let e = card
///     .add_observations_csv("measure,period,value\nA3a,2019-13,25\n", "more.csv")
///     .unwrap_err();
/// assert!(e.to_string().starts_with("more.csv:2: field \"period\""), "{e}");
/// assert_eq!(card.observations().len(), 1);
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct Scorecard {
    pub(crate) definition: Definition,
    /// Each measure's (section, place in it), by id: a lookup, not a scan.
    index: Keyed<String, (usize, usize)>,
    limits: Limits,
    observations: Vec<Observation>,
    comparators: Vec<ComparatorValue>,
    actions: Vec<Action>,
    /// What the partnership said of each measure, period by period (`commentary.csv`).
    commentary: Vec<Commentary>,
    /// The events that explain each measure's series (`annotations.csv`).
    annotations: Vec<Annotation>,
    /// Figures replaced by a later row flagged `revised`, kept with their sources.
    superseded: Vec<Observation>,
    /// Measures with no frequency whose dated figures were read as months, quarters or years,
    /// and the note that says so in every report: (measure id, note).
    inferred: Vec<(String, String)>,
}

/// The names of the files a scorecard folder is made of (besides workbooks and the published
/// tables its definition names): the definition, then the data files `Sources` holds. Every
/// front end that reads or writes a folder (the CLI, `init`, the service) names them from here.
pub const SCORECARD_FILES: [&str; 7] = [
    "scorecard.toml",
    "scorecard.json",
    "observations.csv",
    "comparators.csv",
    "actions.csv",
    "commentary.csv",
    "annotations.csv",
];

/// The text of a scorecard's files, as a front end read them; `None` for a file not given.
#[derive(Debug, Clone, Copy, Default)]
pub struct Sources<'a> {
    /// (file name, text); the extension chooses TOML or JSON.
    pub definition: (&'a str, &'a str),
    /// `observations.csv`: (file name, text).
    pub observations: Option<(&'a str, &'a str)>,
    /// `comparators.csv`: (file name, text).
    pub comparators: Option<(&'a str, &'a str)>,
    /// `actions.csv`: (file name, text).
    pub actions: Option<(&'a str, &'a str)>,
    /// `commentary.csv`: (file name, text).
    pub commentary: Option<(&'a str, &'a str)>,
    /// `annotations.csv`: (file name, text).
    pub annotations: Option<(&'a str, &'a str)>,
    /// Workbooks (`.xlsx`, `.xlsm`, `.xlsb`, `.xls`, `.ods`): (file name, bytes), each read as
    /// [`Scorecard::add_workbook`] reads it.
    pub workbooks: &'a [(&'a str, &'a [u8])],
    /// Published tables the definition's `[[tables]]` name (EES, Fingertips): (file name, text),
    /// each read as [`Scorecard::add_table`] reads it. A table named there and not given here is
    /// an error.
    pub tables: &'a [(&'a str, &'a str)],
}

/// One observation per measure, period and breakdown.
type ObservationKey<'a> = (&'a str, Period, Window, Option<&'a (String, String)>);

/// Sorts observations (stably) by measure, then period, without a second copy of the rows: an
/// order of positions (four bytes a row) is sorted, then applied in place. Files arrive sorted
/// more often than not, and are left as they are.
fn sort_by_measure_and_period(rows: &mut [Observation]) {
    let before =
        |a: &Observation, b: &Observation| a.measure.cmp(&b.measure).then(a.period.cmp(&b.period));
    if rows.is_sorted_by(|a, b| before(a, b).is_le()) {
        return;
    }
    let mut order: Vec<u32> = (0..rows.len() as u32).collect();
    crate::num::sort_by(&mut order, |&x, &y| {
        before(&rows[x as usize], &rows[y as usize])
    });
    // Position k takes the row at order[k]: follow each cycle once, marking done slots.
    for start in 0..rows.len() {
        let mut k = start;
        while order[k] as usize != start && order[k] != u32::MAX {
            let next = order[k] as usize;
            rows.swap(k, next);
            order[k] = u32::MAX;
            k = next;
        }
        order[k] = u32::MAX;
    }
}

/// Borrows an owned (file name, text) pair for [`Sources`].
pub fn borrow_file(f: &Option<(String, String)>) -> Option<(&str, &str)> {
    f.as_ref().map(|(n, t)| (n.as_str(), t.as_str()))
}

/// Each measure's (section, place in it), by id (ids are unique: the definition reader checks).
fn index(definition: &Definition) -> Keyed<String, (usize, usize)> {
    let mut out = Keyed::new();
    for (s, section) in definition.sections.iter().enumerate() {
        for (m, measure) in section.measures.iter().enumerate() {
            out.or_insert(measure.id.clone(), (s, m));
        }
    }
    out
}

impl Scorecard {
    /// The validated definition.
    pub fn definition(&self) -> &Definition {
        &self.definition
    }

    /// The same scorecard (limits kept) with another definition and data, taken as they are:
    /// disclosure control's published view, whose rows are the checked rows, some withheld.
    pub(crate) fn with_data(
        &self,
        definition: Definition,
        observations: Vec<Observation>,
        comparators: Vec<ComparatorValue>,
    ) -> Scorecard {
        Scorecard {
            index: index(&definition),
            definition,
            limits: self.limits,
            observations,
            comparators,
            actions: self.actions.clone(),
            commentary: self.commentary.clone(),
            annotations: self.annotations.clone(),
            superseded: self.superseded.clone(),
            inferred: self.inferred.clone(),
        }
    }

    /// The definition, giving up the data.
    pub fn into_definition(self) -> Definition {
        self.definition
    }

    /// Replaces the scorecard-wide disclosure settings (threshold and rounding), for example to
    /// publish counts rounded to 5; a measure's own settings still apply to it.
    pub fn set_disclosure(&mut self, disclosure: crate::model::options::Disclosure) {
        self.definition.disclosure = disclosure;
    }

    /// A scorecard with no data yet, and the default limits.
    pub fn new(definition: Definition) -> Self {
        Scorecard {
            index: index(&definition),
            definition,
            limits: Limits::default(),
            observations: Vec::new(),
            comparators: Vec::new(),
            actions: Vec::new(),
            commentary: Vec::new(),
            annotations: Vec::new(),
            superseded: Vec::new(),
            inferred: Vec::new(),
        }
    }

    /// Checks the definition against `limits` and keeps them for the data added later.
    pub fn with_limits(mut self, limits: Limits) -> Result<Self, Errors> {
        let n = self.measures().count();
        if n > limits.max_measures {
            return Err(Errors::one(Error::new(
                ErrorKind::Usage,
                Location::file(&self.definition.id),
                format!("the scorecard has {n} measures, over the limit of {}; raise the limit if it is meant to be this large", limits.max_measures),
            )));
        }
        self.limits = limits;
        Ok(self)
    }

    /// Reads a TOML definition; `file` names it in errors. The default [`Limits`] hold (file
    /// size, measures), as for [`Scorecard::load`].
    pub fn from_toml(text: &str, file: &str) -> Result<Self, Errors> {
        Self::from_text(text, file, Format::Toml)
    }

    /// Reads a JSON definition (the TOML structure); `file` names it in errors. The default
    /// [`Limits`] hold.
    pub fn from_json(text: &str, file: &str) -> Result<Self, Errors> {
        Self::from_text(text, file, Format::Json)
    }

    fn from_text(text: &str, file: &str, format: Format) -> Result<Self, Errors> {
        Self::from_text_within(text, file, format, Limits::default())
    }

    fn from_text_within(
        text: &str,
        file: &str,
        format: Format,
        limits: Limits,
    ) -> Result<Self, Errors> {
        limits.check_file(file, text.len())?;
        Scorecard::new(definition::parse(text, file, format)?).with_limits(limits)
    }

    /// Loads a definition and its data files, reporting every problem in every file.
    pub fn load(src: Sources) -> Result<Self, Errors> {
        Self::load_with_limits(src, Limits::default())
    }

    /// As [`Scorecard::load`], checking every file against `limits` first.
    pub fn load_with_limits(src: Sources, limits: Limits) -> Result<Self, Errors> {
        for (f, t) in std::iter::once(src.definition)
            .chain(src.observations)
            .chain(src.comparators)
            .chain(src.actions)
            .chain(src.commentary)
            .chain(src.annotations)
        {
            limits.check_file(f, t.len())?;
        }
        let (name, text) = src.definition;
        let format = Format::from_file_name(name).ok_or_else(|| {
            Errors::one(Error::new(
                ErrorKind::Usage,
                Location::file(name),
                "a scorecard definition must be a .toml or .json file",
            ))
        })?;
        // A definition with problems still has its data checked, against the measures that read
        // (rows of a measure left out for its problems are not reported as unknown).
        let partial = definition::parse_partial(text, name, format);
        let Some(def) = partial.definition else {
            return Err(Errors(partial.errors));
        };
        let mut card = Scorecard::new(def).with_limits(limits)?;
        let mut errors = partial.errors;
        let broken = partial.broken;
        if let Some((f, t)) = src.observations {
            errors.extend(
                card.add_observations_csv(t, f)
                    .err()
                    .into_iter()
                    .flat_map(|e| e.0),
            );
        }
        if let Some((f, t)) = src.comparators {
            errors.extend(
                card.add_comparators_csv(t, f)
                    .err()
                    .into_iter()
                    .flat_map(|e| e.0),
            );
        }
        if let Some((f, t)) = src.actions {
            errors.extend(
                card.add_actions_csv(t, f)
                    .err()
                    .into_iter()
                    .flat_map(|e| e.0),
            );
        }
        if let Some((f, t)) = src.commentary {
            errors.extend(
                card.add_commentary_csv(t, f)
                    .err()
                    .into_iter()
                    .flat_map(|e| e.0),
            );
        }
        if let Some((f, t)) = src.annotations {
            errors.extend(
                card.add_annotations_csv(t, f)
                    .err()
                    .into_iter()
                    .flat_map(|e| e.0),
            );
        }
        for (f, t) in src.tables {
            errors.extend(card.add_table(t, f).err().into_iter().flat_map(|e| e.0));
        }
        for t in &card.definition.tables {
            let named = std::iter::once(("tables.file", &t.file))
                .chain(t.meta.as_ref().map(|m| ("tables.meta", m)));
            for (field, f) in named {
                if !src.tables.iter().any(|(g, _)| file_name(g) == file_name(f)) {
                    errors.push(Error::new(
                        ErrorKind::Usage,
                        Location::at(name, t.line, field),
                        format!(
                            "table {}: its file {} was not given (it is read from beside the definition)", quoted(&t.id), quoted(&f)),
                    ));
                }
            }
        }
        for (f, bytes) in src.workbooks {
            errors.extend(
                card.add_workbook(bytes, f)
                    .err()
                    .into_iter()
                    .flat_map(|e| e.0),
            );
        }
        errors.extend(card.validate().0);
        let unknown: Vec<String> = broken
            .iter()
            .map(|id| format!("unknown measure id {}", quoted(&id)))
            .collect();
        errors.retain(|e| !unknown.iter().any(|u| e.message().starts_with(u.as_str())));
        Errors(errors).into_result().map(|()| card)
    }

    /// The sections, in definition order.
    pub fn sections(&self) -> &[Section] {
        &self.definition.sections
    }

    /// Every measure with its section, in the definition's order.
    pub fn measures(&self) -> impl Iterator<Item = (&Section, &Measure)> {
        self.definition
            .sections
            .iter()
            .flat_map(|s| s.measures.iter().map(move |m| (s, m)))
    }

    /// The measure with this id.
    pub fn measure(&self, id: &str) -> Option<&Measure> {
        let &(s, m) = self.index.get(id)?;
        self.definition.sections.get(s)?.measures.get(m)
    }

    /// Every observation added, in the order added.
    pub fn observations(&self) -> &[Observation] {
        &self.observations
    }

    /// Every comparator figure added.
    pub fn comparators(&self) -> &[ComparatorValue] {
        &self.comparators
    }

    /// Every action added.
    pub fn actions(&self) -> &[Action] {
        &self.actions
    }

    /// Every period with an observation, in order, each once: the reporting periods a picker
    /// can offer.
    pub fn periods(&self) -> Vec<Period> {
        let mut p: Vec<Period> = self.observations.iter().map(|o| o.period).collect();
        crate::num::sort(&mut p);
        p.dedup();
        p
    }

    /// The latest period with an observation: the default reporting date.
    pub fn latest_period(&self) -> Option<Period> {
        self.observations.iter().map(|o| o.period).max()
    }

    /// Adds `observations.csv` text; `file` names it in errors.
    pub fn add_observations_csv(&mut self, text: &str, file: &str) -> Result<(), Errors> {
        self.limits.check_file(file, text.len())?;
        self.limits
            .check_rows(file, text.bytes().filter(|&b| b == b'\n').count())?;
        let find = |id: &str| self.measure(id);
        let rows = observations::parse(&Source::Csv { text, file }, &find)?;
        self.add_observations(rows)
    }

    /// Adds observations given as records (a DataFrame, a list of dicts), with the same checks
    /// as a CSV file; problems name the row.
    pub fn add_observations_records(&mut self, records: &Records) -> Result<(), Errors> {
        self.limits
            .check_rows(&records.source, records.rows.len())?;
        let find = |id: &str| self.measure(id);
        let rows = observations::parse(&Source::Records(records), &find)?;
        self.add_observations(rows)
    }

    /// Adds a workbook's data (`.xlsx`, `.xlsm`, `.xlsb`, `.xls`, `.ods`); `file` names it in
    /// errors, which name the sheet and cell. The sheets named `observations`, `comparators`,
    /// `actions`, `commentary` and `annotations` (in any case) are read, each with the columns of the CSV file of that
    /// name; a workbook with none of them whose file is so named (`observations.xlsx`) is read
    /// from its first sheet. Other sheets (notes, charts) are left, but one whose name
    /// mentions a kind without being it (`Observations 2024`) is an error, not a sheet
    /// silently skipped. All or nothing: a workbook with any problem adds no rows.
    #[cfg(feature = "workbook")]
    pub fn add_workbook(&mut self, bytes: &[u8], file: &str) -> Result<(), Errors> {
        self.limits.check_file(file, bytes.len())?;
        let mut book = crate::input::workbook::open(bytes, file)?;
        let chosen = crate::input::workbook::chosen_sheets(file, &book.names())?;
        let find = |id: &str| self.measure(id);
        let mut errors = Vec::new();
        let (mut obs, mut comps, mut acts, mut notes) = (None, None, None, None);
        let mut events = None;
        for (name, kind) in &chosen {
            let sheet = match book.sheet(name) {
                Ok(sheet) => sheet,
                Err(e) => {
                    errors.extend(e.0);
                    continue;
                }
            };
            if let Err(e) = self.limits.check_rows(
                &format!("{file}, sheet {}", quoted(&name)),
                sheet.rows.len(),
            ) {
                errors.push(e);
                continue;
            }
            let read = match kind {
                crate::input::workbook::SheetKind::Observations => observations::parse(
                    &Source::Sheet {
                        file,
                        sheet: &sheet,
                    },
                    &find,
                )
                .map(|r| obs = Some(r)),
                crate::input::workbook::SheetKind::Comparators => comparators::parse(
                    &Source::Sheet {
                        file,
                        sheet: &sheet,
                    },
                    &find,
                )
                .map(|r| comps = Some(r)),
                crate::input::workbook::SheetKind::Actions => actions::parse(&Source::Sheet {
                    file,
                    sheet: &sheet,
                })
                .map(|r| acts = Some(r)),
                crate::input::workbook::SheetKind::Commentary => commentary::parse(
                    &Source::Sheet {
                        file,
                        sheet: &sheet,
                    },
                    &find,
                )
                .map(|r| notes = Some(r)),
                crate::input::workbook::SheetKind::Annotations => commentary::parse_annotations(
                    &Source::Sheet {
                        file,
                        sheet: &sheet,
                    },
                    &find,
                )
                .map(|r| events = Some(r)),
            };
            errors.extend(read.err().into_iter().flat_map(|e| e.0));
        }
        Errors(errors).into_result()?;
        // Each add checks before it changes anything; observations (the large table) go last,
        // and the smaller tables are put back if they are refused.
        let held = (chosen.len() > 1).then(|| (self.comparators.clone(), self.actions.clone()));
        if let Some(rows) = acts {
            self.add_actions(rows)?;
        }
        if let Some(rows) = comps {
            if let Err(e) = self.add_comparators(rows) {
                if let Some((_, actions)) = held {
                    self.actions = actions;
                }
                return Err(e);
            }
        }
        if let Some(rows) = obs {
            if let Err(e) = self.add_observations(rows) {
                if let Some((comparators, actions)) = held {
                    self.comparators = comparators;
                    self.actions = actions;
                }
                return Err(e);
            }
        }
        // Commentary and annotations, checked as they were read, cannot be refused here.
        if let Some(rows) = notes {
            self.commentary.extend(rows);
        }
        if let Some(rows) = events {
            self.annotations.extend(rows);
        }
        Ok(())
    }

    /// Without the `workbook` feature: a workbook is refused, saying why.
    #[cfg(not(feature = "workbook"))]
    pub fn add_workbook(&mut self, _bytes: &[u8], file: &str) -> Result<(), Errors> {
        Err(Errors::one(Error::new(
            ErrorKind::Usage,
            Location::file(file),
            "this build of betteroff reads no workbooks (built without its `workbook` feature): save the sheets as CSV files",
        )))
    }

    /// Adds a published table that the definition's `[[tables]]` names by this file name (an
    /// EES tidy CSV or a Fingertips export): for each measure whose `from` names the table, our
    /// area's figures as observations, and England, the region, every other area (the benchmark
    /// group) and the statistical neighbours' mean as comparators (docs/data-sources.md). All
    /// or nothing.
    pub fn add_table(&mut self, text: &str, file: &str) -> Result<(), Errors> {
        self.limits.check_file(file, text.len())?;
        self.limits
            .check_rows(file, text.bytes().filter(|&b| b == b'\n').count())?;
        // An EES table's .meta.csv: checked against the measures that read the table.
        let metas: Vec<&crate::model::definition::DataTable> = self
            .definition
            .tables
            .iter()
            .filter(|t| {
                t.meta
                    .as_deref()
                    .is_some_and(|m| file_name(m) == file_name(file))
            })
            .collect();
        if !metas.is_empty() {
            let mut errors = Vec::new();
            for t in metas {
                let measures: Vec<&Measure> = self
                    .measures()
                    .map(|(_, m)| m)
                    .filter(|m| m.from.as_ref().is_some_and(|f| f.table == t.id))
                    .collect();
                errors.extend(
                    crate::input::ees::check_meta(text, file, &measures)
                        .err()
                        .into_iter()
                        .flat_map(|e| e.0),
                );
            }
            return Errors(errors).into_result();
        }
        let tables: Vec<&crate::model::definition::DataTable> = self
            .definition
            .tables
            .iter()
            .filter(|t| file_name(&t.file) == file_name(file))
            .collect();
        if tables.is_empty() {
            let named: Vec<String> = self
                .definition
                .tables
                .iter()
                .flat_map(|t| std::iter::once(&t.file).chain(&t.meta))
                .map(|f| format!("{}", quoted(&f)))
                .collect();
            return Err(Errors::one(Error::new(
                ErrorKind::Usage,
                Location::file(file),
                if named.is_empty() {
                    "the definition has no [[tables]] entry for this file: add one naming its file, format and our area".to_string()
                } else {
                    format!(
                        "no [[tables]] entry names this file (they name {})",
                        named.join(", ")
                    )
                },
            )));
        }
        let mut obs = Vec::new();
        let mut comps = Vec::new();
        let mut errors = Vec::new();
        for t in tables {
            let measures: Vec<&Measure> = self
                .measures()
                .map(|(_, m)| m)
                .filter(|m| m.from.as_ref().is_some_and(|f| f.table == t.id))
                .collect();
            let read = match t.format {
                crate::model::definition::TableFormat::Ees => {
                    crate::input::ees::read(text, file, t, &measures, &self.definition.analysis)
                }
                crate::model::definition::TableFormat::Fingertips => {
                    crate::input::fingertips::read(
                        text,
                        file,
                        t,
                        &measures,
                        &self.definition.analysis,
                    )
                }
            };
            match read {
                Ok(r) => {
                    obs.extend(r.observations);
                    comps.extend(r.comparators);
                }
                Err(e) => errors.extend(e.0),
            }
        }
        Errors(errors).into_result()?;
        let held = self.comparators.clone();
        self.add_comparators(comps)?;
        if let Err(e) = self.add_observations(obs) {
            self.comparators = held;
            return Err(e);
        }
        Ok(())
    }

    /// Adds comparator rows given as records (a DataFrame, a list of dicts).
    pub fn add_comparators_records(&mut self, records: &Records) -> Result<(), Errors> {
        self.limits
            .check_rows(&records.source, records.rows.len())?;
        let find = |id: &str| self.measure(id);
        let rows = comparators::parse(&Source::Records(records), &find)?;
        self.add_comparators(rows)
    }

    /// Adds action rows given as records.
    pub fn add_actions_records(&mut self, records: &Records) -> Result<(), Errors> {
        self.limits
            .check_rows(&records.source, records.rows.len())?;
        let rows = actions::parse(&Source::Records(records))?;
        self.add_actions(rows)
    }

    /// Adds parsed observations after checking them against each other and the ones held:
    /// one row per measure, period and breakdown, and one period kind per measure.
    pub fn add_observations(&mut self, mut rows: Vec<Observation>) -> Result<(), Errors> {
        self.infer_frequencies(&mut rows);
        // Every row, held and new, by position; errors carry the position (and their order
        // within a row) so that they are listed in file order.
        let all: Vec<&Observation> = self.observations.iter().chain(&rows).collect();
        let mut errors: Vec<(usize, u8, Error)> = Vec::new();
        // One kind of period per measure and window: a quarterly series and a rolling 12
        // months dated by month are two series, never one.
        let mut kinds: Keyed<(&str, Window), &Observation> = Keyed::new();
        let mut known: Vec<u32> = Vec::with_capacity(all.len());
        for (i, o) in all.iter().enumerate() {
            if self.measure(&o.measure).is_none() {
                errors.push((
                    i,
                    0,
                    Error::new(
                        ErrorKind::Data,
                        o.source.at("measure"),
                        format!(
                            "unknown measure id {}: the scorecard has no measure with that id",
                            quoted(&o.measure)
                        ),
                    ),
                ));
                continue;
            }
            known.push(i as u32);
            match kinds.get(&(o.measure.as_str(), o.window)) {
                Some(first) if first.period.kind() != o.period.kind() => {
                    errors.push((i, 2, Error::new(ErrorKind::Data, o.source.at("period"),
                        format!("measure {} mixes period kinds: {} here, {} at {}; use one kind per measure", quoted(&o.measure), o.period, first.period, row_place(&first.source)))));
                }
                Some(_) => {}
                None => {
                    kinds.insert((&o.measure, o.window), o);
                }
            }
        }
        // Duplicates: the positions sorted (stably) by measure, period and breakdown, so that
        // equal rows are adjacent and the first given comes first. Four bytes a row, where a
        // hash set of the keys took about a hundred.
        let key = |i: u32| -> ObservationKey {
            let o = all[i as usize];
            (
                o.measure.as_str(),
                o.period,
                o.window,
                o.breakdown.as_deref(),
            )
        };
        crate::num::sort_by(&mut known, |&x, &y| key(x).cmp(&key(y)));
        // A later row flagged `revised` replaces the one before it (a council's correction of
        // its first report): both are kept, the later scored, and the report says so. Any
        // other second row for the same figure is an error.
        let mut superseded: Vec<usize> = Vec::new();
        let mut first = 0;
        for k in 1..known.len() {
            if key(known[k]) != key(known[first]) {
                first = k;
                continue;
            }
            let (o, earlier) = (all[known[k] as usize], all[known[first] as usize]);
            if o.revised {
                superseded.push(known[k - 1] as usize);
                continue;
            }
            errors.push((
                known[k] as usize,
                1,
                Error::new(
                    ErrorKind::Data,
                    o.source.at("period"),
                    format!(
                        "duplicate observation for measure {} and period {}{}: first given at {} (flag a correction `revised` to replace the earlier figure)", quoted(&o.measure), o.period, breakdown_text(o), row_place(&earlier.source)),
                ),
            ));
        }
        drop((known, kinds, all));
        crate::num::sort_by_key(&mut errors, |(i, rank, _)| (*i, *rank));
        Errors(errors.into_iter().map(|(_, _, e)| e).collect()).into_result()?;
        if !superseded.is_empty() {
            crate::num::sort(&mut superseded);
            let gone = |i: usize| superseded.binary_search(&i).is_ok();
            let mut i = 0;
            let (mut kept_held, mut kept_new) = (Vec::new(), Vec::new());
            for o in std::mem::take(&mut self.observations) {
                if gone(i) {
                    self.superseded.push(o);
                } else {
                    kept_held.push(o);
                }
                i += 1;
            }
            for o in std::mem::take(&mut rows) {
                if gone(i) {
                    self.superseded.push(o);
                } else {
                    kept_new.push(o);
                }
                i += 1;
            }
            self.observations = kept_held;
            rows = kept_new;
        }
        // The first file moves in whole: no second copy of every row while extending.
        if self.observations.is_empty() {
            self.observations = rows;
        } else {
            self.observations.extend(rows);
        }
        sort_by_measure_and_period(&mut self.observations);
        Ok(())
    }

    /// For each measure with no frequency whose figures (new and held) are all days on the
    /// first, or all on the last, of their months: reads them as the months (quarters, years)
    /// they stand for, as Excel, pandas and NHS extracts write a month, and keeps a note that
    /// says so (`inferred_note`). Days that are not month boundaries stay days (ad hoc figures).
    fn infer_frequencies(&mut self, rows: &mut [Observation]) {
        let mut ids: Vec<&str> = rows
            .iter()
            .filter(|o| o.period.kind() == PeriodKind::Date)
            .map(|o| o.measure.as_str())
            .collect();
        crate::num::sort(&mut ids);
        ids.dedup();
        let ids: Vec<String> = ids.into_iter().map(str::to_string).collect();
        for id in ids {
            let Some(m) = self.measure(&id) else { continue };
            if m.frequency.is_some()
                || self
                    .observations_of(&id)
                    .iter()
                    .any(|o| o.period.kind() != PeriodKind::Date)
            {
                continue;
            }
            if rows
                .iter()
                .any(|o| o.measure == id && o.period.kind() != PeriodKind::Date)
            {
                continue;
            }
            let held = self.observations_of(&id).iter().map(|o| o.period.start());
            let days: Vec<NaiveDate> = held
                .chain(
                    rows.iter()
                        .filter(|o| o.measure == id)
                        .map(|o| o.period.start()),
                )
                .collect();
            let Some((kind, what)) = observations::infer_frequency(&days) else {
                continue;
            };
            let mut example = None;
            for o in rows.iter_mut().filter(|o| o.measure == id) {
                if let Ok(p) = Period::containing(kind, o.period.start()) {
                    example.get_or_insert((o.period, p));
                    o.period = p;
                }
            }
            let Some((day, p)) = example else { continue };
            self.inferred.push((id.clone(), format!(
                "No frequency is given; the figures are dated {what}, so they are read as {} ({day} as {p}). Set `frequency` in the definition to say so.",
                observations::kind_plural(kind)
            )));
        }
    }

    /// The note saying a measure's dated figures were read as months (quarters, years), if
    /// they were.
    pub(crate) fn inferred_note(&self, id: &str) -> Option<&str> {
        self.inferred
            .iter()
            .find(|(m, _)| m == id)
            .map(|(_, n)| n.as_str())
    }

    /// Adds `comparators.csv` text; `file` names it in errors.
    pub fn add_comparators_csv(&mut self, text: &str, file: &str) -> Result<(), Errors> {
        self.limits.check_file(file, text.len())?;
        self.limits
            .check_rows(file, text.bytes().filter(|&b| b == b'\n').count())?;
        let find = |id: &str| self.measure(id);
        let rows = comparators::parse(&Source::Csv { text, file }, &find)?;
        self.add_comparators(rows)
    }

    /// Adds comparator figures already read.
    pub fn add_comparators(&mut self, rows: Vec<ComparatorValue>) -> Result<(), Errors> {
        let mut errors = Vec::new();
        let mut seen: Keyed<(&str, Period, &str), &RowSource> = Keyed::new();
        for c in self.comparators.iter().chain(&rows) {
            // The first row given is the one named: a third copy is a duplicate of the first,
            // not of the second.
            let first = *seen.or_insert((&c.measure, c.period, &c.comparator), &c.source);
            if !std::ptr::eq(first, &c.source) {
                errors.push(Error::new(ErrorKind::Data, c.source.at("comparator"),
                    format!("duplicate value for comparator {}, measure {}, period {}: first given at {}", quoted(&c.comparator), quoted(&c.measure), c.period, row_place(first))));
            }
        }
        Errors(errors).into_result()?;
        self.comparators.extend(rows);
        // Sorted (stably) so that one measure's comparators are a contiguous range in the
        // order the file gave them: reports list comparators in that order.
        crate::num::sort_by(&mut self.comparators, |a, b| a.measure.cmp(&b.measure));
        Ok(())
    }

    /// Adds `commentary.csv` text (measure, period, text, author); `file` names it in errors.
    pub fn add_commentary_csv(&mut self, text: &str, file: &str) -> Result<(), Errors> {
        self.limits.check_file(file, text.len())?;
        self.limits
            .check_rows(file, text.bytes().filter(|&b| b == b'\n').count())?;
        let find = |id: &str| self.measure(id);
        let rows = commentary::parse(&Source::Csv { text, file }, &find)?;
        self.commentary.extend(rows);
        Ok(())
    }

    /// As [`Scorecard::add_commentary_csv`], for rows given as records (a DataFrame).
    pub fn add_commentary_records(&mut self, records: &Records) -> Result<(), Errors> {
        self.limits
            .check_rows(&records.source, records.rows.len())?;
        let find = |id: &str| self.measure(id);
        let rows = commentary::parse(&Source::Records(records), &find)?;
        self.commentary.extend(rows);
        Ok(())
    }

    /// Adds `annotations.csv` text (measure, period, text: the events that explain a series);
    /// `file` names it in errors.
    pub fn add_annotations_csv(&mut self, text: &str, file: &str) -> Result<(), Errors> {
        self.limits.check_file(file, text.len())?;
        self.limits
            .check_rows(file, text.bytes().filter(|&b| b == b'\n').count())?;
        let find = |id: &str| self.measure(id);
        let rows = commentary::parse_annotations(&Source::Csv { text, file }, &find)?;
        self.annotations.extend(rows);
        Ok(())
    }

    /// As [`Scorecard::add_annotations_csv`], for rows given as records (a DataFrame).
    pub fn add_annotations_records(&mut self, records: &Records) -> Result<(), Errors> {
        self.limits
            .check_rows(&records.source, records.rows.len())?;
        let find = |id: &str| self.measure(id);
        let rows = commentary::parse_annotations(&Source::Records(records), &find)?;
        self.annotations.extend(rows);
        Ok(())
    }

    /// Every annotation, in the order given.
    pub fn annotations(&self) -> &[Annotation] {
        &self.annotations
    }

    /// The figures a later row flagged `revised` replaced, with their sources.
    pub fn superseded(&self) -> &[Observation] {
        &self.superseded
    }

    /// Every commentary row, in the order given.
    pub fn commentary(&self) -> &[Commentary] {
        &self.commentary
    }

    /// Adds `actions.csv` text; `file` names it in errors.
    pub fn add_actions_csv(&mut self, text: &str, file: &str) -> Result<(), Errors> {
        self.limits.check_file(file, text.len())?;
        self.limits
            .check_rows(file, text.bytes().filter(|&b| b == b'\n').count())?;
        let rows = actions::parse(&Source::Csv { text, file })?;
        self.add_actions(rows)
    }

    /// Adds actions already read.
    pub fn add_actions(&mut self, rows: Vec<Action>) -> Result<(), Errors> {
        let mut errors = Vec::new();
        let mut seen: Keyed<&str, &Location> = Keyed::new();
        for a in self.actions.iter().chain(&rows) {
            let first = *seen.or_insert(&a.id, &a.source);
            if !std::ptr::eq(first, &a.source) {
                errors.push(Error::new(
                    ErrorKind::Data,
                    a.source.clone(),
                    format!(
                        "duplicate action id {}: first given at {}",
                        quoted(&a.id),
                        place(first)
                    ),
                ));
            }
            if let Some(s) = &a.section {
                if !self.definition.sections.iter().any(|x| &x.id == s) {
                    errors.push(Error::new(
                        ErrorKind::Data,
                        a.source.clone().with_field("section"),
                        format!(
                            "unknown section {}: the scorecard has no section with that id",
                            quoted(&s)
                        ),
                    ));
                }
            }
        }
        Errors(errors).into_result()?;
        self.actions.extend(rows);
        Ok(())
    }

    /// Problems that need the definition and the data together.
    pub fn validate(&self) -> Errors {
        let mut errors = Vec::new();
        for (_, m) in self.measures() {
            if let Some(e) = self.zero_observed_baseline(m) {
                errors.push(e);
            }
            if let Err(e) = self.proportions(m) {
                errors.push(e);
            }
            // With actions loaded, one the record names that is not among them is a mistake
            // (a typo); with none loaded, a warning says the record shows no actions.
            let unknown = m
                .turn_the_curve
                .actions
                .iter()
                .filter(|id| !self.actions.iter().any(|a| &a.id == *id));
            for id in unknown.filter(|_| !self.actions.is_empty()) {
                errors.push(Error::new(
                    ErrorKind::Definition,
                    Location::at(&self.definition.file, m.line, "turn_the_curve.actions"),
                    format!(
                        "measure {}: no action {} among the actions loaded",
                        quoted(&m.id),
                        quoted(&id)
                    ),
                ));
            }
        }
        Errors(errors)
    }

    /// A percentage measure whose figures were given as proportions (0.32 for 32%): every
    /// figure given as a value lies between 0 and 1. Against a figure the plan states above 1
    /// and 25 times the largest figure or more (a stated baseline, an absolute or threshold
    /// target, a milestone) the scales cannot both be right: an error, which would otherwise
    /// score 0.25% against a 16% target as achieved. Within 25 times (0.9% of pupils, to reach
    /// 4.5%), the scales agree. With nothing stated to compare, and three figures or more, a note that the
    /// report shows (`Ok(Some(note))`).
    pub(crate) fn proportions(&self, m: &Measure) -> Result<Option<String>, Error> {
        if m.unit != crate::model::kinds::Unit::Percentage {
            return Ok(None);
        }
        let given: Vec<&Observation> = self
            .series(&m.id)
            .into_iter()
            .filter(|o| matches!(o.reading, crate::model::observation::Reading::Value { .. }))
            .collect();
        let values: Vec<f64> = given.iter().filter_map(|o| o.value()).collect();
        if values.is_empty()
            || !values.iter().all(|v| (0.0..=1.0).contains(v))
            || !values.iter().any(|&v| v > 0.0)
        {
            return Ok(None);
        }
        let stated_rule = |r: &Rule| match r {
            Rule::Absolute { value } | Rule::Threshold { value, .. } => Some(*value),
            _ => None,
        };
        let mut stated: Vec<(&str, f64)> = Vec::new();
        if let Some(Baseline::Stated { value, .. }) = &m.baseline {
            stated.push(("baseline", *value));
        }
        match &m.target {
            Some(Target::Single { rule, .. }) => {
                stated.extend(stated_rule(rule).map(|v| ("target", v)))
            }
            Some(Target::Milestones(ms)) => {
                stated.extend(
                    ms.iter()
                        .filter_map(|s| stated_rule(&s.rule))
                        .map(|v| ("milestone", v)),
                );
            }
            None => {}
        }
        let shown: Vec<String> = values
            .iter()
            .take(3)
            .map(|v| crate::num::fmt_num(*v))
            .collect();
        // Proportions against percentages are a hundredfold apart; a plan's small percentages
        // (0.9% of pupils, to reach 4.5%) are within a few times of their target.
        let top = values.iter().copied().fold(0.0, f64::max);
        if stated.iter().any(|&(_, v)| v > 1.0 && v < 25.0 * top) {
            return Ok(None);
        }
        if let Some((what, v)) = stated.into_iter().find(|(_, v)| *v > 1.0) {
            return Err(Error::new(
                ErrorKind::Data,
                given[0].source.at("value"),
                format!(
                    "measure {} is a percentage, and its figures are all between 0 and 1 ({}), but its {what} is {}: give the figures as percentages (32 for 32%), or the {what} as a proportion", quoted(&m.id), shown.join(", "), crate::num::fmt_num(v)),
            ));
        }
        Ok((values.len() >= 3).then(|| format!(
            "The figures are all between 0 and 1 ({}, ...): if they are proportions, give them as percentages (0.32 is read as 0.32%, not 32%).",
            shown.join(", ")
        )))
    }

    /// A relative target whose baseline comes from the data, where that observation is zero.
    fn zero_observed_baseline(&self, m: &Measure) -> Option<Error> {
        let relative = |r: &Rule| matches!(r, Rule::Change(Change::Relative { .. }));
        let has_relative = match m.target.as_ref()? {
            Target::Single { rule, .. } => relative(rule),
            Target::Milestones(ms) => ms.iter().any(|s| relative(&s.rule)),
        };
        if !has_relative {
            return None;
        }
        let series = self.series(&m.id);
        let obs = match m.baseline.as_ref()? {
            Baseline::Observed { period } => series.into_iter().find(|o| o.period == *period)?,
            Baseline::First => series.into_iter().find(|o| o.value().is_some())?,
            Baseline::Stated { .. } => return None,
        };
        let v = obs.value()?;
        let what = if v == 0.0 {
            "zero"
        } else if v < 0.0 {
            "negative"
        } else {
            return None;
        };
        Some(Error::new(ErrorKind::Target, obs.source.at("value"),
            format!("measure {}: this observation is the baseline of a relative target, and it is {what}: state the target as points or an absolute value", quoted(&m.id))))
    }

    /// A measure's total series (no breakdown rows), in period order.
    pub fn series(&self, id: &str) -> Vec<&Observation> {
        self.observations_of(id)
            .iter()
            .filter(|o| o.breakdown.is_none())
            .collect()
    }

    /// The window of measure `m`'s headline series at `as_of` (`model::window::headline`:
    /// the definition's `window`, or the period itself, or the latest figure's window), and
    /// that series: its totals of that window on or before `as_of`, in period order. `None`
    /// and no figures when the definition names a window no figure has. Scoring, the warnings
    /// and disclosure's notes all read a measure's series here.
    pub fn headline(&self, m: &Measure, as_of: Period) -> (Option<Window>, Vec<&Observation>) {
        let totals = || {
            self.series(&m.id)
                .into_iter()
                .filter(move |o| o.period.end() <= as_of.end())
        };
        let w =
            crate::model::window::headline(m.window, totals().map(|o| (o.window, o.period.end())));
        (w, totals().filter(|o| Some(o.window) == w).collect())
    }

    /// Every observation of a measure, breakdown rows included, in period order. The rows are
    /// kept sorted by measure, so this is a range, not a scan.
    pub fn observations_of(&self, id: &str) -> &[Observation] {
        let start = self
            .observations
            .partition_point(|o| o.measure.as_str() < id);
        let end = self
            .observations
            .partition_point(|o| o.measure.as_str() <= id);
        &self.observations[start..end]
    }

    /// Every comparator value of a measure, in the order given.
    pub fn comparators_of(&self, id: &str) -> &[ComparatorValue] {
        let start = self
            .comparators
            .partition_point(|c| c.measure.as_str() < id);
        let end = self
            .comparators
            .partition_point(|c| c.measure.as_str() <= id);
        &self.comparators[start..end]
    }
}

fn breakdown_text(o: &Observation) -> String {
    let window = if o.window.is_period() {
        String::new()
    } else {
        format!(" ({})", o.window.words())
    };
    window
        + &o.breakdown
            .as_deref()
            .map_or(String::new(), |(d, c)| format!(" ({d} = {c})"))
}

pub(crate) fn row_place(at: &RowSource) -> String {
    place(&at.location())
}

/// A row's place without its field: `file:line`, or `file, sheet "s", row r` in a workbook.
fn place(at: &Location) -> String {
    match (at.line, &at.sheet) {
        (Some(l), _) => format!("{}:{l}", at.file),
        (None, Some(_)) => Location {
            field: None,
            cell: None,
            ..at.clone()
        }
        .to_string(),
        (None, None) => at.file.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const TWO: &str = "id = \"x\"\ntitle = \"X\"\n[[sections]]\nid = \"s\"\ntitle = \"S\"\n\
                       kind = \"service\"\n[[sections.measures]]\nid = \"a\"\nname = \"A\"\n\
                       kind = \"how_much\"\nunit = \"count\"\npolarity = \"neutral\"\n\
                       breakdowns = [\"age\"]\n[[sections.measures]]\nid = \"b\"\nname = \"B\"\n\
                       kind = \"how_much\"\nunit = \"count\"\npolarity = \"neutral\"\n";

    proptest! {
        /// Rows in any order are held as a stable sort by measure and period would hold them
        /// (the in-place permutation), and a duplicate is found wherever it is, naming the
        /// first line it was given on.
        #[test]
        fn any_row_order_is_held_sorted_and_duplicates_are_found(
            order in Just((0..24usize).collect::<Vec<_>>()).prop_shuffle(),
            dup in prop::option::of(0usize..24),
        ) {
            // 24 rows: "a" for six months, a total and an age breakdown each; "b" for twelve.
            let rows: Vec<String> = (0..24)
                .map(|k| match k {
                    0..=5 => format!("a,2020-{:02},{k},,", k + 1),
                    6..=11 => format!("a,2020-{:02},{k},age,0-4", k - 5),
                    _ => format!("b,2020-{:02},{k},,", k - 11),
                })
                .collect();
            let mut lines: Vec<String> = order.iter().map(|&k| rows[k].clone()).collect();
            if let Some(d) = dup {
                lines.push(rows[order[d]].clone());
            }
            let text = format!("measure,period,value,breakdown,category\n{}\n", lines.join("\n"));
            let mut card = Scorecard::from_toml(TWO, "t.toml").unwrap();
            let result = card.add_observations_csv(&text, "o.csv");
            match dup {
                Some(d) => {
                    let e = result.unwrap_err().to_string();
                    let want = format!("o.csv:{}: field \"period\": duplicate observation", lines.len() + 1);
                    prop_assert!(e.starts_with(&want), "{}", e);
                    prop_assert!(e.contains(&format!("first given at o.csv:{} (", d + 2)), "{}", e);
                }
                None => {
                    result.unwrap();
                    let held: Vec<(String, Period)> = card.observations.iter().map(|o| (o.measure.clone(), o.period)).collect();
                    let mut want = held.clone();
                    want.sort();
                    prop_assert_eq!(&held, &want);
                    // Stable: within a measure and period, the rows keep the file's order.
                    let mut by_file: Vec<&Observation> = card.observations.iter().collect();
                    by_file.sort_by_key(|o| (o.measure.clone(), o.period, o.source.line()));
                    let a: Vec<Option<usize>> = card.observations.iter().map(|o| o.source.line()).collect();
                    let b: Vec<Option<usize>> = by_file.iter().map(|o| o.source.line()).collect();
                    prop_assert_eq!(a, b);
                }
            }
        }
    }

    #[test]
    fn a_definition_from_text_is_held_to_the_limits() {
        // What from_toml and from_json (and so Python's and JavaScript's fromToml) apply,
        // with limits small enough to reach: 2 measures against 1, 200 bytes against 100.
        let text = "id = \"x\"\ntitle = \"X\"\n[[sections]]\nid = \"s\"\ntitle = \"S\"\n\
                    kind = \"service\"\n[[sections.measures]]\nid = \"a\"\nname = \"A\"\n\
                    kind = \"how_much\"\nunit = \"count\"\npolarity = \"neutral\"\n\
                    [[sections.measures]]\nid = \"b\"\nname = \"B\"\nkind = \"how_much\"\n\
                    unit = \"count\"\npolarity = \"neutral\"\n";
        let few = Limits {
            max_measures: 1,
            ..Limits::default()
        };
        let e = Scorecard::from_text_within(text, "x.toml", Format::Toml, few).unwrap_err();
        assert!(e.to_string().contains("2 measures"), "{e}");
        let small = Limits {
            max_file_bytes: 100,
            ..Limits::default()
        };
        let e = Scorecard::from_text_within(text, "x.toml", Format::Toml, small).unwrap_err();
        assert!(e.to_string().starts_with("x.toml: the file is"), "{e}");
        assert!(Scorecard::from_toml(text, "x.toml").is_ok());
    }

    const CARD: &str = r#"
id = "t"
title = "T"
[[sections]]
id = "s"
title = "S"
kind = "priority"
[[sections.measures]]
id = "m"
name = "M"
kind = "how_well"
unit = "percentage"
polarity = "lower_is_better"
baseline = { period = "2019-04" }
target = { kind = "relative", change = -50, due = "2020-05" }
"#;

    fn card() -> Scorecard {
        Scorecard::from_toml(CARD, "scorecard.toml").unwrap()
    }

    #[test]
    fn duplicate_observation_names_both_lines() {
        let mut c = card();
        let e = c
            .add_observations_csv(
                "measure,period,value\nm,2019-04,32\nm,2019-04,31\n",
                "obs.csv",
            )
            .unwrap_err();
        assert_eq!(e.to_string(), "obs.csv:3: field \"period\": duplicate observation for measure \"m\" and period 2019-04: first given at obs.csv:2 (flag a correction `revised` to replace the earlier figure)");
        assert!(
            c.observations().is_empty(),
            "a file with a problem adds nothing"
        );
    }

    /// A third copy of a row is a duplicate of the first: each error names line 2, not the
    /// copy before it.
    #[test]
    fn duplicates_name_the_first_row_given() {
        let mut c = card();
        let e = c
            .add_actions_csv(
                "id,title,due,status\n1,T,2020-01,completed\n1,T,2020-01,completed\n1,T,2020-01,completed\n",
                "actions.csv",
            )
            .unwrap_err();
        let text = e.to_string();
        assert_eq!(
            text.matches("first given at actions.csv:2").count(),
            2,
            "{text}"
        );
        assert!(!text.contains("first given at actions.csv:3"), "{text}");
        let e = c
            .add_comparators_csv(
                "measure,period,comparator,value\nm,2019-04,England,1\nm,2019-04,England,2\nm,2019-04,England,3\n",
                "comparators.csv",
            )
            .unwrap_err();
        let text = e.to_string();
        assert_eq!(
            text.matches("first given at comparators.csv:2").count(),
            2,
            "{text}"
        );
    }

    #[test]
    fn mixed_period_kinds_are_refused() {
        let mut c = card();
        let e = c
            .add_observations_csv(
                "measure,period,value\nm,2019-04,32\nm,2019-Q3,31\n",
                "obs.csv",
            )
            .unwrap_err();
        assert!(
            e.to_string()
                .contains("mixes period kinds: 2019-Q3 here, 2019-04 at obs.csv:2"),
            "{e}"
        );
    }

    #[test]
    fn zero_observed_baseline_for_relative_target() {
        let mut c = card();
        c.add_observations_csv("measure,period,value\nm,2019-04,0\n", "obs.csv")
            .unwrap();
        let e = c.validate();
        assert_eq!(e.len(), 1);
        assert!(e.to_string().starts_with("obs.csv:2: field \"value\": measure \"m\": this observation is the baseline of a relative target, and it is zero"), "{e}");
    }

    #[test]
    fn periods_are_listed_once_in_order() {
        let mut c = card();
        c.add_observations_csv(
            "measure,period,value\nm,2019-10,25\nm,2019-04,32\n",
            "obs.csv",
        )
        .unwrap();
        let p: Vec<String> = c.periods().iter().map(ToString::to_string).collect();
        assert_eq!(p, ["2019-04", "2019-10"]);
    }

    #[test]
    fn load_reports_problems_in_every_file() {
        let e = Scorecard::load(Sources {
            definition: ("scorecard.toml", CARD),
            observations: Some(("obs.csv", "measure,period,value\nx,2019-04,1\n")),
            comparators: Some((
                "cmp.csv",
                "measure,period,comparator,value\nm,2019-04,England,x\n",
            )),
            actions: Some(("actions.csv", "id,title,due,status\n1,T,2020-01,done\n")),
            commentary: None,
            annotations: None,
            workbooks: &[],
            tables: &[],
        })
        .unwrap_err();
        let files: Vec<&str> = e.iter().map(|e| e.location().file.as_str()).collect();
        assert_eq!(files, ["obs.csv", "cmp.csv", "actions.csv"]);
    }
}
