// No console window behind the GUI on Windows.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

fn main() {
    match eduplan::cli::run(std::env::args_os().skip(1).collect()) {
        eduplan::cli::Outcome::Exit(code) => std::process::exit(code),
        eduplan::cli::Outcome::Gui(path) => {
            eprintln!("GUI not yet: {path:?}");
        }
    }
}
