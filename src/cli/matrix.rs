//! `matrix`: codes against the cases they were seen in, or against each other, as a table,
//! JSON or CSV for a spreadsheet: the framework matrix, counted from the index over the notes
//! a query finds.

use clap::{Args, ValueEnum};
use serde::Serialize;

use super::list::stdout_error;
use super::output::{print_json, say};
use super::{Context, EXIT_OK, EXIT_USAGE};
use crate::board::matrix::{Cases, Row, co_occurrence, code_by_case};
use crate::board::tree;
use crate::error::{Error, Result};
use crate::safe;

/// Arguments of `matrix`.
#[derive(Debug, Args)]
pub struct MatrixArgs {
    /// What the rows are: why-codes, each with its sub-codes.
    #[arg(long, value_enum, default_value_t = Rows::Codes)]
    rows: Rows,
    /// What the columns are.
    #[arg(long, value_enum, default_value_t = Cols::Studies)]
    cols: Cols,
    /// Only the top-level codes (each counts its sub-codes).
    #[arg(long)]
    top: bool,
    /// A query that narrows the notes counted, as `search` takes it.
    #[arg(value_name = "QUERY")]
    query: Vec<String>,
    /// Print JSON instead of a table.
    #[arg(long, conflicts_with = "csv")]
    json: bool,
    /// Print CSV, for a spreadsheet.
    #[arg(long)]
    csv: bool,
}

/// What a matrix's rows can be.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Rows {
    /// Why-codes.
    Codes,
}

/// What a matrix's columns can be.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Cols {
    /// Participants (alias within study).
    Participants,
    /// Studies.
    Studies,
    /// Places.
    Places,
    /// Who recorded the notes.
    Researchers,
    /// Kinds of note.
    Kinds,
    /// Why-codes: findings that carry both.
    Codes,
}

#[derive(Serialize)]
struct Table {
    rows: Vec<String>,
    cols: Vec<String>,
    cells: Vec<Vec<usize>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    c: Option<Vec<Vec<f64>>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    row_totals: Vec<usize>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    col_totals: Vec<usize>,
}

/// Prints the matrix.
pub fn run(args: MatrixArgs, context: &Context) -> Result<u8> {
    let notebook = context.notebook()?;
    let (codebook, _) = notebook.codebook();
    let Some(facts) = super::board::facts_for(&notebook, context, &args.query.join(" "))? else {
        return Ok(EXIT_USAGE);
    };
    let rows: Vec<Row> = tree(&codebook, &facts)
        .into_iter()
        .filter(|r| !args.top || r.depth == 0)
        .filter(|r| r.usage.findings + r.usage.notes > 0)
        .map(|r| Row {
            codes: r.codes(&codebook),
            name: r.name,
        })
        .collect();
    let cases = match args.cols {
        Cols::Participants => Some(Cases::Participants),
        Cols::Studies => Some(Cases::Studies),
        Cols::Places => Some(Cases::Places),
        Cols::Researchers => Some(Cases::Researchers),
        Cols::Kinds => Some(Cases::Kinds),
        Cols::Codes => None,
    };
    let table = match cases {
        Some(cases) => {
            let m = code_by_case(&facts, &rows, cases);
            Table {
                rows: m.rows,
                cols: m.cols,
                cells: m.cells,
                c: None,
                row_totals: m.row_totals,
                col_totals: m.col_totals,
            }
        }
        None => {
            let m = co_occurrence(&facts, &rows);
            let names: Vec<String> = rows.iter().map(|r| r.name.clone()).collect();
            Table {
                rows: names.clone(),
                cols: names,
                cells: m
                    .iter()
                    .map(|r| r.iter().map(|p| p.findings).collect())
                    .collect(),
                c: Some(m.iter().map(|r| r.iter().map(|p| p.c).collect()).collect()),
                row_totals: Vec::new(),
                col_totals: Vec::new(),
            }
        }
    };
    if args.json {
        print_json(&table).map_err(stdout_error)?;
    } else if args.csv {
        print_csv(&table)?;
    } else {
        print_table(&table)?;
    }
    Ok(EXIT_OK)
}

fn print_csv(table: &Table) -> Result<()> {
    let failed = |e: csv::Error| {
        Error::invalid(
            format!("the CSV could not be written: {e}"),
            "is the output closed?",
        )
    };
    let mut out = csv::Writer::from_writer(std::io::stdout().lock());
    let totals = !table.row_totals.is_empty();
    // What a spreadsheet shows a terminal may show too: names made safe like any output.
    let mut heading = vec!["code".to_owned()];
    heading.extend(table.cols.iter().map(|c| safe::line(c)));
    if totals {
        heading.push("total".to_owned());
    }
    out.write_record(&heading).map_err(failed)?;
    for (i, name) in table.rows.iter().enumerate() {
        let mut record = vec![safe::line(name)];
        record.extend(table.cells[i].iter().map(usize::to_string));
        if totals {
            record.push(table.row_totals[i].to_string());
        }
        out.write_record(&record).map_err(failed)?;
    }
    if totals {
        let mut record = vec!["total".to_owned()];
        record.extend(table.col_totals.iter().map(usize::to_string));
        record.push(String::new());
        out.write_record(&record).map_err(failed)?;
    }
    out.flush()
        .map_err(|e| Error::io("cannot write", "standard output", e))?;
    Ok(())
}

fn print_table(table: &Table) -> Result<()> {
    let names: Vec<String> = table.rows.iter().map(|r| safe::line(r)).collect();
    let cols: Vec<String> = table.cols.iter().map(|c| safe::line(c)).collect();
    let first = names
        .iter()
        .map(|n| n.chars().count())
        .max()
        .unwrap_or(4)
        .max(5);
    let widths: Vec<usize> = cols.iter().map(|c| c.chars().count().max(3)).collect();
    let totals = !table.row_totals.is_empty();
    let mut line = format!("{:first$}", "");
    for (col, width) in cols.iter().zip(&widths) {
        line.push_str(&format!("  {col:>width$}"));
    }
    if totals {
        line.push_str("  total");
    }
    say(line.trim_end())?;
    for (i, name) in names.iter().enumerate() {
        let mut line = format!("{name:first$}");
        for (n, width) in table.cells[i].iter().zip(&widths) {
            let shown = if *n == 0 {
                "·".to_owned()
            } else {
                n.to_string()
            };
            line.push_str(&format!("  {shown:>width$}"));
        }
        if totals {
            line.push_str(&format!("  {:>5}", table.row_totals[i]));
        }
        say(line)?;
    }
    if totals {
        let mut line = format!("{:first$}", "total");
        for (n, width) in table.col_totals.iter().zip(&widths) {
            line.push_str(&format!("  {n:>width$}"));
        }
        say(line)?;
    }
    Ok(())
}
