// No console window behind the GUI on Windows.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

fn main() {
    attach_parent_console();
    stop_quietly_when_output_is_closed();
    let code = match eduplan::cli::run(std::env::args_os().skip(1).collect()) {
        eduplan::cli::Outcome::Exit(code) => code,
        eduplan::cli::Outcome::Gui(path) => eduplan::app::run_gui(path),
    };
    std::process::exit(code);
}

/// `eduplan status … | head`: once the reader has what it wants and closes the pipe, printing
/// fails; stop quietly there instead of reporting a crash (`println!` panics on a closed
/// output). Every other panic is reported as before.
fn stop_quietly_when_output_is_closed() {
    let report = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let payload = info.payload();
        let message = payload
            .downcast_ref::<String>()
            .map(String::as_str)
            .or_else(|| payload.downcast_ref::<&str>().copied())
            .unwrap_or("");
        if message.starts_with("failed printing to stdout") {
            std::process::exit(0);
        }
        report(info);
    }));
}

/// A GUI-subsystem program has no console; when started from cmd or PowerShell, borrow that
/// one so the command line (`eduplan status …`) can print. Started from Explorer there is no
/// parent console and this does nothing.
#[cfg(windows)]
#[allow(unsafe_code)] // one Win32 call with no pointers; it cannot fail in an unsafe way
fn attach_parent_console() {
    use windows_sys::Win32::System::Console::{ATTACH_PARENT_PROCESS, AttachConsole};
    // SAFETY: AttachConsole takes a process id and touches no memory of ours.
    unsafe {
        AttachConsole(ATTACH_PARENT_PROCESS);
    }
}

#[cfg(not(windows))]
fn attach_parent_console() {}
