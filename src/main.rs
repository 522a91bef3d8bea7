//! The `fieldnotes` binary: everything lives in the library.

fn main() -> std::process::ExitCode {
    fieldnotes::cli::main()
}
