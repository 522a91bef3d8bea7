//! fieldnotes: a terminal notebook for qualitative customer research.
//!
//! The library holds everything: the note model and its YAML ([`note`], [`yaml`]), the
//! notebook on disk ([`notebook`]), the codebook ([`codebook`]), checking ([`check`]), search ([`index`], [`query`]), the
//! command line ([`cli`]) and the terminal UI ([`tui`]). The binary only calls [`cli::main`].
//! Every text from a notebook reaches a terminal through [`safe`].

// Printing goes through `cli::output`, which makes what it prints safe; a stray `println!`
// could let a note's escape sequences reach the terminal.
#![warn(clippy::print_stdout, clippy::print_stderr)]

pub mod board;
pub mod check;
pub mod cli;
pub mod codebook;
pub mod dirs;
pub mod error;
pub mod exchange;
pub mod git;
pub mod index;
pub mod memory;
pub mod note;
pub mod notebook;
pub mod problem;
pub mod query;
pub mod safe;
pub mod tui;
pub mod waiting;
pub mod yaml;
