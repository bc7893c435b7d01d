// No console window behind the GUI on Windows.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

fn main() {
    let code = match eduplan::cli::run(std::env::args_os().skip(1).collect()) {
        eduplan::cli::Outcome::Exit(code) => code,
        eduplan::cli::Outcome::Gui(path) => eduplan::app::run_gui(path),
    };
    std::process::exit(code);
}
